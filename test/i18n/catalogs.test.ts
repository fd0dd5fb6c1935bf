import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs, LANGUAGES, resolveLanguage, type Language } from '../../locales/index.ts';

// The two catalogs say the same things: same keys, the plural forms each language needs, the
// same {{values}}, and zh-CN really is Chinese (no English left behind by a copy-paste).

type Flat = Map<string, string>;

function flatten(o: unknown, prefix = '', out: Flat = new Map()): Flat {
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else flatten(v, key, out);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, '');
const vars = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();

/** Keys whose zh-CN text may equal the English: names, protocols, code and pure placeholders. */
const SAME_IN_BOTH = new Set([
  'tray.tooltip', // "EXAI — {{status}}"
  'reason.raw', // the daemon's own words, shown as they are
  'token.label', // "Token"
  'sessions.transports.mcp-ws', // "WebSocket"
  'sessions.transports.mcp-http', // "HTTP"
  'settings.languages.en', // a language is named in itself: "English"
  'update.percent', // "42% · "
  'filesModels.folderPlaceholder', // an example path: "/home/me/projects"
  'filesModels.otherLocalePlaceholder', // an example language tag: "fr"
  'usage.estimatedMark', // "~" before an estimated token count
]);

/** Translated, yet all product terms: "API Key", "WebSocket（MCP）". */
const TERMS_ONLY = new Set([
  'overview.wsEndpoint',
  'overview.httpEndpoint',
  'providers.apiKey',
  'settings.apiKeys',
  'settings.key.label',
]);

const flat = Object.fromEntries(LANGUAGES.map((l) => [l, flatten(catalogs[l])])) as Record<
  Language,
  Flat
>;

describe('message catalogs', () => {
  it('every English key is in zh-CN and every zh-CN key is in English (plural forms folded)', () => {
    const bases = (l: Language) => [...new Set([...flat[l].keys()].map(base))].sort();
    const en = bases('en');
    const zh = bases('zh-CN');
    expect(
      en.filter((k) => !zh.includes(k)),
      'missing from zh-CN',
    ).toEqual([]);
    expect(
      zh.filter((k) => !en.includes(k)),
      'missing from en',
    ).toEqual([]);
  });

  it('has exactly the plural forms each language uses, for the same messages', () => {
    for (const lang of LANGUAGES) {
      const categories = new Intl.PluralRules(lang)
        .resolvedOptions()
        .pluralCategories.slice()
        .sort();
      const keys = [...flat[lang].keys()];
      const plural = [...new Set(keys.filter((k) => PLURAL.test(k)).map(base))];
      for (const b of plural) {
        const forms = keys
          .filter((k) => base(k) === b && k !== b)
          .map((k) => k.slice(b.length + 1))
          .sort();
        expect(forms, `${lang} ${b}`).toEqual(categories);
        expect(flat[lang].has(b), `${lang} ${b} is both plural and plain`).toBe(false);
      }
    }
    const pluralIn = (l: Language) =>
      [...new Set([...flat[l].keys()].filter((k) => PLURAL.test(k)).map(base))].sort();
    expect(pluralIn('zh-CN')).toEqual(pluralIn('en'));
  });

  it('every message interpolates the same values in both languages', () => {
    for (const [key, en] of flat.en) {
      const zhKey = flat['zh-CN'].has(key) ? key : `${base(key)}_other`;
      const zh = flat['zh-CN'].get(zhKey) ?? '';
      // The singular may leave {{count}} out ("one session"); the rest must match.
      const strip = (v: string[]) => v.filter((n) => n !== 'count');
      expect(strip(vars(zh)), key).toEqual(strip(vars(en)));
    }
  });

  it('zh-CN is translated: no message is the English text, bar names and code', () => {
    const same = [...flat['zh-CN']]
      .filter(([k, v]) => flat.en.get(k) === v && !SAME_IN_BOTH.has(k))
      .map(([k]) => k);
    expect(same).toEqual([]);
    // And each real sentence holds Chinese characters.
    const noHan = [...flat['zh-CN']].filter(
      ([k, v]) =>
        !SAME_IN_BOTH.has(k) &&
        !TERMS_ONLY.has(k) &&
        /[a-z]{3,}/i.test(v.replace(/\{\{\w+\}\}/g, '')) &&
        !/\p{Script=Han}/u.test(v),
    );
    expect(noHan.map(([k]) => k)).toEqual([]);
  });

  it('every key the code asks for exists', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name)) files.push(p);
      }
    };
    walk('renderer/src');
    walk('main');
    const used = new Set<string>();
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/\b(?:t|tr|english)\(\s*'([\w.-]+)'/g)) used.add(m[1] as string);
      for (const m of src.matchAll(/\bkey: '([a-z][\w-]*\.[\w.-]+)'/g)) used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(100);
    const known = new Set([...flat.en.keys()].map(base));
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
  });
});

describe('choosing the language', () => {
  it('follows the first OS language the app has, and Settings overrides it', () => {
    expect(resolveLanguage('system', ['zh-CN', 'en-US'])).toBe('zh-CN');
    expect(resolveLanguage('system', ['zh_CN'])).toBe('zh-CN');
    expect(resolveLanguage('system', ['zh-Hans-CN'])).toBe('zh-CN');
    expect(resolveLanguage('system', ['de-DE', 'zh-CN'])).toBe('zh-CN');
    expect(resolveLanguage('system', ['en-GB', 'zh-CN'])).toBe('en');
    expect(resolveLanguage('system', ['zh-TW'])).toBe('en');
    expect(resolveLanguage('system', [])).toBe('en');
    expect(resolveLanguage('en', ['zh-CN'])).toBe('en');
    expect(resolveLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
  });
});
