import i18next, { type i18n } from 'i18next';
import { useEffect } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import {
  catalogs,
  LANGUAGES,
  renderMessage,
  resolveLanguage,
  type Language,
  type Message,
} from '../../../locales/index.ts';
import { useSettings } from '../hooks/useLive.ts';

// The window's side of the shared catalogs (locales/): the same texts the tray menu shows.

export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance().use(initReactI18next);
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: catalogs[l] }])),
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = language;
  return instance;
}

/**
 * Follows Settings → Language while the window is open: the settings:changed push (from this
 * window, another one, or a file edit) switches every visible text at once, no reload.
 */
export function useLanguageSync(systemLanguages: readonly string[]): void {
  const { i18n } = useTranslation();
  const preference = useSettings()?.language;
  useEffect(() => {
    if (!preference) return;
    const next = resolveLanguage(preference, systemLanguages);
    if (i18n.language !== next) void i18n.changeLanguage(next);
    document.documentElement.lang = next;
  }, [preference, systemLanguages, i18n]);
}

/** A Message from the main process (a notice, a crash reason) in this window's language. */
export function useMessage(): (m: Message) => string {
  const { t } = useTranslation();
  return (m) => renderMessage((k, p) => t(k, p), m);
}
