import type OpenAI from 'openai';
import type {
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
} from 'openai/resources/chat/completions';
import { withTimeout } from '../core/deadlines.ts';
import { SecretScrubber } from '../log/secret-scrubber.ts';
import { ProviderCallError } from './provider-error.ts';
import type * as OpenAISdkModule from './openai-sdk.ts';
import type { ProviderDialect, ThinkingMode } from './provider-dialect.ts';
import { refuseNonLoopbackInTests } from './loopback-guard.ts';

export type ChatMessage = ChatCompletionMessageParam;

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  thinkingMode?: ThinkingMode;
  /** The catalog says this model supports a thinking parameter. */
  modelThinks?: boolean;
  webSearch?: boolean;
  /** Extra request headers (Kimi's Idempotency-Key and context-cache token). */
  headers?: Record<string, string>;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ChatAnswer {
  text: string;
  reasoning: string;
  /** Summed over tool rounds; undefined when the provider reported none. */
  usage: TokenUsage | undefined;
  finishReason: string;
  /** Built-in tool round trips made (Kimi web search). */
  toolRounds: number;
  /** The provider's `msh-*` response headers of the last round (Kimi's context cache), lower-cased. */
  providerHeaders?: Record<string, string>;
  /** Prompt tokens the provider served from its cache, where it says so. */
  cachedTokens?: number;
}

export interface AttemptOptions {
  /** The call's one signal: cancel, disconnect, deadline or shutdown. */
  signal: AbortSignal;
  /** This attempt's own limit (core/deadlines.ts providerTimeoutMs: never past the call's deadline). */
  timeoutMs: number;
  /** Called with the running count of streamed tokens. */
  onToken?: (tokens: number) => void;
  /** Called with each piece of streamed reasoning (reasoning_content), kept apart from the answer. */
  onReasoning?: (delta: string) => void;
}

export interface ProviderSettings {
  apiKey?: string | undefined;
  baseUrl: string;
}

const MAX_TOOL_ROUNDS = 4;

type OpenAISdk = typeof OpenAISdkModule;
let sdkLoading: Promise<OpenAISdk> | undefined;
/** The openai client is a large module that a daemon with no provider calls never needs. */
function loadSdk(): Promise<OpenAISdk> {
  return (sdkLoading ??= import('./openai-sdk.ts'));
}

interface StreamDelta {
  content?: string | null;
  reasoning_content?: string | null;
  tool_calls?: Array<{
    index: number;
    id?: string;
    function?: { name?: string; arguments?: string };
  }>;
}

/** Why our signal fired: the attempt's own timeout or the call's deadline, or a cancel. */
function abortCause(signal: AbortSignal): 'timeout' | 'cancelled' | undefined {
  if (!signal.aborted) return undefined;
  const r = signal.reason as { name?: unknown; code?: unknown } | undefined;
  return r?.name === 'TimeoutError' || r?.code === 'TIMEOUT' ? 'timeout' : 'cancelled';
}

/**
 * Our signal bounds every request, streamed body included; the client's own timer (which stops at
 * the response headers) is set past any deadline so it never fires first. Node's timers hold 2^31-1 ms.
 */
const CLIENT_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * One OpenAI-compatible chat API (Kimi or GLM), reached through the `openai` client. A new key or
 * URL builds a new client for the next call; a call already running keeps the client it started with.
 */
export class OpenAICompatibleProvider {
  readonly dialect: ProviderDialect;
  /** Every key this provider has held, so no upstream echo of one reaches a log or an error. */
  readonly scrubber = new SecretScrubber();
  private readonly settings: () => ProviderSettings;
  private client: { instance: OpenAI; apiKey: string; baseUrl: string } | undefined;

  /** `settings` is read on every call, so a changed key or URL applies to the next one. */
  constructor(dialect: ProviderDialect, settings: () => ProviderSettings) {
    this.dialect = dialect;
    this.settings = settings;
    this.scrubber.add(settings().apiKey);
  }

  get id() {
    return this.dialect.id;
  }

