import type { Logger } from 'pino';
import type { CallRunner } from '../runtime/call-runner.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import type { CallerSession } from '../core/call-context.ts';
import type { ToolResult } from '../core/tool-result.ts';
import { isToolError, type ToolErrorCode } from '../core/tool-error.ts';
import {
  callToolSchema,
  requestIdSchema,
  type CallToolRes,
  type ProgressFrame,
  type RequestId,
  type ServerFrame,
  type WireErrorCode,
} from './frames.ts';
import type { ReplayStore } from './replay-store.ts';
import { stripIdeSuffix } from './suffix.ts';
import type { LegacyInflight } from './inflight-calls.ts';
import type { Config } from '../config/schema.ts';
import { hiddenReason, visibleTools } from '../tools/visible-tools.ts';

export interface CallDeps {
  registry: ToolRegistry;
  runner: CallRunner;
  replay: ReplayStore;
  inflight: LegacyInflight;
  logger: Logger;
  config(): Config;
}

export interface CallOrigin {
  session: CallerSession;
  send(frame: ServerFrame): void;
}

const WIRE_CODES: Record<ToolErrorCode, WireErrorCode> = {
  TIMEOUT: 'TIMEOUT',
  OVER_CAPACITY: 'OVER_CAPACITY',
  EXEC_ERROR: 'EXEC_ERROR',
  TOOL_NOT_FOUND: 'TOOL_NOT_FOUND',
  INVALID_ARGUMENTS: 'INVALID_ARGUMENTS',
  CANCELLED: 'CANCELLED',
  // Ours; legacy clients only know the six codes above.
  NOT_CONFIGURED: 'EXEC_ERROR',
  STORE_ERROR: 'EXEC_ERROR',
  NOT_FOUND: 'EXEC_ERROR',
  UPSTREAM_ERROR: 'EXEC_ERROR',
};

export function resultFrame(requestId: RequestId, result: ToolResult): CallToolRes {
  const outputs = result.content.map((c) => ({ type: 'text' as const, text: c.text }));
  const text = outputs.map((o) => o.text).join('\n\n');
  if (result.isError)
    return {
      op: 'call_tool_res',
      request_id: requestId,
      error: { code: 'EXEC_ERROR', message: text },
    };
  return {
    op: 'call_tool_res',
    request_id: requestId,
    outputs,
    text,
    ...(result.meta ? { meta: result.meta } : {}),
  };
}

export function errorFrame(requestId: RequestId, error: unknown): CallToolRes {
  if (isToolError(error)) {
    const code = WIRE_CODES[error.code];
    const retryAfter = code === 'OVER_CAPACITY' ? (error.retryAfter ?? 1) : undefined;
    return {
      op: 'call_tool_res',
      request_id: requestId,
      error: {
        code,
        message: error.message,
        ...(retryAfter !== undefined ? { retry_after: retryAfter } : {}),
      },
      // Also at the top level: shims of the original read it from either place.
      ...(retryAfter !== undefined ? { retry_after: retryAfter } : {}),
    };
  }
  return {
    op: 'call_tool_res',
    request_id: requestId,
    error: { code: 'EXEC_ERROR', message: (error as Error)?.message ?? String(error) },
  };
}

/** OVER_CAPACITY says "try again later", and a cancelled call was stopped on purpose: a retry with the same id must really run again. */
function worthReplaying(frame: CallToolRes): boolean {
  return !(
    'error' in frame &&
    (frame.error.code === 'OVER_CAPACITY' || frame.error.code === 'CANCELLED')
  );
}

/** One `call_tool` frame: validation, replay, ack, progress and the answer. Never throws. */
export async function handleCallTool(
  raw: unknown,
  origin: CallOrigin,
  deps: CallDeps,
): Promise<void> {
  const frame = callToolSchema.safeParse(raw);
  if (!frame.success) {
    const id = requestIdSchema.safeParse((raw as { request_id?: unknown }).request_id);
    const problem = frame.error.issues
      .map((i) => `${i.path.join('.') || 'frame'}: ${i.message}`)
      .join('; ');
    if (!id.success) {
      origin.send({ op: 'error', message: `invalid call_tool: ${problem}` });
      return;
    }
    origin.send({
      op: 'call_tool_res',
      request_id: id.data,
      error: { code: 'INVALID_ARGUMENTS', message: `invalid call_tool: ${problem}` },
    });
    return;
  }
  const { request_id: requestId } = frame.data;
  const sessionId = origin.session.id;
  const name = stripIdeSuffix(frame.data.name);
  const onProgress = (progress: ProgressFrame) => origin.send(progress);

  const answered = deps.replay.answered(sessionId, requestId);
  if (answered) {
    origin.send(answered);
    return;
  }
  const running = deps.replay.running(sessionId, requestId);
  if (running) {
    origin.send({
      op: 'call_tool_ack',
      request_id: requestId,
      accepted: true,
      timeout: deps.runner.deadlineFor(name),
      name,
    });
    running.listeners.add(onProgress);
    origin.send(await running.answer);
    return;
  }

  const spec = deps.registry.get(name);
  const hidden = spec ? hiddenReason(spec, deps.config()) : undefined;
  if (!spec || hidden) {
    const available = visibleTools(deps.registry, deps.config())
      .map((t) => t.name)
      .join(', ');
    const message = hidden ?? `Unknown tool "${frame.data.name}". Available tools: ${available}`;
    const answer: CallToolRes = {
      op: 'call_tool_res',
      request_id: requestId,
      error: { code: 'TOOL_NOT_FOUND', message },
    };
    deps.replay.remember(sessionId, requestId, answer);
    origin.send(answer);
    return;
  }

  origin.send({
    op: 'call_tool_ack',
    request_id: requestId,
    accepted: true,
    timeout: deps.runner.deadlineFor(name),
    name,
  });
  const listeners = new Set<(p: ProgressFrame) => void>([onProgress]);
  const inflight = deps.inflight.start(sessionId, requestId);
  const answer = deps.runner
    .run({
      tool: name,
      args: frame.data.arguments ?? {},
      session: origin.session,
      // Only {"op":"cancel"} aborts: a call outlives a dropped socket so the shim's retry after
      // reconnecting gets its answer (each call still ends by its deadline).
      signal: inflight.signal,
      onProgress: (update) => {
        const progress: ProgressFrame = {
          op: 'progress',
          request_id: requestId,
          name,
          t: Date.now() / 1000,
          note: update.message,
        };
        for (const listener of listeners) listener(progress);
      },
    })
    .then(
      (result) => resultFrame(requestId, result),
      (error: unknown) => errorFrame(requestId, error),
    )
    .finally(() => inflight.done());
  deps.replay.track(sessionId, requestId, { answer, listeners }, worthReplaying);
  origin.send(await answer);
}
