import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ToolRegistry } from '../tools/registry.ts';
import type { CallerSession, ProgressUpdate, ToolContext, ToolResult } from '../tools/tool.ts';
import { ToolError, isToolError } from '../tools/tool-error.ts';
import type { DaemonServices } from '../services.ts';
import type { SessionRegistry } from '../sessions/session-registry.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { CallStats } from './call-stats.ts';

export interface ToolCall {
  tool: string;
  args: unknown;
  session: CallerSession;
  /** The client's own cancellation (MCP notifications/cancelled, socket closed). */
  signal?: AbortSignal;
  onProgress?: (update: ProgressUpdate & { progress: number }) => void;
  /** A deadline the client asked for; it can only shorten the tool's. */
  timeoutS?: number;
}

export interface CallOutcome {
  result: ToolResult;
  callId: string;
}

function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : 'arguments'}: ${i.message}`)
    .join('; ');
}

/** Every transport runs tool calls through here: validation, deadline, heartbeat, bookkeeping. */
export class CallRunner {
  readonly stats = new CallStats();
  private readonly inflight = new Map<string, AbortController>();
  private readonly registry: ToolRegistry;
  private readonly services: DaemonServices;
  private readonly sessions: SessionRegistry;
  private readonly metrics: Metrics;

  constructor(deps: { registry: ToolRegistry; services: DaemonServices; sessions: SessionRegistry; metrics: Metrics }) {
    this.registry = deps.registry;
    this.services = deps.services;
    this.sessions = deps.sessions;
    this.metrics = deps.metrics;
  }

  get inflightCount(): number {
    return this.inflight.size;
  }

  /** Seconds this call may run: the tool's default, capped by the daemon-wide call timeout and the client's. */
  deadlineFor(tool: string, clientTimeoutS?: number): number {
    const config = this.services.config();
    const spec = this.registry.get(tool);
    const candidates = [config.callTimeoutS, spec?.timeoutS ?? config.callTimeoutS, clientTimeoutS ?? Infinity];
    return Math.min(...candidates);
  }

  async run(call: ToolCall): Promise<ToolResult> {
    const spec = this.registry.get(call.tool);
    if (!spec) {
      throw new ToolError('TOOL_NOT_FOUND', `Unknown tool "${call.tool}". Available tools: ${this.registry.names().join(', ')}`);
    }
    const parsed = z.object(spec.inputSchema).strict().safeParse(call.args ?? {});
    if (!parsed.success) {
      throw new ToolError('INVALID_ARGUMENTS', `Invalid arguments for ${spec.name}: ${describeZodError(parsed.error)}`);
    }

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
    let lastProgressAt = started;
    const emit = (update: ProgressUpdate) => {
      progressCount = Math.max(progressCount + 1, update.progress ?? 0);
      lastProgressAt = Date.now();
      call.onProgress?.({ ...update, progress: progressCount });
    };
    // Heartbeats only report; they never touch the call (the original cancelled slow calls here).
    const intervalMs = this.services.config().progressIntervalS * 1000;
    const heartbeat = setInterval(() => {
      if (Date.now() - lastProgressAt >= intervalMs - 5) {
        emit({ message: `${spec.name} still running (${Math.round((Date.now() - started) / 1000)}s)` });
      }
    }, intervalMs);

    this.inflight.set(callId, controller);
    this.metrics.inflight.set(this.inflight.size);
    this.sessions.callStarted(call.session.id, { id: callId, tool: spec.name, startedAt: started });

    const ctx: ToolContext = {
      signal: controller.signal,
      deadline,
      session: call.session,
      scope: this.services.config().shareConversations ? '*' : call.session.id,
      services: this.services,
      progress: emit,
    };

    let outcome = 'ok';
    try {
      const result = await Promise.race([
        spec.handler(parsed.data, ctx),
        new Promise<never>((_, reject) => {
          const fail = () => reject(controller.signal.reason);
          if (controller.signal.aborted) fail();
          controller.signal.addEventListener('abort', fail, { once: true });
        }),
      ]);
      if (result.isError) outcome = 'error';
      return result;
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
      clearInterval(heartbeat);
      call.signal?.removeEventListener('abort', onClientAbort);
      if (!controller.signal.aborted) controller.abort(new ToolError('CANCELLED', 'call finished'));
      this.inflight.delete(callId);
      const elapsed = Date.now() - started;
      this.metrics.inflight.set(this.inflight.size);
      this.metrics.calls.inc({ tool: spec.name, outcome });
      this.metrics.latency.observe({ tool: spec.name }, elapsed / 1000);
      this.stats.recordCall(elapsed, outcome);
      this.sessions.callEnded(call.session.id, callId, outcome !== 'ok');
    }
  }

  /** Shutdown: whatever is still running after the grace period is answered with this error. */
  cancelAll(reason: ToolError): void {
    for (const controller of this.inflight.values()) controller.abort(reason);
  }
}
