import type { ProviderId } from '../core/provider-id.ts';
import type { ProviderStatus } from '../parent/status.ts';

/** What the daemon core needs from the provider layer; the provider registry implements it. */
export interface ProviderDirectory {
  isConfigured(id: ProviderId): boolean;
  status(): ProviderStatus[];
  /** New keys or URLs apply to the next request; calls already running keep the old client. */
  configure(id: ProviderId, patch: { apiKey?: string | null; baseUrl?: string }): void;
}
