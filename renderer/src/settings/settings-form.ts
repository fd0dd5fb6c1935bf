import type { SettingsPatch, SettingsView } from '../../../preload/api.ts';
import { formatNumber, type Translate } from '../format.ts';

// The Settings form edits strings; this turns them into a validated SettingsPatch. The rules
// mirror settingsPatchSchema in preload/api.ts (the renderer only type-imports it, so zod stays
// out of the bundle); the main process checks again and its errors map back onto these paths.
// Messages come in the window's language: `words` is react-i18next's t and the language.

export interface Words {
  t: Translate;
  locale: string;
}

const FIELD_PATHS = [
  'baseUrls.kimi',
  'baseUrls.glm',
  'defaultModel',
  'host',
  'port',
  'limits.global',
  'limits.kimi',
  'limits.glm',
  'limits.session',
  'callTimeoutS',
] as const;
export type FieldPath = (typeof FIELD_PATHS)[number];

export type Draft = Record<FieldPath, string> & {
  startAtLogin: boolean;
  updateChecks: boolean;
  circuitNotifications: boolean;
};
export type FieldErrors = Partial<Record<FieldPath, string>>;

export function draftFrom(s: SettingsView): Draft {
  return {
    'baseUrls.kimi': s.baseUrls.kimi,
    'baseUrls.glm': s.baseUrls.glm,
    defaultModel: s.defaultModel,
    host: s.host,
    port: String(s.port),
    'limits.global': String(s.limits.global),
    'limits.kimi': String(s.limits.kimi),
    'limits.glm': String(s.limits.glm),
    'limits.session': String(s.limits.session),
    callTimeoutS: String(s.callTimeoutS),
    startAtLogin: s.startAtLogin,
    updateChecks: s.updateChecks,
    circuitNotifications: s.circuitNotifications,
  };
}

function url(v: string, { t }: Words): string | undefined {
  try {
    const u = new URL(v.trim());
    return u.protocol === 'http:' || u.protocol === 'https:'
      ? undefined
      : t('validation.urlScheme');
  } catch {
    return t('validation.urlFull');
  }
}

function int(
  v: string,
  min: number,
  max: number,
  what: 'port' | 'limit',
  { t, locale }: Words,
): string | undefined {
  const name = t(`validation.${what}`);
  if (!/^\s*\d+\s*$/.test(v)) return t('validation.wholeNumber', { what: name });
  const n = Number(v);
  return n < min || n > max
    ? t('validation.range', { what: name, min, max: formatNumber(locale, max) })
    : undefined;
}

const RULES: Record<FieldPath, (v: string, w: Words) => string | undefined> = {
  'baseUrls.kimi': url,
  'baseUrls.glm': url,
  defaultModel: (v, { t }) => (v.trim() ? undefined : t('validation.defaultModelEmpty')),
  host: (v, { t }) =>
    !v.trim()
      ? t('validation.hostEmpty')
      : /\s/.test(v.trim())
        ? t('validation.hostSpaces')
        : undefined,
  port: (v, w) => int(v, 1, 65_535, 'port', w),
  'limits.global': (v, w) => int(v, 1, 1000, 'limit', w),
  'limits.kimi': (v, w) => int(v, 1, 1000, 'limit', w),
  'limits.glm': (v, w) => int(v, 1, 1000, 'limit', w),
  'limits.session': (v, w) => int(v, 1, 1000, 'limit', w),
  callTimeoutS: (v, { t }) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) return t('validation.timeoutNumber');
    return n < 1 || n > 3600 ? t('validation.timeoutRange') : undefined;
  },
};

export function validateField(path: FieldPath, value: string, words: Words): string | undefined {
  return RULES[path](value, words);
}

export function validate(draft: Draft, words: Words): FieldErrors {
  const errors: FieldErrors = {};
  for (const path of FIELD_PATHS) {
    const e = RULES[path](draft[path], words);
    if (e) errors[path] = e;
  }
  return errors;
}

/** Only what changed, so saving one field never rewrites another that changed meanwhile. */
export function buildPatch(draft: Draft, base: SettingsView): SettingsPatch {
  const was = draftFrom(base);
  const changed = (p: FieldPath) => draft[p].trim() !== was[p].trim();
  const patch: SettingsPatch = {};
  const baseUrls: NonNullable<SettingsPatch['baseUrls']> = {};
  if (changed('baseUrls.kimi')) baseUrls.kimi = draft['baseUrls.kimi'].trim();
  if (changed('baseUrls.glm')) baseUrls.glm = draft['baseUrls.glm'].trim();
  if (Object.keys(baseUrls).length) patch.baseUrls = baseUrls;
  if (changed('defaultModel')) patch.defaultModel = draft.defaultModel.trim();
  if (changed('host')) patch.host = draft.host.trim();
  if (changed('port')) patch.port = Number(draft.port);
  const limits: NonNullable<SettingsPatch['limits']> = {};
  for (const k of ['global', 'kimi', 'glm', 'session'] as const) {
    if (changed(`limits.${k}`)) limits[k] = Number(draft[`limits.${k}`]);
  }
  if (Object.keys(limits).length) patch.limits = limits;
  if (changed('callTimeoutS')) patch.callTimeoutS = Number(draft.callTimeoutS);
  if (draft.startAtLogin !== base.startAtLogin) patch.startAtLogin = draft.startAtLogin;
  if (draft.updateChecks !== base.updateChecks) patch.updateChecks = draft.updateChecks;
  if (draft.circuitNotifications !== base.circuitNotifications)
    patch.circuitNotifications = draft.circuitNotifications;
  return patch;
}

/** "limits.global: Too big" from the main process → that field's error; otherwise undefined. */
export function fieldOfServerError(
  message: string,
): { path: FieldPath; message: string } | undefined {
  const m = /^([\w.]+):\s*(.+)$/.exec(message);
  const path = m?.[1]?.replace(/^0\./, '');
  if (!m || !path || !(FIELD_PATHS as readonly string[]).includes(path)) return undefined;
  return { path: path as FieldPath, message: m[2] ?? message };
}
