import type { Logger } from 'pino';
import type { ModelCatalog } from './catalog/catalog.ts';
import { LiveModels } from './catalog/live-models.ts';
import type { Config } from './config/schema.ts';
import type { ProviderId } from './core/provider-id.ts';
import {
  ConversationStore,
  type ConversationStoreOptions,
} from './conversations/conversation-store.ts';
import { ChatRouter } from './routing/chat-router.ts';
import { ProviderRegistry, type ProviderPatch } from './providers/provider-registry.ts';

/** Everything behind `chat`, `challenge` and the other model-calling tools. */
export interface ProviderServices {
  readonly providers: ProviderRegistry;
  readonly router: ChatRouter;
  readonly conversations: ConversationStore;
  readonly liveModels: LiveModels;
  dispose(): void;
}

export interface ProviderServicesOptions {
  /** Read on every call: new keys, URLs, models and limits apply without a restart. */
  config: () => Config;
  catalog: ModelCatalog;
  logger: Logger;
  /** Writes a key/URL change from `configure` into the daemon's config. */
  applyPatch: (id: ProviderId, patch: ProviderPatch) => void;
  /** Requests holding a provider slot now (the runtime's count), for `status`. */
  inflight?: (id: ProviderId) => number;
  /** Skip the start-up GET /models (tests that count requests). */
  fetchLiveModels?: boolean;
  /** Where threads persist and who may continue them (exai.db, set by the daemon). */
  conversations?: Pick<ConversationStoreOptions, 'persistence' | 'scopes' | 'onSaveError'>;
}

/**
 * The start-up GET /models waits this long: it loads the openai client and talks to the network,
 * which the first seconds (the app waiting for the daemon to be ready) can do without.
 * listmodels and the router fetch on demand before then.
 */
const STARTUP_FETCH_DELAY_MS = 3_000;

export function createProviderServices(options: ProviderServicesOptions): ProviderServices {
  const { config, catalog, logger } = options;
  // Catalog entries plus live-listed names the catalog did not take (one an alias already covers).
  const modelNames = (id: ProviderId): string[] => [
    ...new Set([...catalog.list(id).map((m) => m.name), ...liveModels.names(id)]),
  ];
  const providers = new ProviderRegistry({
    config,
    applyPatch: options.applyPatch,
    models: modelNames,
    inflight: options.inflight,
  });
  const liveModels = new LiveModels({ catalog, registry: providers, logger });
  const router = new ChatRouter({ registry: providers, catalog, config, logger, live: liveModels });
  const conversations = new ConversationStore({
    ttlMs: () => config().conversationTtlHours * 3_600_000,
    maxTurns: () => config().maxConversationTurns,
    ...options.conversations,
  });
  const startupFetch =
    (options.fetchLiveModels ?? true)
      ? setTimeout(() => void liveModels.refresh(), STARTUP_FETCH_DELAY_MS).unref()
      : undefined;
  return {
    providers,
    router,
    conversations,
    liveModels,
    dispose() {
      clearTimeout(startupFetch);
      conversations.dispose();
      router.removeAllListeners();
      providers.dispose();
    },
  };
}
