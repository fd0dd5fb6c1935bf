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

/** Every model the daemon knows, per provider, with its aliases; `current` is kept even when unknown. */
export function modelGroups(
  status: StatusSnapshot | null,
  current: string,
): { groups: ModelGroup[]; unknown?: string } {
  const groups: ModelGroup[] = (status?.providers ?? []).map((p) => ({
    provider: p.id,
    models: p.models.map((name) => ({ name, aliases: p.aliases?.[name] ?? [] })),
  }));
  const wanted = current.trim().toLowerCase();
  const known =
    wanted === 'auto' ||
    groups.some((g) =>
      g.models.some(
        (m) => m.name.toLowerCase() === wanted || m.aliases.some((a) => a.toLowerCase() === wanted),
      ),
    );
  return known || !current.trim() ? { groups } : { groups, unknown: current.trim() };
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
