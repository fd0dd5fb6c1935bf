import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { UnknownModelError, type ModelCatalog, type ModelInfo } from '../catalog/catalog.ts';
import type { LiveModels } from '../catalog/live-models.ts';
import type { Config } from '../config/schema.ts';
import type { ProgressUpdate } from '../core/call-context.ts';
import { providerTimeoutMs } from '../core/deadlines.ts';
import type { ProviderId } from '../core/provider-id.ts';
import { estimateTokens } from '../conversations/token-estimate.ts';
import type { ChatAnswer, ChatMessage, TokenUsage } from '../providers/openai-provider.ts';
import { ProviderCallError } from '../providers/provider-error.ts';
import { maxOutputTokens, providerTimeoutS } from '../providers/provider-limits.ts';
import type { ThinkingMode } from '../providers/provider-dialect.ts';
import type { ProviderRegistry } from '../providers/provider-registry.ts';
import { ToolError } from '../core/tool-error.ts';
import { chooseModels, type ModelChoice, type ModelChoiceRequest } from './model-choice.ts';

export interface RoutedChatRequest {
  choice: ModelChoice;
  /** Messages for one model: budgets depend on its context window, so each attempt builds its own. */
  messagesFor(model: ModelInfo): ChatMessage[];
  temperature?: number | undefined;
  thinkingMode?: ThinkingMode | undefined;
  webSearch?: boolean | undefined;
  /** Extra headers for one model's request (Kimi's context cache); undefined for none. */
  headersFor?(model: ModelInfo): Record<string, string> | undefined;
}

/** What a call needs from its ToolContext. */
export interface RoutedCallContext {
  readonly signal: AbortSignal;
  readonly deadline: number;
  progress(update: ProgressUpdate): void;
  /** Which tool and session the request serves, for the usage ledger. */
  readonly tool?: string;
  readonly session?: { readonly id: string; readonly transport: string };
  /** The provider's in-flight slot (runtime limits); absent in unit tests of the router alone. */
  acquireProvider?(provider: ProviderId, model?: string): Promise<{ release(): void }>;
}

export interface AttemptRecord {
  provider: ProviderId;
  model: string;
  /** A ProviderCallError kind, or 'resting' when the breaker skipped the model. */
  kind: string;
  error: string;
}

export interface RoutedAnswer extends ChatAnswer {
  provider: ProviderId;
  model: string;
  usage: TokenUsage;
  /** True when the provider reported no usage and it was estimated. */
  usageEstimated: boolean;
  /** Models tried before the one that answered. */
  failedAttempts: AttemptRecord[];
}

/** One upstream request, for the usage ledger (never the prompt). */
export interface UpstreamRequest {
  provider: ProviderId;
  model: string;
  tool: string;
  sessionId: string | undefined;
  transport: string;
  usage: TokenUsage;
  usageEstimated: boolean;
  durationMs: number;
  /** 'ok', or the ProviderCallError kind. */
  outcome: string;
}

export interface ChatRouterEvents {
  /** One upstream request ended: ok, or the failure kind. */
  upstream: [provider: ProviderId, outcome: string];
  usage: [provider: ProviderId, model: string, usage: TokenUsage];
  request: [request: UpstreamRequest];
}

const NO_USAGE: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };

/** At most a few progress notifications a second, however fast tokens stream. */
const PROGRESS_EVERY_MS = 250;
/** 429s honoured per model before moving on. */
const MAX_RATE_LIMIT_RETRIES = 2;
/** A 429 without Retry-After waits this long. */
const DEFAULT_RETRY_AFTER_MS = 1000;

export interface ChatRouterOptions {
  registry: ProviderRegistry;
  catalog: ModelCatalog;
  config: () => Config;
  logger: Logger;
  /** Consulted when a named model is unknown: the provider may list it. */
  live?: LiveModels;
}

/** Runs one chat completion along its fallback chain, with 429 retries and per-provider breakers. */
export class ChatRouter extends EventEmitter<ChatRouterEvents> {
  private readonly o: ChatRouterOptions;

  constructor(options: ChatRouterOptions) {
    super();
    this.o = options;
  }

  choose(request: ModelChoiceRequest): ModelChoice {
    const { registry } = this.o;
    return chooseModels(
      {
        catalog: this.o.catalog,
        config: this.o.config(),
        isConfigured: (id) => registry.isConfigured(id),
        notConfiguredMessage: (id) => registry.get(id).notConfiguredMessage(),
        label: (id) => registry.get(id).label,
      },
      request,
    );
  }

