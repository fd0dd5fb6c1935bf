import type { Config } from '../config/schema.ts';

/** LOCALE: appended to a tool's system prompt so the model answers in the user's language. */
export function withAnswerLanguage(system: string, config: Pick<Config, 'locale'>): string {
  return config.locale ? `${system}\nAnswer in the language of locale ${config.locale}.` : system;
}
