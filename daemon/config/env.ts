import type { ConfigInput } from './schema.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** One environment variable, the setting it feeds (dotted path) and how its text is read. */
export interface EnvBinding {
  names: readonly string[];
  path: string;
  /** `lowercase`: a string the original's users wrote in any case (LOG_LEVEL=INFO); `json`: a JSON value (EXAI_PRICES). */
  kind: 'string' | 'lowercase' | 'number' | 'list' | 'boolean' | 'json';
}

// The original EX-AI daemon's variable names first, then ours.
export const ENV_BINDINGS: readonly EnvBinding[] = [
  { names: ['EXAI_WS_HOST'], path: 'host', kind: 'string' },
  { names: ['EXAI_WS_PORT'], path: 'port', kind: 'number' },
  { names: ['EXAI_WS_TOKEN'], path: 'token', kind: 'string' },
  { names: ['EXAI_WS_MAX_BYTES'], path: 'maxBytes', kind: 'number' },
  { names: ['EXAI_WS_CALL_TIMEOUT'], path: 'callTimeoutS', kind: 'number' },
  { names: ['EXAI_PROVIDER_TIMEOUT'], path: 'providerTimeoutS', kind: 'number' },
  { names: ['EXAI_WS_GLOBAL_MAX_INFLIGHT'], path: 'limits.global', kind: 'number' },
  { names: ['EXAI_WS_KIMI_MAX_INFLIGHT'], path: 'limits.kimi', kind: 'number' },
  { names: ['EXAI_WS_GLM_MAX_INFLIGHT'], path: 'limits.glm', kind: 'number' },
  { names: ['EXAI_WS_SESSION_MAX_INFLIGHT'], path: 'limits.session', kind: 'number' },
  { names: ['EXAI_QUEUE_LENGTH'], path: 'limits.queueLength', kind: 'number' },
  { names: ['EXAI_QUEUE_WAIT'], path: 'limits.queueWaitS', kind: 'number' },
  { names: ['EXAI_WS_RESULT_TTL'], path: 'resultTtlS', kind: 'number' },
  { names: ['EXAI_CACHE_MAX_ENTRIES'], path: 'cacheMaxEntries', kind: 'number' },
  { names: ['EXAI_CACHE_MAX_BYTES'], path: 'cacheMaxBytes', kind: 'number' },
  { names: ['EXAI_CACHE_DISABLE_FOR_TOOLS'], path: 'cacheDisabledFor', kind: 'list' },
  { names: ['EXAI_WS_PROGRESS_INTERVAL_SECS'], path: 'progressIntervalS', kind: 'number' },
  { names: ['EXAI_WS_HELLO_TIMEOUT'], path: 'helloTimeoutS', kind: 'number' },
  { names: ['EXAI_WS_DISABLE_COALESCE_FOR_TOOLS'], path: 'coalesceDisabledFor', kind: 'list' },
  { names: ['EXAI_COALESCE_SCOPE'], path: 'coalesceScope', kind: 'string' },
  { names: ['EXAI_SHUTDOWN_GRACE'], path: 'shutdownGraceS', kind: 'number' },
  { names: ['EXAI_SESSION_IDLE_TIMEOUT'], path: 'sessionIdleTimeoutS', kind: 'number' },
  { names: ['EXAI_MAX_SESSIONS'], path: 'maxSessions', kind: 'number' },
  { names: ['EXAI_ALLOWED_ORIGINS'], path: 'allowedOrigins', kind: 'list' },
  { names: ['EXAI_LOG_LEVEL', 'LOG_LEVEL'], path: 'logLevel', kind: 'lowercase' },
  { names: ['DEFAULT_MODEL'], path: 'defaultModel', kind: 'string' },
  { names: ['EXAI_SPEED_MODEL', 'FAST_MODEL_DEFAULT'], path: 'speedModel', kind: 'string' },
  { names: ['EXAI_QUALITY_MODEL', 'LONG_MODEL_DEFAULT'], path: 'qualityModel', kind: 'string' },
  { names: ['EXAI_FALLBACK_EXPLICIT_MODEL'], path: 'fallbackForExplicitModel', kind: 'boolean' },
  { names: ['CONVERSATION_TIMEOUT_HOURS'], path: 'conversationTtlHours', kind: 'number' },
  { names: ['MAX_CONVERSATION_TURNS'], path: 'maxConversationTurns', kind: 'number' },
  { names: ['EXAI_SHARE_CONVERSATIONS'], path: 'shareConversations', kind: 'boolean' },
  { names: ['EXAI_FILE_SIZE_CAP'], path: 'fileSizeCapBytes', kind: 'number' },
  { names: ['EXAI_ALLOWED_ROOTS'], path: 'allowedRoots', kind: 'list' },
  { names: ['EXAI_MAX_FILES_PER_CALL'], path: 'maxFilesPerCall', kind: 'number' },
  { names: ['EXAI_MAX_FILE_BYTES_PER_CALL'], path: 'maxFileBytesPerCall', kind: 'number' },
  { names: ['EXAI_IMAGE_SIZE_CAP'], path: 'imageSizeCapBytes', kind: 'number' },
  { names: ['TOOL_PROFILE'], path: 'toolProfile', kind: 'lowercase' },
  { names: ['ENABLED_TOOLS'], path: 'enabledTools', kind: 'list' },
  { names: ['DISABLED_TOOLS'], path: 'disabledTools', kind: 'list' },
  { names: ['LOCALE'], path: 'locale', kind: 'string' },
  { names: ['EXAI_PRICES'], path: 'prices', kind: 'json' },
  { names: ['EXAI_BREAKER_THRESHOLD'], path: 'breakerFailureThreshold', kind: 'number' },
  { names: ['EXAI_BREAKER_COOLDOWN'], path: 'breakerCooldownS', kind: 'number' },
  { names: ['KIMI_API_KEY', 'MOONSHOT_API_KEY'], path: 'kimi.apiKey', kind: 'string' },
  { names: ['KIMI_API_URL', 'MOONSHOT_API_URL'], path: 'kimi.baseUrl', kind: 'string' },
  { names: ['KIMI_ALLOWED_MODELS'], path: 'kimi.allowedModels', kind: 'list' },
  { names: ['KIMI_DEFAULT_MODEL'], path: 'kimi.defaultModel', kind: 'string' },
  { names: ['KIMI_MAX_OUTPUT_TOKENS'], path: 'kimi.maxOutputTokens', kind: 'number' },
  { names: ['KIMI_TIMEOUT_SECS'], path: 'kimi.timeoutS', kind: 'number' },
  { names: ['GLM_API_KEY', 'ZHIPUAI_API_KEY', 'ZAI_API_KEY'], path: 'glm.apiKey', kind: 'string' },
  { names: ['GLM_API_URL', 'ZHIPUAI_API_URL'], path: 'glm.baseUrl', kind: 'string' },
  { names: ['GLM_ALLOWED_MODELS'], path: 'glm.allowedModels', kind: 'list' },
  { names: ['GLM_DEFAULT_MODEL'], path: 'glm.defaultModel', kind: 'string' },
  { names: ['GLM_MAX_OUTPUT_TOKENS'], path: 'glm.maxOutputTokens', kind: 'number' },
  { names: ['GLM_TIMEOUT_SECS'], path: 'glm.timeoutS', kind: 'number' },
];

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function parseValue(binding: EnvBinding, name: string, raw: string): unknown {
  switch (binding.kind) {
    case 'string':
      return raw;
    case 'lowercase':
      return raw.trim().toLowerCase();
    case 'json':
      try {
        return JSON.parse(raw) as unknown;
      } catch (error) {
        throw new ConfigError(
          `${name}: expected JSON, got "${raw.slice(0, 80)}" (${(error as Error).message})`,
        );
      }
    case 'number': {
      const n = Number(raw.trim());
      if (raw.trim() === '' || !Number.isFinite(n)) {
        throw new ConfigError(`${name}: expected a number, got "${raw}"`);
      }
      return n;
    }
    case 'list':
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'boolean': {
      const v = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
      throw new ConfigError(`${name}: expected true or false, got "${raw}"`);
    }
  }
}

export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/** The settings the environment sets, as a partial config; the first name set wins. */
export function configFromEnv(env: Env): {
  values: Partial<ConfigInput>;
  sources: Map<string, string>;
} {
  const values: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  for (const binding of ENV_BINDINGS) {
    const name = binding.names.find((n) => env[n] !== undefined && env[n] !== '');
    if (!name) continue;
    setPath(values, binding.path, parseValue(binding, name, env[name]!));
    sources.set(binding.path, name);
  }
  return { values: values as Partial<ConfigInput>, sources };
}
