import type { ModelCatalog } from '../catalog/catalog.ts';
import type { ProviderId } from '../core/provider-id.ts';

export interface ModelNameSources {
  catalog: ModelCatalog;
  isConfigured(provider: ProviderId): boolean;
  /** The allowed-models settings; every model when absent. */
  isAllowed?(provider: ProviderId, model: string): boolean;
}

/** "auto", then every catalog and live model (and alias) of the providers a call could reach. */
export function modelNames(sources: ModelNameSources): string[] {
  const names = new Set<string>(['auto']);
  for (const m of sources.catalog.list()) {
    if (!sources.isConfigured(m.provider)) continue;
    if (sources.isAllowed && !sources.isAllowed(m.provider, m.name)) continue;
    names.add(m.name);
    for (const alias of m.aliases) names.add(alias);
  }
  return [...names];
}

/** Case-insensitive prefix match, in list order (the SDK caps the answer at 100). */
export function completeFrom(values: readonly string[], typed: string | undefined): string[] {
  const prefix = (typed ?? '').toLowerCase();
  return values.filter((v) => v.toLowerCase().startsWith(prefix));
}