  get label(): string {
    return this.dialect.label;
  }

  get configured(): boolean {
    return Boolean(this.settings().apiKey);
  }

  get baseUrl(): string {
    return this.settings().baseUrl;
  }

  notConfiguredMessage(): string {
    return `${this.label} is not configured: add an API key in Settings → Providers, or set ${this.dialect.keyEnv}`;
  }

  private currentClient(sdk: OpenAISdk): OpenAI {
    const { apiKey, baseUrl } = this.settings();
    if (!apiKey) throw new ProviderCallError('not-configured', this.notConfiguredMessage());
    refuseNonLoopbackInTests(baseUrl);
    if (this.client?.apiKey !== apiKey || this.client.baseUrl !== baseUrl) {
      this.scrubber.add(apiKey);
      const instance = new sdk.OpenAI({
        apiKey,
        baseURL: baseUrl,
        // Retries, fallback and timeouts are the router's: it knows the call's deadline.
        maxRetries: 0,
        timeout: CLIENT_TIMEOUT_MS,
        logLevel: 'off',
      });
      this.client = { instance, apiKey, baseUrl };
    }
    return this.client.instance;
  }

  /** Streams one chat completion, running built-in tool rounds (Kimi web search) to the end. */
  async chat(request: ChatRequest, options: AttemptOptions): Promise<ChatAnswer> {
    const sdk = await loadSdk();
    const client = this.currentClient(sdk);
    // The call's signal plus this attempt's own limit: one signal for the whole request.
    const limit = withTimeout(options.signal, options.timeoutMs);
    // The client and fetch listen on the signal they are given until it fires, request done or not.
    // They get one of this attempt's own, let go of when the attempt ends: the runner aborts the
    // call's signal once the call has settled, and that need not run through their listeners first.
    const attempt = new AbortController();
    const signal = attempt.signal;
    const forward = () => attempt.abort(limit.reason);
    if (limit.aborted) forward();
    else limit.addEventListener('abort', forward, { once: true });
    try {
      return await this.runRounds(sdk, client, request, signal, options);
    } catch (error) {
      const failure = sdk.classifyError(
        error,
        this.label,
        (t) => this.scrubber.scrub(t),
        abortCause(signal),
      );
      if (failure.kind !== 'auth') throw failure;
      throw new ProviderCallError(
        'auth',
        `${failure.message}. Check the key in Settings → Providers or ${this.dialect.keyEnv}`,
        { status: failure.status },
      );
    } finally {
      limit.removeEventListener('abort', forward);
    }
  }

