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
}

export interface ConversationStoreOptions {
  ttlMs: () => number;
  maxTurns: () => number;
  /** Bounds memory: past this many threads the least recently used goes first. */
  maxThreads?: number;
  sweepEveryMs?: number;
  now?: () => number;
}

const START_OVER = 'Start a new conversation by calling again without continuation_id.';

/**
 * `continuation_id` threads: in memory, per session scope, expiring `ttlMs` after their
 * last turn. An id from another scope is answered exactly as an unknown one, so ids cannot be
 * probed across clients.
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
    const thread: Thread = {
      id: randomUUID(),
      scope,
      createdAt: now,
      lastActivityAt: now,
      turns: [],
    };
    this.threads.set(thread.id, thread);
    const max = this.options.maxThreads ?? 10_000;
    for (const oldest of this.threads.keys()) {
      if (this.threads.size <= max) break;
      this.threads.delete(oldest);
    }
    return thread;
  }

  /** The thread for a continuation, or a ToolError telling the caller to start over. */
  get(id: string, scope: string): Thread {
    const thread = this.threads.get(id);
    if (!thread || thread.scope !== scope) {
      throw new ToolError(
        'NOT_FOUND',
        `Conversation ${id} was not found: it may have expired (threads last ${this.ttlText()} after their last turn) or never existed. ${START_OVER}`,
      );
    }
    if (this.expired(thread)) {
      this.threads.delete(id);
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
