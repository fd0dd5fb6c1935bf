import type { Config, ProviderId } from '../config/schema.ts';
import type { ProviderStatus } from '../parent/status.ts';
import type { ProviderDirectory } from './provider-status.ts';

/** Provider presence read straight from the settings: configured means a key is set. */
export class ConfigProviderDirectory implements ProviderDirectory {
  private readonly config: () => Config;
  private readonly onChange: (
    id: ProviderId,
    patch: { apiKey?: string | null; baseUrl?: string },
  ) => void;

  constructor(config: () => Config, onChange: ConfigProviderDirectory['onChange']) {
    this.config = config;
    this.onChange = onChange;
  }

  isConfigured(id: ProviderId): boolean {
    return Boolean(this.config()[id].apiKey);
  }

  status(): ProviderStatus[] {
    const config = this.config();
    return (['kimi', 'glm'] as const).map((id) => ({
      id,
      configured: this.isConfigured(id),
      baseUrl: config[id].baseUrl,
      breaker: 'closed',
      consecutiveFailures: 0,
      inflight: 0,
      limit: config.limits[id],
    }));
  }

  configure(id: ProviderId, patch: { apiKey?: string | null; baseUrl?: string }): void {
    this.onChange(id, patch);
  }
}
