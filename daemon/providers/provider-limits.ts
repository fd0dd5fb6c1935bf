import type { ModelInfo } from '../catalog/catalog.ts';
import type { Config, ProviderId } from '../config/schema.ts';

/** One request to this provider: KIMI_TIMEOUT_SECS / GLM_TIMEOUT_SECS, else providerTimeoutS. */
export function providerTimeoutMs(config: Config, id: ProviderId): number {
  return (config[id].timeoutS ?? config.providerTimeoutS) * 1000;
}

/** `max_tokens` for a request: KIMI_/GLM_MAX_OUTPUT_TOKENS when the user set it, else the catalog's max output. */
export function maxOutputTokens(
  config: Config,
  model: Pick<ModelInfo, 'provider' | 'maxOutput'>,
): number {
  return config[model.provider].maxOutputTokens ?? model.maxOutput;
}