  /** `choose`, but an unknown model name first refreshes the providers' live lists (never fails because of them). */
  async plan(request: ModelChoiceRequest): Promise<ModelChoice> {
    try {
      return this.choose(request);
    } catch (error) {
      if (!this.o.live || !(error instanceof ToolError && error.cause instanceof UnknownModelError))
        throw error;
      // A name the catalog lacks may be new at the provider: look again, at most once a minute.
      await this.o.live.refresh(60_000);
      return this.choose(request);
    }
  }

  async complete(request: RoutedChatRequest, ctx: RoutedCallContext): Promise<RoutedAnswer> {
    const failed: AttemptRecord[] = [];
    let tokensBefore = 0;
    const keyRefused = new Set<ProviderId>();
    for (const model of request.choice.chain) {
      if (keyRefused.has(model.provider)) continue;
      const breaker = this.o.registry.breaker(model.provider);
      if (!breaker.tryAcquire()) {
        const label = this.o.registry.get(model.provider).label;
        const wait = Math.ceil(breaker.retryInMs() / 1000);
        const error = `${label} is resting after ${breaker.consecutiveFailures} consecutive failures; it will be tried again in ${wait} s`;
        failed.push({ provider: model.provider, model: model.name, kind: 'resting', error });
        continue;
      }
      const outcome = await this.tryModel(model, request, ctx, tokensBefore);
      if ('answer' in outcome) {
        breaker.success();
        this.o.registry.markKey(model.provider, false);
        return this.finish(
          outcome.answer,
          outcome.messages,
          model,
          failed,
          ctx,
          outcome.durationMs,
        );
      }
      tokensBefore += outcome.tokens;
      const error = outcome.error;
      if (error.kind === 'auth') {
        // A refused key will not work for the provider's other models either; another
        // provider's key may. Not the breaker's business: no waiting mends a key.
        this.o.registry.markKey(model.provider, true);
        breaker.release();
        keyRefused.add(model.provider);
        const other = request.choice.chain.some((m) => !keyRefused.has(m.provider));
        if (!other) throw toToolError(error);
        failed.push({
          provider: model.provider,
          model: model.name,
          kind: error.kind,
          error: error.message,
        });
        this.o.logger.warn(
          { provider: model.provider, model: model.name },
          'API key rejected; trying the other provider',
        );
        continue;
      }
      if (!error.retryable) {
        breaker.release();
        throw toToolError(error);
      }
      breaker.failure();
      failed.push({
        provider: model.provider,
        model: model.name,
        kind: error.kind,
        error: error.message,
      });
      this.o.logger.warn(
        { provider: model.provider, model: model.name, kind: error.kind, error: error.message },
        'model failed; trying the next in the fallback chain',
      );
    }
    // Only retryable failures get here: all timeouts is a TIMEOUT, anything else an upstream error.
    const code = failed.every((f) => f.kind === 'timeout') ? 'TIMEOUT' : 'UPSTREAM_ERROR';
    if (failed.length === 1) throw new ToolError(code, failed[0]!.error);
    const detail = failed.map((f) => `${f.model} (${f.provider}): ${f.error}`).join('; ');
    throw new ToolError(code, `No model could answer. ${detail}`);
  }

