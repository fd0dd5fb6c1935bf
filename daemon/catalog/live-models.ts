import type { Logger } from 'pino';
import type { ProviderId } from '../core/provider-id.ts';
import type { ProviderRegistry } from '../providers/provider-registry.ts';
import type { ModelCatalog, ModelInfo } from './catalog.ts';

interface Fetched {
  at: number;
  names: string[];
}

export interface LiveModelsOptions {
  catalog: ModelCatalog;
  registry: ProviderRegistry;
  logger: Logger;
  /** How long a fetched list is trusted. */
  ttlMs?: number;
  fetchTimeoutMs?: number;
}

/** Guesses for a model only the provider's /models knows: "…-32k" has a 32k window, "vision" sees images. */
function liveModel(provider: ProviderId, name: string): ModelInfo {
  const k = /(\d+)k\b/i.exec(name);
  return {
    name,
    provider,
    aliases: [],
    contextWindow: k ? Number(k[1]) * 1024 : 131_072,
    maxOutput: 8192,
    capabilities: /vision|-v\b|4v/i.test(name) ? ['images'] : [],
    tier: 'speed',
    source: 'live',
  };
}

/**
 * Each configured provider's `GET /models`, merged into the catalog and cached. A failure is
 * logged and remembered as an empty list until the cache runs out: it never breaks a call.
 */
export class LiveModels {
  private readonly o: LiveModelsOptions;
  private readonly fetched = new Map<ProviderId, Fetched>();
  private readonly pending = new Map<ProviderId, Promise<void>>();

  constructor(options: LiveModelsOptions) {
    this.o = options;
    // A new key or URL may list other models.
    options.registry.on('configured', (id) => this.fetched.delete(id));
  }

  /** Names the provider listed last time, for listmodels. */
  names(id: ProviderId): string[] {
    return this.fetched.get(id)?.names ?? [];
  }

  private fresh(id: ProviderId, maxAgeMs: number): boolean {
    const f = this.fetched.get(id);
    return f !== undefined && Date.now() - f.at < maxAgeMs;
  }

  /**
   * Fetches every configured provider whose list is older than `maxAgeMs` (default: the cache
   * TTL); resolves when done and never rejects.
   */
  async refresh(maxAgeMs = this.o.ttlMs ?? 3_600_000): Promise<void> {
    const ids = this.o.registry
      .ids()
      .filter((id) => this.o.registry.isConfigured(id) && !this.fresh(id, maxAgeMs));
    await Promise.all(ids.map((id) => this.refreshOne(id)));
  }

  private refreshOne(id: ProviderId): Promise<void> {
    const running = this.pending.get(id);
    if (running) return running;
    const task = this.fetchOne(id).finally(() => this.pending.delete(id));
    this.pending.set(id, task);
    return task;
  }

  private async fetchOne(id: ProviderId): Promise<void> {
    const provider = this.o.registry.get(id);
    const timeoutMs = this.o.fetchTimeoutMs ?? 5000;
    try {
      const names = await provider.listModels(AbortSignal.timeout(timeoutMs));
      const added = this.o.catalog.merge(names.map((n) => liveModel(id, n)));
      this.fetched.set(id, { at: Date.now(), names });
      this.o.logger.debug(
        { provider: id, listed: names.length, added },
        'merged the provider model list',
      );
    } catch (error) {
      this.fetched.set(id, { at: Date.now(), names: [] });
      this.o.logger.warn(
        { provider: id, error: provider.scrubber.scrub((error as Error).message) },
        'could not fetch the provider model list; using the catalog',
      );
    }
  }
}
