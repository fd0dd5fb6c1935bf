import type { ModelInfo } from '../catalog/catalog.ts';
import type { Config } from '../config/schema.ts';

/**
 * KIMI_ALLOWED_MODELS / GLM_ALLOWED_MODELS: an empty list allows every model of that provider;
 * otherwise the model's name or one of its aliases must be listed (any case).
 */
export function isModelAllowed(
  config: Pick<Config, 'kimi' | 'glm'>,
  model: Pick<ModelInfo, 'name' | 'provider' | 'aliases'>,
): boolean {
  const allowed = config[model.provider]?.allowedModels ?? [];
  if (allowed.length === 0) return true;
  const names = [model.name, ...model.aliases].map((n) => n.toLowerCase());
  return allowed.some((a) => names.includes(a.toLowerCase()));
}
