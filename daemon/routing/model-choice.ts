import type { ModelCatalog, ModelInfo, Capability } from '../catalog/catalog.ts';
import { UnknownModelError } from '../catalog/catalog.ts';
import type { Config } from '../config/schema.ts';
import { PROVIDER_IDS, type ProviderId } from '../core/provider-id.ts';
import { isMostlyCjk } from '../conversations/token-estimate.ts';
import { ToolError } from '../core/tool-error.ts';
import { isModelAllowed } from './allowed-models.ts';

/** fast: chat, challenge, planner, tracer; deep: thinkdeep, codereview, secaudit, consensus, expert analysis. */
export type ModelCategory = 'fast' | 'deep';

export interface ModelChoiceRequest {
  /** The `model` argument; undefined or "auto" lets the router choose. */
  model?: string | undefined;
  category: ModelCategory;
  /** The user's prompt, for the CJK preference. */
  prompt: string;
  /** Capabilities every candidate must have (images for image input, websearch for search). */
  needs?: Capability[];
}

export interface ModelChoice {
  /** Models to try, in order. */
  chain: ModelInfo[];
  /** The caller named a model: fallback only when the user allowed it. */
  explicit: boolean;
}

export interface ChoiceDeps {
  catalog: ModelCatalog;
  config: Config;
  isConfigured(id: ProviderId): boolean;
  notConfiguredMessage(id: ProviderId): string;
  /** "Kimi", "GLM". */
  label(id: ProviderId): string;
}

const OTHER: Record<ProviderId, ProviderId> = { kimi: 'glm', glm: 'kimi' };

function hasAll(model: ModelInfo, needs: readonly Capability[]): boolean {
  return needs.every((n) => model.capabilities.includes(n));
}

/** Has what the call needs and is not excluded by KIMI_ALLOWED_MODELS / GLM_ALLOWED_MODELS. */
function usable(deps: ChoiceDeps, model: ModelInfo, needs: readonly Capability[]): boolean {
  return hasAll(model, needs) && isModelAllowed(deps.config, model);
}

/** A provider's model for a tier: the configured speed/quality model when it is that provider's, else the catalog's first. */
function modelFor(
  deps: ChoiceDeps,
  provider: ProviderId,
  tier: ModelInfo['tier'],
  needs: readonly Capability[],
): ModelInfo | undefined {
  const configured = deps.catalog.find(
    tier === 'speed' ? deps.config.speedModel : deps.config.qualityModel,
  );
  if (configured?.provider === provider && usable(deps, configured, needs)) return configured;
  // KIMI_DEFAULT_MODEL / GLM_DEFAULT_MODEL: this provider's pick when the tier's model is the other's.
  const preferred = deps.config[provider]?.defaultModel;
  const own = preferred === undefined ? undefined : deps.catalog.find(preferred);
  if (own?.provider === provider && usable(deps, own, needs)) return own;
  const models = deps.catalog.list(provider).filter((m) => usable(deps, m, needs));
  return models.find((m) => m.tier === tier) ?? models[0];
}

function resolveExplicit(deps: ChoiceDeps, name: string): ModelInfo {
  try {
    const model = deps.catalog.resolve(name);
    if (!isModelAllowed(deps.config, model)) {
      const setting = model.provider === 'kimi' ? 'KIMI_ALLOWED_MODELS' : 'GLM_ALLOWED_MODELS';
      const allowed = deps.config[model.provider].allowedModels.join(', ');
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `${model.name} is not allowed here: ${setting} allows only ${allowed}`,
      );
    }
    return model;
  } catch (error) {
    if (error instanceof UnknownModelError)
      throw new ToolError('INVALID_ARGUMENTS', error.message, { cause: error });
    throw error;
  }
}

function noProviderError(deps: ChoiceDeps): ToolError {
  const [first, second] = PROVIDER_IDS.map((id) => deps.notConfiguredMessage(id));
  return new ToolError('NOT_CONFIGURED', `No provider is configured. ${first}. ${second}.`);
}

/**
 * Which models a call tries, in order. Explicit: that model only, unless the user turned on
 * fallback for explicit models. auto: the category's model (Kimi's when the prompt is mostly
 * CJK), then the other provider's equivalent, then the rest of each provider's tier.
 */
export function chooseModels(deps: ChoiceDeps, request: ModelChoiceRequest): ModelChoice {
  const needs = request.needs ?? [];
  const requested = request.model?.trim();
  const explicit = Boolean(requested) && requested!.toLowerCase() !== 'auto';
  if (explicit) {
    const model = resolveExplicit(deps, requested!);
    if (!hasAll(model, needs)) {
      const missing = needs.filter((n) => !model.capabilities.includes(n));
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `${model.name} does not support ${missing.join(', ')}; choose a model that does (see listmodels)`,
      );
    }
    if (!deps.isConfigured(model.provider)) {
      throw new ToolError(
        'NOT_CONFIGURED',
        `${model.name} needs ${deps.label(model.provider)}. ${deps.notConfiguredMessage(model.provider)}`,
      );
    }
    if (!deps.config.fallbackForExplicitModel) return { chain: [model], explicit: true };
    return { chain: withEquivalents(deps, model, needs), explicit: true };
  }

  const configured = PROVIDER_IDS.filter((id) => deps.isConfigured(id));
  if (configured.length === 0) throw noProviderError(deps);
  const tier = request.category === 'fast' ? 'speed' : 'quality';
  const preferredName = tier === 'speed' ? deps.config.speedModel : deps.config.qualityModel;
  let primary = deps.catalog.find(preferredName);
  if (isMostlyCjk(request.prompt) && primary?.provider !== 'kimi')
    primary = modelFor(deps, 'kimi', tier, needs);
  if (!primary || !deps.isConfigured(primary.provider) || !usable(deps, primary, needs)) {
    primary = configured.map((id) => modelFor(deps, id, tier, needs)).find((m) => m !== undefined);
  }
  if (!primary) {
    throw new ToolError(
      'INVALID_ARGUMENTS',
      `No configured provider has a model that supports ${needs.join(', ')}`,
    );
  }
  return { chain: withEquivalents(deps, primary, needs), explicit: false };
}

/** model, the other provider's equivalent, then each provider's other model of the tier; configured only. */
function withEquivalents(
  deps: ChoiceDeps,
  model: ModelInfo,
  needs: readonly Capability[],
): ModelInfo[] {
  const other = OTHER[model.provider];
  const candidates = [
    model,
    modelFor(deps, other, model.tier, needs),
    ...deps.catalog.list(model.provider).filter((m) => m.tier === model.tier),
    ...deps.catalog.list(other).filter((m) => m.tier === model.tier),
  ];
  const seen = new Set<string>();
  // Live-only models have no known tier, so they are never picked as someone else's stand-in.
  return candidates
    .filter((m, i): m is ModelInfo => {
      if (!m || seen.has(m.name) || !deps.isConfigured(m.provider) || !usable(deps, m, needs))
        return false;
      if (i > 0 && m.source === 'live') return false;
      seen.add(m.name);
      return true;
    })
    .slice(0, 3);
}
