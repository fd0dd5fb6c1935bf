import type { SettingsPatch, SettingsView } from '../../../preload/api.ts';

// The Settings form edits strings; this turns them into a validated SettingsPatch. The rules
// mirror settingsPatchSchema in preload/api.ts (the renderer only type-imports it, so zod stays
// out of the bundle); the main process checks again and its errors map back onto these paths.

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

export type Draft = Record<FieldPath, string> & { startAtLogin: boolean; updateChecks: boolean };
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
  };
}

function url(v: string): string | undefined {
  try {
    const u = new URL(v.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? undefined : 'Use an http:// or https:// URL';
  } catch {
    return 'Enter a full URL, like https://api.example.com/v1';
  }
}

function int(v: string, min: number, max: number, what: string): string | undefined {
  if (!/^\s*\d+\s*$/.test(v)) return `${what} must be a whole number`;
  const n = Number(v);
  return n < min || n > max ? `${what} must be ${min}–${max.toLocaleString('en')}` : undefined;
}

const RULES: Record<FieldPath, (v: string) => string | undefined> = {
  'baseUrls.kimi': url,
  'baseUrls.glm': url,
  defaultModel: (v) => (v.trim() ? undefined : 'Default model cannot be empty'),
  host: (v) => (!v.trim() ? 'Host cannot be empty' : /\s/.test(v.trim()) ? 'Host cannot contain spaces' : undefined),
  port: (v) => int(v, 1, 65_535, 'Port'),
  'limits.global': (v) => int(v, 1, 1000, 'Limit'),
  'limits.kimi': (v) => int(v, 1, 1000, 'Limit'),
  'limits.glm': (v) => int(v, 1, 1000, 'Limit'),
  'limits.session': (v) => int(v, 1, 1000, 'Limit'),
  callTimeoutS: (v) => {
    const n = Number(v);
    return v.trim() === '' || !Number.isFinite(n) ? 'Timeout must be a number of seconds' : n < 1 || n > 3600 ? 'Timeout must be 1–3600 seconds' : undefined;
  },
};

export function validateField(path: FieldPath, value: string): string | undefined {
  return RULES[path](value);
}

export function validate(draft: Draft): FieldErrors {
  const errors: FieldErrors = {};
  for (const path of FIELD_PATHS) {
    const e = RULES[path](draft[path]);
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
  return patch;
}

/** "limits.global: Too big" from the main process → that field's error; otherwise undefined. */
export function fieldOfServerError(message: string): { path: FieldPath; message: string } | undefined {
  const m = /^([\w.]+):\s*(.+)$/.exec(message);
  const path = m?.[1]?.replace(/^0\./, '');
  if (!m || !path || !(FIELD_PATHS as readonly string[]).includes(path)) return undefined;
  return { path: path as FieldPath, message: m[2] ?? message };
}
