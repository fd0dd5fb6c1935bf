import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { z } from 'zod';
import type { CallerSession, ProgressUpdate } from '../core/call-context.ts';
import type { ProviderId } from '../core/provider-id.ts';
import { ToolError, isToolError } from '../core/tool-error.ts';
import type { ToolResult } from '../core/tool-result.ts';
import type { SessionRegistry } from '../sessions/session-registry.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { CallStats } from './call-stats.ts';
import { CallLimits, type CallSlot } from './call-limits.ts';
import { callSignal } from './call-signal.ts';
import { Coalescer } from './coalesce.ts';
import { ResultCache } from './result-cache.ts';
import { canonicalJson } from './canonical-json.ts';
import { callDeadlineS } from './deadlines.ts';
import { startHeartbeat } from './heartbeat.ts';
import { registerRuntimeMetrics } from './runtime-metrics.ts';
import type { Slot } from './slot-queue.ts';
import type { RunContext, RunnableTool, RuntimeServices, ToolLookup } from './runnable-tool.ts';

export interface ToolCall {
  tool: string;
  args: unknown;
  session: CallerSession;
  /** The client's own cancellation (MCP notifications/cancelled, socket closed). */
  signal?: AbortSignal;
  onProgress?: (update: ProgressUpdate & { progress: number }) => void;
  /** A deadline the client asked for; it can only shorten the tool's. */
  timeoutS?: number;
  /**
   * Skip the result cache for this call; the fresh answer replaces the cached one.
   * MCP clients ask with `params._meta.exai_fresh: true` on tools/call.
   */
  fresh?: boolean;
  /**
   * The args were already parsed with this tool's own schema (the MCP SDK does that before it
   * calls the handler, with the registry's shared schema), so parsing them again is skipped.
   */
  argsValidated?: boolean;
}

/** What one caller hears from the (possibly shared) execution it waits on. */
interface Listener {
  progress(update: ProgressUpdate): void;
  provider(provider: ProviderId, model: string | undefined): void;
}

/** Aborts what a settled execution's handler may still have going (one shared instance, as in call-signal.ts). */
const EXECUTION_SETTLED = new ToolError('CANCELLED', 'execution settled');

