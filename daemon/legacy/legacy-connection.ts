import { randomUUID } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import type { ServerDeps } from '../server/server-deps.ts';
import type { CallerSession } from '../core/call-context.ts';
import { handleCallTool } from './call-tool.ts';
import {
  CLOSE,
  cancelSchema,
  opFrameSchema,
  parseJson,
  pingSchema,
  rotateTokenSchema,
  toolCallSchema,
  type ListToolsRes,
  type ServerFrame,
} from './frames.ts';
import type { LegacyInflight } from './inflight-calls.ts';
import { PRE_HELLO_MAX_BYTES, setFrameCap } from './frame-cap.ts';
import { judgeHello } from './hello.ts';
import type { LegacySessions } from './legacy-sessions.ts';
import type { ReplayStore } from './replay-store.ts';
import { decideRotation } from './rotate-token.ts';

/** What the legacy protocol needs beyond what every front end shares. */
export interface LegacyDeps extends ServerDeps {
  health(): Record<string, unknown>;
  /** The token clients must present ('' when none is configured). */
  token(): string;
  /** Makes `next` the token from now on (memory and token file). */
  rotateToken(next: string): void;
}

export interface LegacyShared {
  replay: ReplayStore;
  hub: LegacySessions;
  inflight: LegacyInflight;
  tools(): ListToolsRes['tools'];
  /** Sockets that have not said hello yet; they count against maxSessions. */
  waiting: Set<LegacyConnection>;
}

const CLOSE_TOO_BIG = 1009;
const CLOSE_TRY_AGAIN_LATER = 1013;

/** One legacy WebSocket: hello first, then every frame handled on its own, concurrently. */
export class LegacyConnection {
  private readonly socket: WebSocket;
  private readonly deps: LegacyDeps;
  private readonly shared: LegacyShared;
  private session: CallerSession | undefined;
  private helloTimer: NodeJS.Timeout | undefined;
  /** False when the socket's own frame cap could not be lowered before hello. */
  private preHelloCapped = false;

  constructor(socket: WebSocket, deps: LegacyDeps, shared: LegacyShared) {
    this.socket = socket;
    this.deps = deps;
    this.shared = shared;
  }

  start(): void {
    const timeoutS = this.deps.config().helloTimeoutS;
    this.helloTimer = setTimeout(
      () => this.socket.close(CLOSE.helloTimeout, `no hello within ${timeoutS}s`),
      timeoutS * 1000,
    );
    // One listener that switches on state: a frame sent right behind the hello arrives in the
    // same tick, before any promise could attach a second listener.
    this.preHelloCapped = setFrameCap(this.socket, PRE_HELLO_MAX_BYTES);
    this.shared.waiting.add(this);
    this.socket.on('message', (data) => this.onFrame(data));
    this.socket.on('close', () => {
      clearTimeout(this.helloTimer);
      this.shared.waiting.delete(this);
    });
    this.socket.on('error', (error) =>
      this.deps.logger.debug({ err: error }, 'legacy socket error'),
    );
  }

  private send(frame: ServerFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private onFrame(data: RawData): void {
    const text = Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data).toString('utf8');
    if (!this.session) {
      this.onHello(text);
      return;
    }
    this.deps.sessions.touch(this.session.id);
    this.dispatch(text, this.session).catch((error: unknown) => {
      this.deps.logger.error({ err: error }, 'legacy frame failed');
      this.send({ op: 'error', message: 'internal error' });
    });
  }

