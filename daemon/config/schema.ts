import { z } from 'zod';
import { providerBaseUrlSchema } from './base-url.ts';

/** A model's price per million tokens; the shipped list is daemon/catalog/prices.json. */
export const priceSchema = z
  .object({
    input: z.number().min(0),
    output: z.number().min(0),
    currency: z.string().min(1).max(8).default('USD'),
  })
  .strict();
export type Price = z.infer<typeof priceSchema>;

// One schema for every layer (defaults < config file < environment < CLI flags), so a bad value
// is reported the same way wherever it came from.
const seconds = z.number().positive().max(86_400);
const count = z.number().int().positive();
/** A language tag such as "fr" or "zh-CN"; '' leaves the models to answer in the prompt's language. */
export const localeSchema = z.union([
  z.literal(''),
  z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$/, 'must be a language tag such as fr or zh-CN'),
]);

export function providerConfigSchema(defaultBaseUrl: string) {
  return z
    .object({
      apiKey: z.string().min(1).optional(),
      baseUrl: providerBaseUrlSchema.default(defaultBaseUrl),
      /** Only these models (names or aliases) may be routed to or listed; empty = all. */
      allowedModels: z.array(z.string().min(1)).default([]),
      /** The model this provider's own tools use when a call names none. */
      defaultModel: z.string().min(1).optional(),
      /** Caps max_tokens on every request to this provider (below the catalog's max output). */
      maxOutputTokens: z.number().int().positive().optional(),
      /** One request to this provider; overrides providerTimeoutS. */
      timeoutS: z.number().positive().max(86_400).optional(),
    })
    .strict()
    .prefault({});
}

export const configSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65_535).default(8765),
    dataDir: z.string().min(1),
    token: z.string().min(16, 'must be at least 16 characters').optional(),
    allowedOrigins: z.array(z.string()).default([]),
    maxBytes: count.default(32 * 1024 * 1024),
    logLevel: z
      .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
      .default('info'),

    limits: z
      .object({
        global: count.default(24),
        kimi: count.default(6),
        glm: count.default(4),
        session: count.default(8),
        // Calls that may wait under each limit before OVER_CAPACITY. MCP clients show a refusal
        // to the model instead of retrying, so waiting is the better answer; queueWaitS and the
        // call's deadline bound how long. 512 holds every call of 64 sessions at their limit.
        queueLength: z.number().int().min(0).default(512),
        queueWaitS: seconds.default(30),
      })
      .strict()
      .prefault({}),

    callTimeoutS: seconds.default(90),
    providerTimeoutS: seconds.default(75),
    progressIntervalS: seconds.default(8),
    helloTimeoutS: seconds.default(15),
    shutdownGraceS: z.number().min(0).max(600).default(10),

    resultTtlS: z.number().min(0).max(86_400).default(600),
    cacheMaxEntries: count.default(500),
    cacheMaxBytes: count.default(64 * 1024 * 1024),
    // Tools whose answer depends on state a repeat call must see (uploads, file lists, activity).
    cacheDisabledFor: z
      .array(z.string())
      .default([
        'version',
        'status',
        'listmodels',
        'challenge',
        'kimi_upload_and_extract',
        'kimi_manage_files',
        'glm_upload_file',
        'activity',
        'provider_capabilities',
      ]),
    coalesceDisabledFor: z.array(z.string()).default([]),
    coalesceScope: z.enum(['session', 'global']).default('session'),

    sessionIdleTimeoutS: seconds.default(1800),
    maxSessions: count.default(256),

    defaultModel: z.string().min(1).default('auto'),
    speedModel: z.string().min(1).default('glm-4.5-flash'),
    qualityModel: z.string().min(1).default('kimi-k2-0905-preview'),
    fallbackForExplicitModel: z.boolean().default(false),
    /** Consecutive upstream failures that open a provider's circuit breaker. */
    breakerFailureThreshold: count.max(100).default(3),
    /** How long an open breaker rests a provider before one probe call. */
    breakerCooldownS: seconds.default(30),
    conversationTtlHours: z.number().positive().max(720).default(3),
    maxConversationTurns: count.max(1000).default(20),
    shareConversations: z.boolean().default(false),
    fileSizeCapBytes: count.default(2 * 1024 * 1024),
    /** Folders whose files tools may read; empty = the user's home folder. */
    allowedRoots: z.array(z.string().min(1)).default([]),
    maxFilesPerCall: count.max(10_000).default(100),
    /** Files and images of one call, in total (an image may be up to imageSizeCapBytes). */
    maxFileBytesPerCall: count.default(32 * 1024 * 1024),
    /** Images go to vision models as data URLs; both providers take up to 20 MB. */
    imageSizeCapBytes: count.default(20 * 1024 * 1024),

    /** Which tools tools/list shows (TOOLS.md): core, standard, or full. */
    toolProfile: z.enum(['core', 'standard', 'full']).default('standard'),
    /** Tools shown whatever the profile. */
    enabledTools: z.array(z.string()).default([]),
    /** Tools hidden whatever the profile (wins over enabledTools). */
    disabledTools: z.array(z.string()).default([]),
    /** The language models are asked to answer in, e.g. "fr-FR"; empty = the prompt's language. */
    locale: localeSchema.default(''),
    /** Per-model prices per million tokens over the shipped list (catalog/prices.json). */
    prices: z.record(z.string(), priceSchema).default({}),

    kimi: providerConfigSchema('https://api.moonshot.ai/v1'),
    glm: providerConfigSchema('https://api.z.ai/api/paas/v4'),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export { PROVIDER_IDS, type ProviderId } from '../core/provider-id.ts';
