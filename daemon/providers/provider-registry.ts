import { EventEmitter } from 'node:events';
import type { Config } from '../config/schema.ts';
import type { ProviderId } from '../core/provider-id.ts';
import type { ProviderStatus } from '../parent/status.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { glmDialect } from './glm.ts';
import { kimiDialect } from './kimi.ts';
import { OpenAICompatibleProvider } from './openai-provider.ts';
import type { ProviderDirectory } from './provider-status.ts';

export type ProviderPatch = { apiKey?: string | null; baseUrl?: string; allowedModels?: string[] };

interface Health {
  breaker: CircuitBreaker;
  lastError?: string;
  lastErrorAt?: number;
  keyRejected?: boolean;
}

export interface ProviderRegistryEvents {
  /** A key or base URL changed. */
  configured: [id: ProviderId];
  /** Breaker state, in-flight count or last error changed. */
  health: [id: ProviderId];
}

export interface ProviderRegistryOptions {
  /** The settings, read on every call: keys and URLs live in the config and nowhere else. */
  config: () => Config;
  /** Writes a key or URL change into the config (the daemon owns it). */
  applyPatch: (id: ProviderId, patch: ProviderPatch) => void;
  /** The provider's model names for `status` (catalog and live list live outside the registry). */
  models?: (id: ProviderId) => string[];
  /** Requests holding one of the provider's slots now: the runtime's slot queue is the one count. */
  inflight?: (id: ProviderId) => number;
  now?: () => number;
}

/** The two providers, their circuit breakers and what `status` shows about them. */
export class ProviderRegistry
  extends EventEmitter<ProviderRegistryEvents>
  implements ProviderDirectory
{
  private readonly providers: Map<ProviderId, OpenAICompatibleProvider>;
  private readonly health = new Map<ProviderId, Health>();
  private readonly options: ProviderRegistryOptions;

  constructor(options: ProviderRegistryOptions) {
    super();
    this.options = options;
    const { config } = options;
    this.providers = new Map([
      ['kimi', new OpenAICompatibleProvider(kimiDialect, () => config().kimi)],
      ['glm', new OpenAICompatibleProvider(glmDialect, () => config().glm)],
    ]);
    for (const id of this.providers.keys()) {
      const breaker = new CircuitBreaker({
        threshold: () => config().breakerFailureThreshold,
        cooldownMs: () => config().breakerCooldownS * 1000,
        now: options.now,
      });
      this.health.set(id, { breaker });
    }
  }

  get(id: ProviderId): OpenAICompatibleProvider {
    return this.providers.get(id)!;
  }

  ids(): ProviderId[] {
    return [...this.providers.keys()];
  }

  isConfigured(id: ProviderId): boolean {
    return this.get(id).configured;
  }

  configure(id: ProviderId, patch: ProviderPatch): void {
    this.options.applyPatch(id, patch);
    // A new key or URL may well mend what the breaker was resting.
    const h = this.health.get(id)!;
    h.breaker.success();
    delete h.lastError;
    delete h.lastErrorAt;
    delete h.keyRejected;
    this.emit('configured', id);
    this.emit('health', id);
  }

  breaker(id: ProviderId): CircuitBreaker {
    return this.health.get(id)!.breaker;
  }

  /** Scrubs every key any provider has held out of a text. */
  scrub(text: string): string {
    let out = text;
    for (const p of this.providers.values()) out = p.scrubber.scrub(out);
    return out;
  }

  /** An upstream request started: `status` changed (its in-flight count is the runtime's). */
  requestStarted(id: ProviderId): void {
    this.emit('health', id);
  }

  /** An upstream request ended; `error` is kept (scrubbed) as the provider's last error. */
  requestEnded(id: ProviderId, error?: string): void {
    const h = this.health.get(id)!;
    if (error !== undefined) {
      h.lastError = this.scrub(error);
      h.lastErrorAt = Date.now();
    }
    this.emit('health', id);
  }

  /** The provider refused (true) or accepted (false) the key on a request. */
  markKey(id: ProviderId, rejected: boolean): void {
    const h = this.health.get(id)!;
    if (Boolean(h.keyRejected) === rejected) return;
    if (rejected) h.keyRejected = true;
    else delete h.keyRejected;
    this.emit('health', id);
  }

  status(): ProviderStatus[] {
    const config = this.options.config();
    return this.ids().map((id) => {
      const p = this.get(id);
      const h = this.health.get(id)!;
      const s: ProviderStatus = {
        id,
        configured: p.configured,
        baseUrl: p.baseUrl,
        breaker: h.breaker.state,
        consecutiveFailures: h.breaker.consecutiveFailures,
        inflight: this.options.inflight?.(id) ?? 0,
        limit: config.limits[id],
        models: this.options.models?.(id) ?? [],
      };
      if (h.lastError !== undefined) s.lastError = h.lastError;
      if (h.lastErrorAt !== undefined) s.lastErrorAt = h.lastErrorAt;
      if (h.keyRejected) s.keyRejected = true;
      return s;
    });
  }

  dispose(): void {
    this.removeAllListeners();
  }
}