  private onHello(text: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    clearTimeout(this.helloTimer);
    if (!this.preHelloCapped && Buffer.byteLength(text) > PRE_HELLO_MAX_BYTES) {
      this.socket.close(
        CLOSE_TOO_BIG,
        `frames before hello are limited to ${PRE_HELLO_MAX_BYTES} bytes`,
      );
      return;
    }
    const verdict = judgeHello(text, this.deps.token());
    if (!verdict.ok) {
      this.send(verdict.ack);
      this.socket.close(verdict.closeCode, verdict.reason);
      return;
    }
    const sessionId = verdict.sessionId ?? randomUUID();
    // Upgrades are counted with the waiting sockets, but HTTP sessions may have filled the
    // daemon since: the limit holds here too (a resumed session takes no new place).
    const { maxSessions } = this.deps.config();
    if (!this.shared.hub.has(sessionId) && this.deps.sessions.size >= maxSessions) {
      this.send({ op: 'hello_ack', ok: false, error: 'over_capacity' });
      this.socket.close(
        CLOSE_TRY_AGAIN_LATER,
        `too many sessions (limit ${maxSessions}); close one or raise EXAI_MAX_SESSIONS`,
      );
      return;
    }
    this.shared.waiting.delete(this);
    setFrameCap(this.socket, this.deps.config().maxBytes);
    this.session = this.shared.hub.attach(sessionId, this.socket);
    this.send({ op: 'hello_ack', ok: true, session_id: sessionId });
  }

  private async dispatch(text: string, session: CallerSession): Promise<void> {
    const parsed = parseJson(text);
    if (!parsed.ok) return this.send({ op: 'error', message: 'invalid_json' });
    const frame = opFrameSchema.safeParse(parsed.value);
    if (!frame.success)
      return this.send({
        op: 'error',
        message: 'invalid frame: expected a JSON object with a string "op"',
      });
    switch (frame.data.op) {
      case 'list_tools':
        return this.send({ op: 'list_tools_res', tools: this.shared.tools() });
      case 'health':
        return this.send({ op: 'health_res', ok: true, health: this.deps.health() });
      case 'call_tool':
        return this.callTool(parsed.value, session);
      case 'tool_call':
        return this.toolCall(parsed.value, session);
      case 'cancel':
        return this.cancel(parsed.value, session);
      case 'ping': {
        const ping = pingSchema.safeParse(parsed.value);
        return this.send({
          op: 'pong',
          request_id: (ping.success && ping.data.request_id) || null,
          timestamp: Date.now() / 1000,
        });
      }
      case 'rotate_token':
        return this.rotate(parsed.value);
      default:
        return this.send({ op: 'error', message: `Unknown op: ${frame.data.op.slice(0, 100)}` });
    }
  }

  private callTool(raw: unknown, session: CallerSession): Promise<void> {
    return handleCallTool(
      raw,
      { session, send: (f) => this.send(f) },
      { ...this.deps, replay: this.shared.replay, inflight: this.shared.inflight },
    );
  }

  /** The original's later form, `tool: {name}`: the same call as call_tool. */
  private toolCall(raw: unknown, session: CallerSession): Promise<void> {
    const frame = toolCallSchema.safeParse(raw);
    const {
      tool,
      op: _op,
      ...rest
    } = (frame.success ? frame.data : raw) as { tool?: { name?: unknown }; op?: unknown };
    return this.callTool({ ...rest, op: 'call_tool', name: tool?.name }, session);
  }

  private cancel(raw: unknown, session: CallerSession): void {
    const frame = cancelSchema.safeParse(raw);
    if (!frame.success)
      return this.send({
        op: 'error',
        message: 'invalid cancel: "request_id" must be a string or number',
      });
    const found = this.shared.inflight.cancel(session.id, frame.data.request_id);
    if (!found)
      this.deps.logger.debug(
        { session: session.id },
        'legacy cancel for a call that is not running',
      );
    // Answered either way, as the original did; the call itself answers CANCELLED.
    this.send({ op: 'cancelled', request_id: frame.data.request_id, timestamp: Date.now() / 1000 });
  }

  private rotate(raw: unknown): void {
    const frame = rotateTokenSchema.safeParse(raw);
    const answer = frame.success
      ? decideRotation(frame.data, this.deps.token())
      : ({
          op: 'rotate_token_res',
          ok: false,
          error: 'missing_params',
          message: '"old" and "new" must be strings',
        } as const);
    if (answer.ok && frame.success && frame.data.new) {
      this.deps.rotateToken(frame.data.new);
      this.deps.logger.info({ session: this.session?.id }, 'token rotated by a legacy client');
    } else if (!answer.ok && answer.error === 'unauthorized') {
      this.deps.logger.warn({ session: this.session?.id }, 'refused a legacy rotate_token');
    }
    this.send(answer);
  }
}