function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : 'arguments'}: ${i.message}`)
    .join('; ');
}

function withMeta(result: ToolResult, meta: Record<string, unknown>): ToolResult {
  return { ...result, meta: { ...result.meta, ...meta } };
}

/**
 * Every transport runs tool calls through here: validation, result cache, coalescing, limits,
 * deadline, heartbeat and bookkeeping. A call is one caller; an execution is one run of the
 * handler, which identical calls in the same scope share.
 */
export class CallRunner {
  readonly stats = new CallStats();
  readonly limits: CallLimits;
  readonly cache: ResultCache;
  private readonly coalescer = new Coalescer<ToolResult, Listener>(EXECUTION_SETTLED);
  /** Aborted once, at shutdown: every call's signal follows it (one listener per call in flight). */
  private readonly shutdown = new AbortController();
  private inflight = 0;
  private readonly registry: ToolLookup;
  private readonly services: RuntimeServices;
  private readonly sessions: SessionRegistry;
  private readonly metrics: Metrics;

  /** Told of every finished call (the usage ledger's calls table, the `activity` tool); `result` when it answered. */
  private readonly onCallEnded:
    | ((
        tool: string,
        session: CallerSession,
        durationMs: number,
        outcome: string,
        result?: ToolResult,
      ) => void)
    | undefined;
  /** Why a tool is hidden (TOOL_PROFILE, DISABLED_TOOLS), or undefined when it may be called. */
  private readonly hiddenReason: ((tool: string) => string | undefined) | undefined;

  /** `now` is the result cache's clock (tests inject one to step through its TTL). */
  constructor(deps: {
    registry: ToolLookup;
    services: RuntimeServices;
    sessions: SessionRegistry;
    metrics: Metrics;
    onCallEnded?: (
      tool: string,
      session: CallerSession,
      durationMs: number,
      outcome: string,
      result?: ToolResult,
    ) => void;
    hiddenReason?: (tool: string) => string | undefined;
    now?: () => number;
  }) {
    setMaxListeners(0, this.shutdown.signal);
    this.onCallEnded = deps.onCallEnded;
    this.hiddenReason = deps.hiddenReason;
    this.registry = deps.registry;
    this.services = deps.services;
    this.sessions = deps.sessions;
    this.metrics = deps.metrics;
    this.limits = new CallLimits(() => this.services.config());
    this.cache = new ResultCache(() => this.services.config(), { now: deps.now });
    registerRuntimeMetrics(this.metrics, this.limits, this.cache, () => this.coalescer.size);
    // A session's results can never be asked for again once it is gone.
    this.sessions.on('removed', (id) => this.cache.dropScope(id));
  }

  /** Callers waiting for an answer (coalesced callers count one each). */
  get inflightCount(): number {
    return this.inflight;
  }

  /** Executions running; fewer than inflightCount when calls were coalesced. */
  get executionCount(): number {
    return this.coalescer.size;
  }

  /** Seconds this call may run: the tool's default, capped by the daemon-wide call timeout and the client's. */
  deadlineFor(tool: string, clientTimeoutS?: number): number {
    return callDeadlineS(this.services.config(), this.registry.get(tool)?.timeoutS, clientTimeoutS);
  }

  async run(call: ToolCall): Promise<ToolResult> {
    const spec = this.registry.get(call.tool);
    if (!spec) {
      throw new ToolError(
        'TOOL_NOT_FOUND',
        `Unknown tool "${call.tool}". Available tools: ${this.registry
          .names()
          .filter((n) => this.hiddenReason?.(n) === undefined)
          .join(', ')}`,
      );
    }
    // TOOL_PROFILE / ENABLED_TOOLS / DISABLED_TOOLS hide a tool from calls too, on every transport.
    const hidden = this.hiddenReason?.(spec.name);
    if (hidden) throw new ToolError('TOOL_NOT_FOUND', hidden);
    const parsed = call.argsValidated
      ? { data: call.args as Record<string, unknown> }
      : this.registry.schemas(spec.name)!.input.safeParse(call.args ?? {});
    if ('success' in parsed && !parsed.success) {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `Invalid arguments for ${spec.name}: ${describeZodError(parsed.error)}`,
      );
    }

    const config = this.services.config();
    const callId = randomUUID();
    const timeoutS = this.deadlineFor(spec.name, call.timeoutS);
    const started = Date.now();
    const deadline = started + timeoutS * 1000;
    const { signal, finish } = callSignal({
      tool: spec.name,
      timeoutS,
      client: call.signal,
      shutdown: this.shutdown.signal,
    });

    let progressCount = 0;
    const heartbeat = startHeartbeat(config.progressIntervalS * 1000, () =>
      emit({
        message: `${spec.name} still running (${Math.round((Date.now() - started) / 1000)}s of ${timeoutS}s)`,
      }),
    );
    const emit = (update: ProgressUpdate) => {
      progressCount = Math.max(progressCount + 1, update.progress ?? 0);
      heartbeat.reported();
      call.onProgress?.({ ...update, progress: progressCount });
    };

    this.inflight += 1;
    this.metrics.inflight.set(this.inflight);
    const step = spec.stepOf?.(parsed.data as never);
    this.sessions.callStarted(call.session.id, {
      id: callId,
      tool: spec.name,
      startedAt: started,
      ...(step ? { step } : {}),
    });
    // The deadline is stated up front, so a client knows how long it may have to wait.
    emit({ message: `${spec.name} accepted; deadline ${timeoutS}s` });

    let outcome = 'ok';
    let answered: ToolResult | undefined;
    try {
      const scope = config.coalesceScope === 'global' ? '*' : call.session.id;
      const key = `${scope}\u0000${spec.name}\u0000${canonicalJson(parsed.data)}`;
      // A workflow step changes its thread: never answered from the cache nor shared with a twin.
      const stateful = spec.category === 'workflow';
      const cacheable = !stateful && this.cache.enabledFor(spec.name);
      if (cacheable && !call.fresh) {
        const hit = this.cache.get(key);
        if (hit) {
          this.stats.cacheHits += 1;
          this.metrics.cacheHits.inc({ tool: spec.name });
          answered = hit;
          return withMeta(hit, { cache: 'hit', deadline_s: timeoutS });
        }
      }
      const listener: Listener = {
        progress: emit,
        provider: (provider, model) =>
          this.sessions.callUpdated(call.session.id, callId, {
            provider,
            ...(model ? { model } : {}),
          }),
      };
      const coalesceKey =
        stateful || config.coalesceDisabledFor.includes(spec.name) ? undefined : key;
      const { promise, joined } = this.coalescer.run(
        coalesceKey,
        signal,
        listener,
        (executionSignal, each) =>
          this.execute(spec, parsed.data, call.session, deadline, executionSignal, each),
      );
      if (joined) {
        this.stats.coalesced += 1;
        this.metrics.coalesced.inc({ tool: spec.name });
      }
      const result = await promise;
      answered = result;
      if (result.isError) outcome = 'error';
      else if (cacheable && !joined) this.cache.set(key, scope, result);
      return withMeta(result, {
        deadline_s: timeoutS,
        ...(joined ? { coalesced: true } : {}),
        ...(cacheable ? { cache: 'miss' } : {}),
      });
    } catch (error) {
      const toolError = isToolError(error)
        ? error
        : signal.aborted && isToolError(signal.reason)
          ? signal.reason
          : new ToolError(
              'EXEC_ERROR',
              `${spec.name} failed: ${(error as Error)?.message ?? String(error)}`,
              { cause: error },
            );
      outcome = toolError.code.toLowerCase();
      this.stats.recordError(spec.name, toolError);
      throw toolError;
    } finally {
      heartbeat.stop();
      // Detaches this caller; the shared execution stops only when its last caller has gone.
      finish();
      this.inflight -= 1;
      const elapsed = Date.now() - started;
      this.metrics.inflight.set(this.inflight);
      this.metrics.calls.inc({ tool: spec.name, outcome });
      this.metrics.latency.observe({ tool: spec.name }, elapsed / 1000);
      this.stats.recordCall(elapsed, outcome);
      this.sessions.callEnded(call.session.id, callId, outcome !== 'ok');
      this.onCallEnded?.(spec.name, call.session, elapsed, outcome, answered);
    }
  }

  /**
   * One run of a handler under the limits: session and global slots for its whole run, provider
   * slots on request. Every slot it took is released exactly once when it ends, however it ends.
   * `signal` is the execution's: it follows the caller's signal, or, when calls were coalesced,
   * aborts with the last caller's reason once every caller has gone. No timer of its own.
   */
  private async execute(
    spec: RunnableTool,
    args: unknown,
    session: CallerSession,
    deadline: number,
    signal: AbortSignal,
    each: (fn: (l: Listener) => void) => void,
  ): Promise<ToolResult> {
    const held = new Set<Slot>();
    let callSlot: CallSlot | undefined;
    try {
      callSlot = await this.limits.acquireCall(session.id, signal);
      const config = this.services.config();
      const ctx: RunContext = {
        tool: spec.name,
        signal,
        deadline,
        session,
        scope: config.shareConversations ? '*' : session.id,
        services: this.services,
        progress: (update) => each((l) => l.progress(update)),
        acquireProvider: async (provider, model) => {
          each((l) => l.provider(provider, model));
          const slot = await this.limits.acquireProvider(provider, signal, callSlot);
          held.add(slot);
          return {
            release() {
              slot.release();
              held.delete(slot);
            },
          };
        },
      };
      return await Promise.race([
        spec.handler(args as never, ctx),
        new Promise<never>((_, reject) => {
          const fail = () => reject(signal.reason);
          if (signal.aborted) fail();
          signal.addEventListener('abort', fail, { once: true });
        }),
      ]);
    } catch (error) {
      if (!isToolError(error) && signal.aborted && isToolError(signal.reason)) throw signal.reason;
      throw error;
    } finally {
      for (const slot of held) slot.release();
      held.clear();
      callSlot?.release();
    }
  }

  /** Shutdown: whatever is still running after the grace period is answered with this error. */
  cancelAll(reason: ToolError): void {
    this.shutdown.abort(reason);
  }
}
