import en from './en.json' with { type: 'json' };
import zhCN from './zh-CN.json' with { type: 'json' };

// The app's message catalogs, shared by the main process (tray, notices, validation) and the
// renderer, so the two never disagree. Data and one pure rule only: this folder imports nothing.

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
/** What Settings stores: a language, or 'system' to follow the OS. */
export type LanguagePreference = Language | 'system';
export const LANGUAGE_PREFERENCES: readonly LanguagePreference[] = ['system', ...LANGUAGES];

export type Catalog = typeof en;
export const catalogs: Record<Language, Catalog> = { en, 'zh-CN': zhCN as Catalog };

/**
 * The language to show: the user's choice, else the first OS language we have. Any Chinese
 * locale reads Simplified Chinese (zh, zh-CN, zh-Hans-*, zh-SG); zh-TW/HK/Hant fall through, as
 * Traditional-script readers may prefer English to the wrong script.
 */
export function resolveLanguage(
  preference: LanguagePreference | undefined,
  systemLocales: readonly string[],
): Language {
  if (preference && preference !== 'system') return preference;
  for (const raw of systemLocales) {
    const tag = raw.replace('_', '-').toLowerCase();
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === 'zh' || /^zh-(cn|sg|hans)\b/.test(tag)) return 'zh-CN';
  }
  return 'en';
}

/** A translatable text: a key of en.json, the values it interpolates, and a nested cause shown as {{reason}}. */
export interface Message {
  key: string;
  params?: Record<string, string | number>;
  cause?: Message;
}

/** Renders a Message with whichever translate function (main's i18next or react-i18next's t). */
export function renderMessage(
  t: (key: string, params: Record<string, unknown>) => string,
  m: Message,
): string {
  return t(m.key, { ...m.params, ...(m.cause ? { reason: renderMessage(t, m.cause) } : {}) });
}
