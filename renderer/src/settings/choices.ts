import type { ProviderId, SettingsPatch, StatusSnapshot } from '../../../preload/api.ts';

// The Settings page's choices instead of free text: the default model from the daemon's catalog
// and live lists, base URLs from each provider's known endpoints, and what saving would change
// for other machines and for clients already set up.

export interface ModelOption {
  name: string;
  aliases: string[];
}
export interface ModelGroup {
  provider: ProviderId;
  models: ModelOption[];
}

/** A saved default the allowed-models lists now exclude: kept on screen, flagged, never offered. */
export interface NotAllowed {
  name: string;
  provider: ProviderId;
}

/** Per provider, the only models allowed (Settings › Files and models); [] or absent = all. */
export type AllowedModels = Partial<Record<ProviderId, readonly string[]>>;

/** As the daemon's isModelAllowed (daemon/routing/allowed-models.ts): by name or alias, any case. */
function isAllowed(allowed: readonly string[] | undefined, model: ModelOption): boolean {
  if (!allowed || allowed.length === 0) return true;
  const names = [model.name, ...model.aliases].map((n) => n.toLowerCase());
  return allowed.some((a) => names.includes(a.toLowerCase()));
}

/**
 * The models the default-model select offers, per provider with their aliases: every model the
 * daemon knows that the allowed lists let through. `current` is kept even when unknown (`unknown`)
 * or no longer allowed (`notAllowed`), so the select shows what is saved and the page can say so.
 */
export function modelGroups(
  status: StatusSnapshot | null,
  current: string,
  allowed: AllowedModels = {},
): { groups: ModelGroup[]; unknown?: string; notAllowed?: NotAllowed } {
  const all: ModelGroup[] = (status?.providers ?? []).map((p) => ({
    provider: p.id,
    models: p.models.map((name) => ({ name, aliases: p.aliases?.[name] ?? [] })),
  }));
  const groups = all
    .map((g) => ({ ...g, models: g.models.filter((m) => isAllowed(allowed[g.provider], m)) }))
    .filter((g) => g.models.length > 0);
  const name = current.trim();
  const wanted = name.toLowerCase();
  if (!name || wanted === 'auto') return { groups };
  for (const g of all) {
    const model = g.models.find(
      (m) => m.name.toLowerCase() === wanted || m.aliases.some((a) => a.toLowerCase() === wanted),
    );
    if (model)
      return isAllowed(allowed[g.provider], model)
        ? { groups }
        : { groups, notAllowed: { name, provider: g.provider } };
  }
  return { groups, unknown: name };
}

export interface UrlPreset {
  id: 'global' | 'china';
  url: string;
}

export const BASE_URL_PRESETS: Record<ProviderId, UrlPreset[]> = {
  kimi: [
    { id: 'global', url: 'https://api.moonshot.ai/v1' },
    { id: 'china', url: 'https://api.moonshot.cn/v1' },
  ],
  glm: [
    { id: 'global', url: 'https://api.z.ai/api/paas/v4' },
    { id: 'china', url: 'https://open.bigmodel.cn/api/paas/v4' },
  ],
};

/** Which preset a URL is (ignoring a trailing slash), or 'custom'. */
export function presetOf(provider: ProviderId, url: string): UrlPreset['id'] | 'custom' {
  const norm = (u: string) => u.trim().replace(/\/+$/, '').toLowerCase();
  return BASE_URL_PRESETS[provider].find((p) => norm(p.url) === norm(url))?.id ?? 'custom';
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.trim());
}

export type SaveWarning = 'exposed' | 'port';

/** What a save should warn about before it happens: a host others can reach, a port clients must follow. */
export function saveWarnings(patch: SettingsPatch): SaveWarning[] {
  const out: SaveWarning[] = [];
  if (patch.host !== undefined && !isLoopbackHost(patch.host)) out.push('exposed');
  if (patch.port !== undefined) out.push('port');
  return out;
}
