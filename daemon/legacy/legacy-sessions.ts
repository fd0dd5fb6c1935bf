import type { WebSocket } from 'ws';
import type { SessionRegistry } from '../sessions/session-registry.ts';
import type { CallerSession } from '../core/call-context.ts';

interface LiveSession {
  caller: CallerSession;
  sockets: Set<WebSocket>;
}

/**
 * Legacy sessions outlive their sockets: a shim that reconnects says hello with its old
 * session_id and keeps its replayable answers. Several sockets may share one session; it is
 * listed in the session registry while at least one is open.
 */
export class LegacySessions {
  private readonly live = new Map<string, LiveSession>();
  private readonly sessions: SessionRegistry;

  constructor(sessions: SessionRegistry) {
    this.sessions = sessions;
  }

  /** Registry id for a legacy session id (prefixed, so a client cannot collide with an MCP session). */
  static callerId(sessionId: string): string {
    return `legacy:${sessionId}`;
  }

  /** Whether a hello with this session id resumes a session that is still open. */
  has(sessionId: string): boolean {
    return this.live.has(LegacySessions.callerId(sessionId));
  }

  attach(sessionId: string, socket: WebSocket): CallerSession {
    const id = LegacySessions.callerId(sessionId);
    let entry = this.live.get(id);
    if (!entry) {
      const created: LiveSession = { caller: { id, transport: 'legacy-ws' }, sockets: new Set() };
      entry = created;
      this.live.set(id, created);
      this.sessions.add(created.caller, (code, reason) => {
        for (const s of [...created.sockets]) s.close(code, reason);
      });
      this.sessions.setClient(id, 'EX-AI legacy client', undefined);
    }
    entry.sockets.add(socket);
    const live = entry;
    socket.once('close', () => this.detach(live, socket));
    return entry.caller;
  }

  private detach(entry: LiveSession, socket: WebSocket): void {
    entry.sockets.delete(socket);
    if (entry.sockets.size > 0 || this.live.get(entry.caller.id) !== entry) return;
    this.live.delete(entry.caller.id);
    this.sessions.remove(entry.caller.id);
  }
}