  private async runRounds(
    sdk: OpenAISdk,
    client: OpenAI,
    request: ChatRequest,
    signal: AbortSignal,
    options: AttemptOptions,
  ): Promise<ChatAnswer> {
    const messages = [...request.messages];
    const body: Record<string, unknown> = {
      model: request.model,
      stream: true,
      ...(request.temperature !== undefined && { temperature: request.temperature }),
      ...(request.maxTokens !== undefined && { max_tokens: request.maxTokens }),
      ...(request.webSearch && { tools: this.dialect.webSearchTools() }),
      ...this.dialect.thinkingParams(request.thinkingMode, request.modelThinks ?? false),
    };
    let tokens = 0;
    let usage: TokenUsage | undefined;
    let reasoning = '';
    let cachedTokens: number | undefined;
    let providerHeaders: Record<string, string> | undefined;
    for (let round = 0; ; round += 1) {
      const { data: stream, response } = await client.chat.completions
        .create({ ...body, messages } as unknown as OpenAI.ChatCompletionCreateParamsStreaming, {
          signal,
          ...(request.headers && { headers: request.headers }),
          // The client's request and errors, our one-pass SSE decoding (sse-stream.ts).
          __streamClass: sdk.SseStream,
        })
        .withResponse();
      providerHeaders = mshHeaders(response.headers);
      let text = '';
      let finish: string | null = null;
      const calls: Array<{ id: string; name: string; args: string }> = [];
      let roundUsage: OpenAI.CompletionUsage | undefined;
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        const delta = choice?.delta as StreamDelta | undefined;
        if (delta?.content || delta?.reasoning_content) {
          text += delta.content ?? '';
          reasoning += delta.reasoning_content ?? '';
          if (delta.reasoning_content) options.onReasoning?.(delta.reasoning_content);
          tokens += 1;
          options.onToken?.(tokens);
        }
        for (const call of delta?.tool_calls ?? []) {
          const slot = (calls[call.index] ??= { id: '', name: '', args: '' });
          slot.id ||= call.id ?? '';
          slot.name += call.function?.name ?? '';
          slot.args += call.function?.arguments ?? '';
        }
        finish = choice?.finish_reason ?? finish;
        // Moonshot reports usage inside the last choice; OpenAI and Z.ai on the chunk.
        roundUsage =
          chunk.usage ??
          (choice as { usage?: OpenAI.CompletionUsage } | undefined)?.usage ??
          roundUsage;
      }
      if (roundUsage) {
        usage = addUsage(usage, roundUsage);
        cachedTokens = cachedTokensOf(roundUsage) ?? cachedTokens;
      }
      // The client's stream ends quietly on abort; the caller must still learn why.
      if (signal.aborted) throw new sdk.OpenAI.APIUserAbortError();
      if (finish === null)
        throw new ProviderCallError(
          'connection',
          `the stream from ${this.label} ended before the answer was complete`,
        );
      const answers = calls.map((c) => this.dialect.answerBuiltinToolCall(c.name, c.args));
      if (
        finish !== 'tool_calls' ||
        calls.length === 0 ||
        answers.some((a) => a === undefined) ||
        round >= MAX_TOOL_ROUNDS
      ) {
        return {
          text,
          reasoning,
          usage,
          finishReason: finish,
          toolRounds: round,
          ...(providerHeaders && { providerHeaders }),
          ...(cachedTokens !== undefined && { cachedTokens }),
        };
      }
      messages.push({
        role: 'assistant',
        content: text,
        tool_calls: calls.map((c): ChatCompletionMessageToolCall => ({
          id: c.id,
          type: 'function',
          function: { name: c.name, arguments: c.args },
        })),
      });
      calls.forEach((c, i) =>
        messages.push({
          role: 'tool',
          tool_call_id: c.id,
          name: c.name,
          content: answers[i]!,
        } as ChatMessage),
      );
    }
  }

  /** GET /models: the ids the provider lists. `signal` carries its time limit. */
  async listModels(signal: AbortSignal): Promise<string[]> {
    const sdk = await loadSdk();
    const client = this.currentClient(sdk);
    try {
      const page = await client.models.list({ signal });
      return page.data.map((m) => m.id);
    } catch (error) {
      throw sdk.classifyError(error, this.label, (t) => this.scrubber.scrub(t), abortCause(signal));
    }
  }
}

/** Moonshot's context-cache response headers (Msh-Context-Cache-Token-Saved, …), if any. */
function mshHeaders(headers: Headers): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name.toLowerCase().startsWith('msh-context-cache')) out[name.toLowerCase()] = value;
  });
  return Object.keys(out).length ? out : undefined;
}

/** Kimi reports `cached_tokens` on the usage; OpenAI-style APIs under prompt_tokens_details. */
function cachedTokensOf(u: OpenAI.CompletionUsage): number | undefined {
  const flat = (u as { cached_tokens?: unknown }).cached_tokens;
  if (typeof flat === 'number') return flat;
  return u.prompt_tokens_details?.cached_tokens;
}

function addUsage(sum: TokenUsage | undefined, u: OpenAI.CompletionUsage): TokenUsage {
  return {
    promptTokens: (sum?.promptTokens ?? 0) + (u.prompt_tokens ?? 0),
    completionTokens: (sum?.completionTokens ?? 0) + (u.completion_tokens ?? 0),
    totalTokens: (sum?.totalTokens ?? 0) + (u.total_tokens ?? 0),
  };
}
