import i18next, { type i18n } from 'i18next';
import {
  catalogs,
  LANGUAGES,
  resolveLanguage,
  type Language,
  type LanguagePreference,
} from '../locales/index.ts';

// The main process's side of the shared catalogs: the tray menu, notices and validation messages.
// One i18next instance, switched when the OS language or the Settings choice changes.

export type Translate = (key: string, params?: Record<string, unknown>) => string;

function createInstance(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: catalogs[l] }])),
    // Menus and notices are plain text, never HTML: nothing to escape.
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}

/** A translator fixed to one language (tests, and each tray rebuild). */
export function translator(language: Language): Translate {
  const instance = createInstance(language);
  return (key, params) => instance.t(key, params ?? {});
}

/** English, for what goes to logs and tests beside the translated text. */
export const english: Translate = translator('en');

let system: readonly string[] = [];
let preference: LanguagePreference = 'system';
let current: Language = 'en';
let t: Translate = translator('en');

/** The OS languages (app.getPreferredSystemLanguages() then app.getLocale()), once at start. */
export function setSystemLanguages(locales: readonly string[]): void {
  system = [...locales];
  update();
}

/** The Settings choice; 'system' follows the OS. */
export function setLanguagePreference(p: LanguagePreference): void {
  preference = p;
  update();
}

export function currentLanguage(): Language {
  return current;
}

export function systemLanguages(): string[] {
  return [...system];
}

/** Translates in the current language. */
export const tr: Translate = (key, params) => t(key, params);

function update(): void {
  const next = resolveLanguage(preference, system);
  if (next === current) return;
  current = next;
  t = translator(next);
}
