import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import type { Endpoint } from '../core/endpoint.ts';
import type { ModelCatalog } from '../catalog/catalog.ts';
import type { ProviderDirectory } from '../providers/provider-status.ts';
import type { StatusSnapshot } from '../parent/status.ts';
import type { ChatRouter } from '../routing/chat-router.ts';
import type { ConversationStore } from '../conversations/conversation-store.ts';
import type { LiveModels } from '../catalog/live-models.ts';
import type { ActivityEntry } from '../runtime/activity-log.ts';

/** What a tool handler may reach. One instance per daemon, shared by every session. */
export interface DaemonServices {
  readonly version: string;
  readonly startedAt: number;
  readonly logger: Logger;
  config(): Config;
  endpoint(): Endpoint;
  readonly catalog: ModelCatalog;
  readonly providers: ProviderDirectory;
  /** Model choice, fallback and breakers for every model-calling tool. */
  readonly router: ChatRouter;
  /** continuation_id threads. */
  readonly conversations: ConversationStore;
  /** Providers' GET /models lists, merged into `catalog`. */
  readonly liveModels: LiveModels;
  snapshot(): StatusSnapshot;
  /** The last finished tool calls, newest first (no arguments, no prompts). */
  activity(limit: number): ActivityEntry[];
  /** The tools the current profile shows (TOOL_PROFILE, ENABLED_TOOLS, DISABLED_TOOLS). */
  visibleToolNames(): string[];
}
