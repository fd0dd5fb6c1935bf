import type OpenAI from 'openai';
import type { ProviderId } from '../../config/schema.ts';
import type { ToolContext } from '../tool.ts';
import { ToolError, isToolError } from '../tool-error.ts';
import { providerTimeoutS } from '../../providers/provider-limits.ts';
import { providerTimeoutMs } from '../../core/deadlines.ts';
import { kimiDialect } from '../../providers/kimi.ts';
import { glmDialect } from '../../providers/glm.ts';
import { SecretScrubber } from '../../log/secret-scrubber.ts';
import type * as FilesSdkModule from './files-sdk.ts';

type FilesSdk = typeof FilesSdkModule;
let sdkLoading: Promise<FilesSdk> | undefined;
export function loadFilesSdk(): Promise<FilesSdk> {
  return (sdkLoading ??= import('./files-sdk.ts'));
}

/** One provider's client for a provider tool's requests, with the call's signal and deadline. */
export interface ProviderHandle {
  readonly id: ProviderId;
  readonly label: string;
  readonly client: OpenAI;
  readonly sdk: FilesSdk;
  /** Removes the key from any text the provider echoed back. */
  scrub(text: string): string;
  /** Request options: the call's signal and what is left of the provider timeout and the deadline. */
  options(): { signal: AbortSignal; timeout: number };
}

/**
 * The provider's client, or NOT_CONFIGURED naming the setting. Retries are off: the runtime's
 * deadline is the only clock. The key goes to this provider's own base URL and nowhere else.
 */
export async function providerClient(ctx: ToolContext, id: ProviderId): Promise<ProviderHandle> {
  const dialect = id === 'kimi' ? kimiDialect : glmDialect;
  const config = ctx.services.config();
  const { apiKey, baseUrl } = config[id];
  if (!apiKey) {
    throw new ToolError(
      'NOT_CONFIGURED',
      `${dialect.label} is not configured: add an API key in Settings → Providers, or set ${dialect.keyEnv}`,
    );
  }
  const sdk = await loadFilesSdk();
  const client = new sdk.OpenAI({ apiKey, baseURL: baseUrl, maxRetries: 0, logLevel: 'off' });
  const scrubber = new SecretScrubber();
  scrubber.add(apiKey);
  return {
    id,
    label: dialect.label,
    client,
    sdk,
    scrub: (text) => scrubber.scrub(text),
    options: () => ({
      signal: ctx.signal,
      timeout: Math.max(1, providerTimeoutMs(providerTimeoutS(config, id), ctx.deadline)),
    }),
  };
}

/**
 * Runs one upstream request under the provider's in-flight slot, and turns whatever it threw
 * into a ToolError with any key scrubbed; the call's own TIMEOUT/CANCELLED wins when it fired.
 */
export async function upstream<T>(
  ctx: ToolContext,
  handle: ProviderHandle,
  what: string,
  request: () => Promise<T>,
  model?: string,
): Promise<T> {
  const slot = await ctx.acquireProvider(handle.id, model);
  try {
    return await request();
  } catch (error) {
    if (ctx.signal.aborted && isToolError(ctx.signal.reason)) throw ctx.signal.reason;
    if (isToolError(error)) throw error;
    const classified = handle.sdk.classifyError(error, handle.label, handle.scrub, undefined);
    const code =
      classified.kind === 'timeout'
        ? 'TIMEOUT'
        : classified.kind === 'cancelled'
          ? 'CANCELLED'
          : 'UPSTREAM_ERROR';
    throw new ToolError(code, `${what}: ${classified.message}`, { cause: classified });
  } finally {
    slot.release();
  }
}
