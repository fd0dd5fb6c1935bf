import { EventEmitter } from 'node:events';
import type { CallerSession } from '../tools/tool.ts';
import type { InflightCall, SessionSnapshot } from '../parent/status.ts';

export interface SessionEntry extends CallerSession {
  clientName?: string;
  clientVersion?: string;
  connectedAt: number;
  lastActivityAt: number;
  calls: number;
  errors: number;
  lastTool?: string;
  inflight: Map<string, Omit<InflightCall, 'elapsedMs'>>;
  /** Ends the connection with a close code and a reason the client can show. */
  close(code: number, reason: string): void;
}

interface SessionEvents {
  changed: [];
}

/** Every connection and HTTP session, whatever its transport. */
export class SessionRegistry extends EventEmitter<SessionEvents> {
  private readonly sessions = new Map<string, SessionEntry>();

  add(session: CallerSession, close: SessionEntry['close']): SessionEntry {
    const now = Date.now();
    const entry: SessionEntry = {
      id: session.id,
      transport: session.transport,
      connectedAt: now,
      lastActivityAt: now,
      calls: 0,
      errors: 0,
      inflight: new Map(),
      close,
    };
    this.sessions.set(entry.id, entry);
    this.emit('changed');
    return entry;
  }

  remove(id: string): void {
    if (this.sessions.delete(id)) this.emit('changed');
  }

  get(id: string): SessionEntry | undefined {
    return this.sessions.get(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  all(): SessionEntry[] {
    return [...this.sessions.values()];
  }

  countBy(transport: CallerSession['transport']): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.transport === transport) n += 1;
    return n;
  }

  touch(id: string): void {
    const entry = this.sessions.get(id);
    if (entry) entry.lastActivityAt = Date.now();
  }

  setClient(id: string, name: string | undefined, version: string | undefined): void {
    const entry = this.sessions.get(id);
    if (!entry) return;
    entry.clientName = name;
    entry.clientVersion = version;
    this.emit('changed');
  }

  callStarted(id: string, call: Omit<InflightCall, 'elapsedMs'>): void {
    const entry = this.sessions.get(id);
    if (!entry) return;
    entry.calls += 1;
    entry.lastTool = call.tool;
    entry.lastActivityAt = Date.now();
    entry.inflight.set(call.id, call);
    this.emit('changed');
  }

  callUpdated(id: string, callId: string, patch: Partial<Pick<InflightCall, 'model' | 'provider'>>): void {
    const call = this.sessions.get(id)?.inflight.get(callId);
    if (call) Object.assign(call, patch);
  }

  callEnded(id: string, callId: string, failed: boolean): void {
    const entry = this.sessions.get(id);
    if (!entry) return;
    entry.inflight.delete(callId);
    if (failed) entry.errors += 1;
    entry.lastActivityAt = Date.now();
    this.emit('changed');
  }

  disconnect(id: string, reason = 'disconnected from the EXAI dashboard'): boolean {
    const entry = this.sessions.get(id);
    if (!entry) return false;
    entry.close(4010, reason);
    this.remove(id);
    return true;
  }

  snapshot(now = Date.now()): SessionSnapshot[] {
    return this.all().map((s) => ({
      id: s.id,
      transport: s.transport,
      clientName: s.clientName,
      clientVersion: s.clientVersion,
      connectedAt: s.connectedAt,
      lastActivityAt: s.lastActivityAt,
      calls: s.calls,
      errors: s.errors,
      lastTool: s.lastTool,
      inflight: [...s.inflight.values()].map((c) => ({ ...c, elapsedMs: now - c.startedAt })),
    }));
  }
}
