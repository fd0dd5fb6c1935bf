import type {
  ProviderId,
  SettingsPatch,
  SettingsView,
  StatusSnapshot,
} from '../../../preload/api.ts';
import type { Translate } from '../format.ts';

// The "Files and models" card's rules: the folders tools may read (allowedRoots), the models each
// provider may route to (allowedModels) and the language models answer in (locale). They mirror
// settingsPatchSchema in preload/api.ts, which main checks again.

export const PROVIDERS: readonly ProviderId[] = ['kimi', 'glm'];

/** 'question' = answer in the question's language (stored as ''); 'other' = a tag typed by the user. */
export type LocaleChoice = 'question' | 'en' | 'zh-CN' | 'other';
export const LOCALE_CHOICES: readonly LocaleChoice[] = ['question', 'en', 'zh-CN', 'other'];

export interface FilesDraft {
  roots: string[];
  models: Record<ProviderId, string[]>;
  localeChoice: LocaleChoice;
  otherLocale: string;
}

export interface FilesErrors {
  /** One per row of `roots`; '' = fine. */
  roots: string[];
  locale: string;
}

const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/;
const LOCALE_TAG = /^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$/;

export function filesDraftFrom(s: SettingsView): FilesDraft {
  const known =
    s.locale === '' ? 'question' : s.locale === 'en' || s.locale === 'zh-CN' ? s.locale : 'other';
  return {
    roots: [...s.allowedRoots],
    models: { kimi: [...s.allowedModels.kimi], glm: [...s.allowedModels.glm] },
    localeChoice: known,
    otherLocale: known === 'other' ? s.locale : '',
  };
}

/** The rows that hold a folder, trimmed; blank rows are dropped rather than refused. */
function rootsOf(d: FilesDraft): string[] {
  return d.roots.map((r) => r.trim()).filter(Boolean);
}

function localeOf(d: FilesDraft): string {
  if (d.localeChoice === 'question') return '';
  if (d.localeChoice === 'other') return d.otherLocale.trim();
  return d.localeChoice;
}

export function validateFiles(d: FilesDraft, t: Translate): FilesErrors {
  const roots = d.roots.map((raw) => {
    const r = raw.trim();
    if (r === '') return '';
    if (!ABSOLUTE_PATH.test(r)) return t('validation.folderAbsolute');
    if (r.includes(',')) return t('validation.folderComma');
    return '';
  });
  const locale = localeOf(d);
  const localeError =
    d.localeChoice === 'other' && (locale.length > 35 || !LOCALE_TAG.test(locale))
      ? t('validation.localeTag')
      : '';
  return { roots, locale: localeError };
}

export function hasErrors(e: FilesErrors): boolean {
  return e.locale !== '' || e.roots.some(Boolean);
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Only what changed, so an untouched card sends nothing. */
export function filesPatch(d: FilesDraft, s: SettingsView): SettingsPatch {
  const patch: SettingsPatch = {};
  const roots = [...new Set(rootsOf(d))];
  if (!same(roots, s.allowedRoots)) patch.allowedRoots = roots;
  // Both providers' lists together: main takes either, but a shallow merge (the dev mock) needs both.
  if (PROVIDERS.some((id) => !same(d.models[id], s.allowedModels[id])))
    patch.allowedModels = { kimi: [...d.models.kimi], glm: [...d.models.glm] };
  const locale = localeOf(d);
  if (locale !== s.locale) patch.locale = locale;
  return patch;
}

/**
 * The models to offer as checkboxes: what the daemon lists for the provider, plus any allowed
 * name it does not list (an alias, or a model the provider dropped), so it can still be unticked.
 */
export function modelChoices(
  status: StatusSnapshot | null,
  id: ProviderId,
  allowed: readonly string[],
): string[] {
  const listed = status?.providers.find((p) => p.id === id)?.models ?? [];
  return [...new Set([...listed, ...allowed])].sort((a, b) => a.localeCompare(b));
}

export function toggleModel(d: FilesDraft, id: ProviderId, name: string, on: boolean): FilesDraft {
  const current = d.models[id].filter((m) => m !== name);
  return { ...d, models: { ...d.models, [id]: on ? [...current, name] : current } };
}
