import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ToolRegistry } from '../tools/registry.ts';
import type { CallerSession, ProgressUpdate, ToolContext, ToolResult, ToolSpec } from '../tools/tool.ts';
import { ToolError, isToolError } from '../tools/tool-error.ts';
import type { DaemonServices } from '../services.ts';
import type { SessionRegistry } from '../sessions/session-registry.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { ProviderId } from '../config/schema.ts';
import { CallStats } from './call-stats.ts';
import { CallLimits, type CallSlot } from './call-limits.ts';
import { Coalescer } from './coalesce.ts';
import { ResultCache } from './result-cache.ts';
import { canonicalJson } from './canonical-json.ts';
import { callDeadlineS } from './deadlines.ts';
import { startHeartbeat } from './heartbeat.ts';
import { registerRuntimeMetrics } from './runtime-metrics.ts';
import type { Slot } from './slot-queue.ts';

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

/**
 * Aborts a finished call's leftover work. One shared instance: an Error per call (with its
 * stack trace) was a tenth of a trivial call's CPU time.
 */
const CALL_FINISHED = new ToolError('CANCELLED', 'call finished');

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
  private readonly coalescer = new Coalescer<ToolResult, Listener>();
  private readonly inflight = new Map<string, AbortController>();
  private readonly registry: ToolRegistry;
  private readonly services: DaemonServices;
  private readonly sessions: SessionRegistry;
  private readonly metrics: Metrics;

  /** Told of every finished call (the usage ledger's calls table). */
  private readonly onCallEnded: ((tool: string, session: CallerSession, durationMs: number, outcome: string) => void) | undefined;

  constructor(deps: {
    registry: ToolRegistry;
    services: DaemonServices;
    sessions: SessionRegistry;
    metrics: Metrics;
    onCallEnded?: (tool: string, session: CallerSession, durationMs: number, outcome: string) => void;
  }) {
    this.onCallEnded = deps.onCallEnded;
    this.registry = deps.registry;
    this.services = deps.services;
    this.sessions = deps.sessions;
    this.metrics = deps.metrics;
    this.limits = new CallLimits(() => this.services.config());
    this.cache = new ResultCache(() => this.services.config());
    registerRuntimeMetrics(this.metrics, this.limits, this.cache, () => this.coalescer.size);
    // A session's results can never be asked for again once it is gone.
    this.sessions.on('removed', (id) => this.cache.dropScope(id));
  }

  /** Callers waiting for an answer (coalesced callers count one each). */
  get inflightCount(): number {
    return this.inflight.size;
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
      throw new ToolError('TOOL_NOT_FOUND', `Unknown tool "${call.tool}". Available tools: ${this.registry.names().join(', ')}`);
    }
    const parsed = call.argsValidated
      ? { data: call.args as Record<string, unknown> }
      : this.registry.schemas(spec.name)!.input.safeParse(call.args ?? {});
    if ('success' in parsed && !parsed.success) {
      throw new ToolError('INVALID_ARGUMENTS', `Invalid arguments for ${spec.name}: ${describeZodError(parsed.error)}`);
    }

    const config = this.services.config();
    const callId = randomUUID();
    const timeoutS = this.deadlineFor(spec.name, call.timeoutS);
    const started = Date.now();
    const deadline = started + timeoutS * 1000;
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new ToolError('TIMEOUT', `${spec.name} did not finish within its ${timeoutS}s deadline`)),
      timeoutS * 1000,
    );
    const onClientAbort = () => controller.abort(new ToolError('CANCELLED', `${spec.name} was cancelled by the client`));
    if (call.signal?.aborted) onClientAbort();
    call.signal?.addEventListener('abort', onClientAbort, { once: true });

    let progressCount = 0;
    const heartbeat = startHeartbeat(config.progressIntervalS * 1000, () =>
      emit({ message: `${spec.name} still running (${Math.round((Date.now() - started) / 1000)}s of ${timeoutS}s)` }),
    );
    const emit = (update: ProgressUpdate) => {
      progressCount = Math.max(progressCount + 1, update.progress ?? 0);
      heartbeat.reported();
      call.onProgress?.({ ...update, progress: progressCount });
    };

    this.inflight.set(callId, controller);
    this.metrics.inflight.set(this.inflight.size);
    this.sessions.callStarted(call.session.id, { id: callId, tool: spec.name, startedAt: started });
    // The deadline is stated up front, so a client knows how long it may have to wait.
    emit({ message: `${spec.name} accepted; deadline ${timeoutS}s` });

    let outcome = 'ok';
    try {
      const scope = config.coalesceScope === 'global' ? '*' : call.session.id;
      const key = `${scope}\u0000${spec.name}\u0000${canonicalJson(parsed.data)}`;
      const cacheable = this.cache.enabledFor(spec.name);
      if (cacheable && !call.fresh) {
        const hit = this.cache.get(key);
        if (hit) {
          this.stats.cacheHits += 1;
          this.metrics.cacheHits.inc({ tool: spec.name });
          return withMeta(hit, { cache: 'hit', deadline_s: timeoutS });
        }
      }
      const listener: Listener = {
        progress: emit,
        provider: (provider, model) => this.sessions.callUpdated(call.session.id, callId, { provider, ...(model ? { model } : {}) }),
      };
      const coalesceKey = config.coalesceDisabledFor.includes(spec.name) ? undefined : key;
      const { promise, joined } = this.coalescer.run(coalesceKey, controller.signal, listener, (signal, each) =>
        this.execute(spec, parsed.data, call.session, deadline, timeoutS, signal, each),
      );
      if (joined) {
        this.stats.coalesced += 1;
        this.metrics.coalesced.inc({ tool: spec.name });
      }
      const result = await promise;
      if (result.isError) outcome = 'error';
      else if (cacheable && !joined) this.cache.set(key, scope, result);
      return withMeta(result, { deadline_s: timeoutS, ...(joined ? { coalesced: true } : {}), ...(cacheable ? { cache: 'miss' } : {}) });
    } catch (error) {
      const toolError = isToolError(error)
        ? error
        : controller.signal.aborted && isToolError(controller.signal.reason)
          ? controller.signal.reason
          : new ToolError('EXEC_ERROR', `${spec.name} failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
      outcome = toolError.code.toLowerCase();
      this.stats.recordError(spec.name, toolError);
      throw toolError;
    } finally {
      clearTimeout(timer);
      heartbeat.stop();
      call.signal?.removeEventListener('abort', onClientAbort);
      // Detaches this caller; the shared execution stops only when its last caller has gone.
      if (!controller.signal.aborted) controller.abort(CALL_FINISHED);
      this.inflight.delete(callId);
      const elapsed = Date.now() - started;
      this.metrics.inflight.set(this.inflight.size);
      this.metrics.calls.inc({ tool: spec.name, outcome });
      this.metrics.latency.observe({ tool: spec.name }, elapsed / 1000);
      this.stats.recordCall(elapsed, outcome);
      this.sessions.callEnded(call.session.id, callId, outcome !== 'ok');
      this.onCallEnded?.(spec.name, call.session, elapsed, outcome);
    }
  }

  /**
   * One run of a handler under the limits: session and global slots for its whole run, provider
   * slots on request. Every slot it took is released exactly once when it ends, however it ends.
   */
  private async execute(
    spec: ToolSpec,
    args: unknown,
    session: CallerSession,
    deadline: number,
    timeoutS: number,
    callersGone: AbortSignal,
    each: (fn: (l: Listener) => void) => void,
  ): Promise<ToolResult> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new ToolError('TIMEOUT', `${spec.name} did not finish within its ${timeoutS}s deadline`)),
      Math.max(0, deadline - Date.now()),
    );
    const onGone = () => controller.abort(callersGone.reason);
    if (callersGone.aborted) onGone();
    callersGone.addEventListener('abort', onGone, { once: true });
    const held = new Set<Slot>();
    let callSlot: CallSlot | undefined;
    try {
      callSlot = await this.limits.acquireCall(session.id, controller.signal);
      const config = this.services.config();
      const ctx: ToolContext = {
        tool: spec.name,
        signal: controller.signal,
        deadline,
        session,
        scope: config.shareConversations ? '*' : session.id,
        services: this.services,
        progress: (update) => each((l) => l.progress(update)),
        acquireProvider: async (provider, model) => {
          each((l) => l.provider(provider, model));
          const slot = await this.limits.acquireProvider(provider, controller.signal, callSlot);
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
          const fail = () => reject(controller.signal.reason);
          if (controller.signal.aborted) fail();
          controller.signal.addEventListener('abort', fail, { once: true });
        }),
      ]);
    } catch (error) {
      if (!isToolError(error) && controller.signal.aborted && isToolError(controller.signal.reason)) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      callersGone.removeEventListener('abort', onGone);
      // Stops whatever I/O the handler still has going (the race may have been won by an abort).
      if (!controller.signal.aborted) controller.abort(CALL_FINISHED);
      for (const slot of held) slot.release();
      held.clear();
      callSlot?.release();
    }
  }

  /** Shutdown: whatever is still running after the grace period is answered with this error. */
  cancelAll(reason: ToolError): void {
    for (const controller of this.inflight.values()) controller.abort(reason);
    this.coalescer.abortAll(reason);
  }
}
