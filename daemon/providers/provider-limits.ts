import type { Config } from '../config/schema.ts';
import type { ProviderId } from '../core/provider-id.ts';

/** Seconds one request to this provider may take: KIMI_TIMEOUT_SECS / GLM_TIMEOUT_SECS, else providerTimeoutS. */
export function providerTimeoutS(config: Config, id: ProviderId): number {
  return config[id].timeoutS ?? config.providerTimeoutS;
}

/** `max_tokens` for a request: KIMI_/GLM_MAX_OUTPUT_TOKENS when the user set it, else the catalog's max output. */
export function maxOutputTokens(
  config: Config,
  model: { provider: ProviderId; maxOutput: number },
): number {
  return config[model.provider].maxOutputTokens ?? model.maxOutput;
}
