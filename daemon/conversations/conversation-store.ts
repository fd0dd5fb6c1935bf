import { randomUUID } from 'node:crypto';
import { ToolError } from '../core/tool-error.ts';

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
  /** The tool that produced the turn: any tool may continue any other's thread. */
  tool: string;
  files?: string[];
  images?: number;
  provider?: string;
  model?: string;
  at: number;
}

export interface Thread {
  readonly id: string;
  /** The session scope that created it ('*' when conversations are shared). */
  readonly scope: string;
  readonly createdAt: number;
  lastActivityAt: number;
  readonly turns: Turn[];
  /** The MCP client (clientInfo.name) whose session opened it; see `canContinue`. */
  readonly client?: string;
}

/** Where threads outlive the daemon (exai.db); every method may throw on a disk error. */
export interface ThreadPersistence {
  save(thread: Thread): void;
  load(id: string): Thread | undefined;
  delete(id: string): void;
  pruneBefore(time: number): number;
}

/** Who may continue a thread opened by another session scope. */
export interface ScopeRules {
  /** The client identity (MCP clientInfo.name) of a live session scope. */
  clientOf(scope: string): string | undefined;
  /** Whether the session that is that scope is still connected. */
  isLive(scope: string): boolean;
}

export interface ConversationStoreOptions {
  ttlMs: () => number;
  maxTurns: () => number;
  /** Bounds memory: past this many threads the least recently used goes first. */
  maxThreads?: number;
  sweepEveryMs?: number;
  now?: () => number;
  /** Keeps threads across restarts; without it they live in memory only. */
  persistence?: ThreadPersistence;
  scopes?: ScopeRules;
  /** A write to `persistence` failed: the thread stays in memory, the user is told. */
  onSaveError?(error: Error): void;
}

const START_OVER = 'Start a new conversation by calling again without continuation_id.';

/**
 * `continuation_id` threads (docs/runtime.md): per session scope, expiring `ttlMs` after their
 * last turn, kept in memory and, with `persistence`, in exai.db across restarts. An id from
 * another scope is answered exactly as an unknown one, so ids cannot be probed across clients —
 * except that once the session that opened a thread has gone (a disconnect or a restart), a
 * session of the same client (clientInfo.name) may continue it.
 */
export class ConversationStore {
  private readonly threads = new Map<string, Thread>();
  private readonly options: ConversationStoreOptions;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;

  constructor(options: ConversationStoreOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => this.sweep(), options.sweepEveryMs ?? 60_000);
    this.timer.unref();
  }

  get size(): number {
    return this.threads.size;
  }

  create(scope: string): Thread {
    const now = this.now();
    const client = this.options.scopes?.clientOf(scope);
    const thread: Thread = {
      id: randomUUID(),
      scope,
      createdAt: now,
      lastActivityAt: now,
      turns: [],
      ...(client !== undefined && { client }),
    };
    this.threads.set(thread.id, thread);
    this.persist(thread);
    const max = this.options.maxThreads ?? 10_000;
    for (const oldest of this.threads.keys()) {
      if (this.threads.size <= max) break;
      this.threads.delete(oldest);
    }
    return thread;
  }

  /** The thread for a continuation, or a ToolError telling the caller to start over. */
  get(id: string, scope: string): Thread {
    const thread = this.threads.get(id) ?? this.load(id);
    if (!thread || !this.mayContinue(thread, scope)) {
      throw new ToolError(
        'NOT_FOUND',
        `Conversation ${id} was not found: it may have expired (threads last ${this.ttlText()} after their last turn) or never existed. ${START_OVER}`,
      );
    }
    if (this.expired(thread)) {
      this.threads.delete(id);
      this.forget(id);
      throw new ToolError(
        'NOT_FOUND',
        `Conversation ${id} has expired: it had no turn for over ${this.ttlText()}. ${START_OVER}`,
      );
    }
    return thread;
  }

  /** Throws when `count` more turns would pass the limit; call before doing the work. */
  checkRoom(thread: Thread, count: number): void {
    const max = this.options.maxTurns();
    if (thread.turns.length + count > max) {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `Conversation ${thread.id} has reached its limit of ${max} turns. ${START_OVER}`,
      );
    }
  }

  /** Appends turns (kept within the limit, oldest dropped) and refreshes the thread's TTL. */
  append(thread: Thread, ...turns: Array<Omit<Turn, 'at'>>): void {
    const at = this.now();
    thread.turns.push(...turns.map((t) => ({ ...t, at })));
    const excess = thread.turns.length - this.options.maxTurns();
    if (excess > 0) thread.turns.splice(0, excess);
    thread.lastActivityAt = at;
    // Most recently used last, so the size bound drops the stalest thread.
    this.threads.delete(thread.id);
    this.threads.set(thread.id, thread);
    this.persist(thread);
  }

  /** Writes a thread a tool changed in place (a workflow's record) through to the store. */
  save(thread: Thread): void {
    thread.lastActivityAt = this.now();
    this.persist(thread);
  }

  private mayContinue(thread: Thread, scope: string): boolean {
    if (thread.scope === scope) return true;
    const rules = this.options.scopes;
    if (!rules || thread.client === undefined || rules.isLive(thread.scope)) return false;
    return rules.clientOf(scope) === thread.client;
  }

  private load(id: string): Thread | undefined {
    const persistence = this.options.persistence;
    if (!persistence) return undefined;
    let thread: Thread | undefined;
    try {
      thread = persistence.load(id);
    } catch (error) {
      throw new ToolError(
        'STORE_ERROR',
        `Conversation ${id} could not be read from exai.db: ${(error as Error).message}. Other calls keep working; ${START_OVER}`,
      );
    }
    if (thread) this.threads.set(thread.id, thread);
    return thread;
  }

  private persist(thread: Thread): void {
    try {
      this.options.persistence?.save(thread);
    } catch (error) {
      this.options.onSaveError?.(error as Error);
    }
  }

  private forget(id: string): void {
    try {
      this.options.persistence?.delete(id);
    } catch (error) {
      this.options.onSaveError?.(error as Error);
    }
  }

  /** Drops expired threads; returns how many. */
  sweep(): number {
    let removed = 0;
    for (const [id, thread] of this.threads) {
      if (this.expired(thread)) {
        this.threads.delete(id);
        removed += 1;
      }
    }
    try {
      this.options.persistence?.pruneBefore(this.now() - this.options.ttlMs());
    } catch (error) {
      this.options.onSaveError?.(error as Error);
    }
    return removed;
  }

  dispose(): void {
    clearInterval(this.timer);
    this.threads.clear();
  }

  private expired(thread: Thread): boolean {
    return this.now() - thread.lastActivityAt >= this.options.ttlMs();
  }

  private ttlText(): string {
    const hours = this.options.ttlMs() / 3_600_000;
    return hours >= 1
      ? `${Number(hours.toFixed(1))} h`
      : `${Math.max(1, Math.round(hours * 60))} min`;
  }
}
