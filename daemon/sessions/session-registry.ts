import { EventEmitter } from 'node:events';
import type { CallerSession } from '../core/call-context.ts';
import type { InflightCall, SessionSnapshot } from '../parent/status.ts';

/** A live session: what the snapshot shows, with in-flight calls keyed for quick updates. */
export interface SessionEntry
  extends CallerSession, Omit<SessionSnapshot, 'id' | 'transport' | 'inflight'> {
  inflight: Map<string, Omit<InflightCall, 'elapsedMs'>>;
  /** Ends the connection with a close code and a reason the client can show. */
  close(code: number, reason: string): void;
}

interface SessionEvents {
  changed: [];
  /** A session ended (closed, disconnected by the app, or idle too long). */
  removed: [id: string];
}

/** Close codes the registry uses; the reason text says the same in words. */
export const CLOSE_DISCONNECTED = 4010;
export const CLOSE_IDLE = 4011;

/** Every connection and HTTP session, whatever its transport. */
export class SessionRegistry extends EventEmitter<SessionEvents> {
  private readonly sessions = new Map<string, SessionEntry>();
  private sweeper: NodeJS.Timeout | undefined;

  /**
   * The daemon's one idle sweeper, for every transport: ends sessions with no call in flight and
   * no activity for `idleTimeoutS()` seconds, checking often enough that none outlives its timeout
   * by much. `onEnded` hears the ids it ended.
   */
  startIdleSweep(idleTimeoutS: () => number, onEnded?: (ids: string[]) => void): void {
    this.stopIdleSweep();
    const schedule = () => {
      this.sweeper = setTimeout(tick, Math.max(250, Math.min(5_000, (idleTimeoutS() * 1000) / 4)));
      this.sweeper.unref();
    };
    const tick = () => {
      const ended = this.sweepIdle(idleTimeoutS());
      if (ended.length > 0) onEnded?.(ended);
      schedule();
    };
    schedule();
  }

  stopIdleSweep(): void {
    clearTimeout(this.sweeper);
    this.sweeper = undefined;
  }

  /** Closes every session idle for longer than `idleTimeoutS`; returns their ids. */
  sweepIdle(idleTimeoutS: number, now = Date.now()): string[] {
    const ended: string[] = [];
    for (const entry of this.sessions.values()) {
      if (entry.inflight.size > 0 || now - entry.lastActivityAt < idleTimeoutS * 1000) continue;
      ended.push(entry.id);
      entry.close(
        CLOSE_IDLE,
        `idle for more than ${idleTimeoutS}s (EXAI_SESSION_IDLE_TIMEOUT); reconnect to continue`,
      );
      this.remove(entry.id);
    }
    return ended;
  }

  dispose(): void {
    this.stopIdleSweep();
    this.removeAllListeners();
  }

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
    if (!this.sessions.delete(id)) return;
    this.emit('removed', id);
    this.emit('changed');
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

  callUpdated(
    id: string,
    callId: string,
    patch: Partial<Pick<InflightCall, 'model' | 'provider'>>,
  ): void {
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
    entry.close(CLOSE_DISCONNECTED, reason);
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