  /** One model, with its 429 retries. Resolves with the answer or the error that ended it. */
  private async tryModel(
    model: ModelInfo,
    request: RoutedChatRequest,
    ctx: RoutedCallContext,
    tokensBefore: number,
  ): Promise<
    | { answer: ChatAnswer; messages: ChatMessage[]; durationMs: number }
    | { error: ProviderCallError; tokens: number }
  > {
    const { registry, config } = this.o;
    const provider = registry.get(model.provider);
    let tokens = 0;
    let lastProgressAt = 0;
    const onToken = (n: number) => {
      tokens = n;
      const now = Date.now();
      if (now - lastProgressAt < PROGRESS_EVERY_MS) return;
      lastProgressAt = now;
      ctx.progress({ message: `${n} tokens from ${model.name}`, progress: tokensBefore + n });
    };
    // Reasoning (reasoning_content) shows in progress only, never in the answer text.
    let reasoningChars = 0;
    let lastThoughtAt = 0;
    const onReasoning = (delta: string) => {
      reasoningChars += delta.length;
      const now = Date.now();
      if (now - lastThoughtAt < PROGRESS_EVERY_MS) return;
      lastThoughtAt = now;
      ctx.progress({
        message: `${model.name} thinking (${reasoningChars} chars): ${delta.trim().slice(-120)}`,
      });
    };
    const messages = request.messagesFor(model);
    const headers = request.headersFor?.(model);
    for (let attempt = 0; ; attempt += 1) {
      if (ctx.deadline <= Date.now() || ctx.signal.aborted) throw abortError(ctx);
      // Waiting for a provider slot may take a while (or end in OVER_CAPACITY, which propagates).
      const slot = await ctx.acquireProvider?.(model.provider, model.name);
      const timeoutMs = providerTimeoutMs(providerTimeoutS(config(), model.provider), ctx.deadline);
      if (timeoutMs <= 0 || ctx.signal.aborted) {
        slot?.release();
        throw abortError(ctx);
      }
      registry.requestStarted(model.provider);
      const startedAt = Date.now();
      try {
        const answer = await provider.chat(
          {
            model: model.name,
            messages,
            temperature: request.temperature,
            thinkingMode: request.thinkingMode,
            modelThinks: model.capabilities.includes('thinking'),
            webSearch: request.webSearch,
            maxTokens: maxOutputTokens(config(), model),
            ...(headers && { headers }),
          },
          {
            signal: ctx.signal,
            timeoutMs,
            onToken,
            onReasoning,
          },
        );
        slot?.release();
        registry.requestEnded(model.provider);
        this.emit('upstream', model.provider, 'ok');
        return { answer, messages, durationMs: Date.now() - startedAt };
      } catch (caught) {
        // Free the slot before any Retry-After sleep, so others can use the provider meanwhile.
        slot?.release();
        const error =
          caught instanceof ProviderCallError
            ? caught
            : new ProviderCallError('server', String(caught));
        registry.requestEnded(
          model.provider,
          error.kind === 'cancelled' ? undefined : error.message,
        );
        this.emit('upstream', model.provider, error.kind);
        this.emit(
          'request',
          requestRecord(model, ctx, NO_USAGE, true, Date.now() - startedAt, error.kind),
        );
        if (error.kind === 'cancelled' || ctx.signal.aborted) throw abortError(ctx);
        const waitMs = error.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
        const fits = Date.now() + waitMs < ctx.deadline - 1000;
        if (error.kind !== 'rate-limited' || attempt >= MAX_RATE_LIMIT_RETRIES || !fits)
          return { error, tokens };
        this.o.logger.info(
          { provider: model.provider, model: model.name, waitMs },
          'rate limited; retrying after Retry-After',
        );
        ctx.progress({
          message: `${provider.label} rate limited; retrying in ${Math.ceil(waitMs / 1000)} s`,
        });
        await sleep(waitMs, undefined, { signal: ctx.signal }).catch(() => undefined);
      }
    }
  }

  private finish(
    answer: ChatAnswer,
    messages: ChatMessage[],
    model: ModelInfo,
    failed: AttemptRecord[],
    ctx: RoutedCallContext,
    durationMs: number,
  ): RoutedAnswer {
    let usage = answer.usage;
    const usageEstimated = usage === undefined;
    if (!usage) {
      const promptTokens = estimateTokens(JSON.stringify(messages));
      const completionTokens = estimateTokens(answer.text) + estimateTokens(answer.reasoning);
      usage = { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
    }
    this.emit('usage', model.provider, model.name, usage);
    this.emit('request', requestRecord(model, ctx, usage, usageEstimated, durationMs, 'ok'));
    this.o.logger.info(
      {
        provider: model.provider,
        model: model.name,
        usage,
        usageEstimated,
        fallbacks: failed.length,
      },
      'model answered',
    );
    return {
      ...answer,
      provider: model.provider,
      model: model.name,
      usage,
      usageEstimated,
      failedAttempts: failed,
    };
  }
}

/** The call's own signal fired: its reason (a TIMEOUT or CANCELLED ToolError from the runner) wins. */
function abortError(ctx: RoutedCallContext): ToolError {
  const reason: unknown = ctx.signal.reason;
  if (reason instanceof ToolError) return reason;
  if (Date.now() >= ctx.deadline)
    return new ToolError('TIMEOUT', 'the call reached its deadline before a model answered');
  return new ToolError('CANCELLED', 'the call was cancelled');
}

/** A failure that ends the call at once: not retryable, so not a reason to try another model. */
function toToolError(error: ProviderCallError): ToolError {
  const code = error.kind === 'not-configured' ? 'NOT_CONFIGURED' : 'UPSTREAM_ERROR';
  return new ToolError(code, error.message, { cause: error });
}

function requestRecord(
  model: ModelInfo,
  ctx: RoutedCallContext,
  usage: TokenUsage,
  usageEstimated: boolean,
  durationMs: number,
  outcome: string,
): UpstreamRequest {
  return {
    provider: model.provider,
    model: model.name,
    tool: ctx.tool ?? 'unknown',
    sessionId: ctx.session?.id,
    transport: ctx.session?.transport ?? 'unknown',
    usage,
    usageEstimated,
    durationMs,
    outcome,
  };
}
