import type { DatabaseSync } from 'node:sqlite';
import type { Logger } from 'pino';
import { openExaiDb } from './exai-db.ts';
import type { Thread, ThreadPersistence } from '../conversations/conversation-store.ts';
import { ThreadTable } from './thread-table.ts';
import { UsageLedger, type CallRecord, type UsageRecord } from './usage-ledger.ts';

/** What the dashboard shows of exai.db. */
export interface StoreHealth {
  state: 'ok' | 'degraded' | 'unavailable';
  /** Said once: a damaged file was moved aside. */
  notice?: string;
  /** The last read or write error, or why the file could not be opened. */
  error?: string;
}

const PRUNE_EVERY_MS = 6 * 3_600_000;
/** Ledger records are written at most this long after their call ends (all of them on close). */
const LEDGER_WRITE_MS = 100;

/**
 * exai.db as the daemon uses it: thread persistence and the usage ledger. A write that fails
 * (disk full, file locked) is logged and shown, never thrown into a call that already has its
 * answer; the data stays in memory until the next write succeeds.
 */
export class DaemonStore {
  /** Thread persistence: saves wait for the end of the turn like ledger records (see `flush`). */
  readonly threads: ThreadPersistence | undefined;
  private readonly threadTable: ThreadTable | undefined;
  readonly ledger: UsageLedger | undefined;
  private readonly db: DatabaseSync | undefined;
  private readonly logger: Logger;
  private readonly status: StoreHealth;
  private readonly pruner: NodeJS.Timeout | undefined;
  /** Ledger records waiting for the next write, at most LEDGER_WRITE_MS later, in one transaction. */
  private pendingUsage: UsageRecord[] = [];
  private pendingCalls: CallRecord[] = [];
  /** A `chat` call saves its thread twice (create, then append) before it answers: once is enough. */
  private pendingThreads = new Map<string, Thread>();
  private flushScheduled: NodeJS.Immediate | undefined;
  private ledgerWriteScheduled: NodeJS.Timeout | undefined;

  constructor(dataDir: string, logger: Logger) {
    this.logger = logger;
    const opened = openExaiDb(dataDir, logger);
    this.db = opened.db;
    this.status = {
      state: opened.db ? 'ok' : 'unavailable',
      ...(opened.notice !== undefined && { notice: opened.notice }),
      ...(opened.error !== undefined && { error: opened.error }),
    };
    if (this.db) {
      const table = new ThreadTable(this.db);
      this.threadTable = table;
      this.threads = {
        save: (thread) => {
          this.pendingThreads.set(thread.id, thread);
          this.flushScheduled ??= setImmediate(() => this.flush());
        },
        load: (id) => this.pendingThreads.get(id) ?? table.load(id),
        delete: (id) => {
          this.pendingThreads.delete(id);
          table.delete(id);
        },
        pruneBefore: (time) => {
          this.flush();
          return table.pruneBefore(time);
        },
      };
      this.ledger = new UsageLedger(this.db);
      this.guard(() => this.ledger?.prune());
      this.pruner = setInterval(
        () => this.guard(() => this.ledger?.prune()),
        PRUNE_EVERY_MS,
      ).unref();
    }
  }

  health(): StoreHealth {
    return { ...this.status };
  }

  recordUsage(record: UsageRecord): void {
    if (!this.ledger) return;
    this.pendingUsage.push(record);
    this.scheduleLedgerWrite();
  }

  recordCall(record: CallRecord): void {
    if (!this.ledger) return;
    this.pendingCalls.push(record);
    this.scheduleLedgerWrite();
  }

  /**
   * A commit per turn of the event loop was still one per call for a client calling back to back
   * (10 % of the daemon's time at one client); a short delay gathers them.
   */
  private scheduleLedgerWrite(): void {
    this.ledgerWriteScheduled ??= setTimeout(() => this.flush(), LEDGER_WRITE_MS);
  }

  /**
   * Writes what is waiting: thread saves after the current turn of the event loop, ledger records
   * within LEDGER_WRITE_MS, everything before a read of the ledger and on close. A call's answer
   * is sent before then: its thread is in memory, and on disk by the next turn.
   */
  flush(): void {
    clearImmediate(this.flushScheduled);
    this.flushScheduled = undefined;
    clearTimeout(this.ledgerWriteScheduled);
    this.ledgerWriteScheduled = undefined;
    if (this.pendingThreads.size) {
      const threads = this.pendingThreads;
      this.pendingThreads = new Map();
      this.guard(() => this.threadTable?.saveAll(threads.values()));
    }
    const usage = this.pendingUsage;
    const calls = this.pendingCalls;
    if (!this.ledger || (usage.length === 0 && calls.length === 0)) return;
    this.pendingUsage = [];
    this.pendingCalls = [];
    this.guard(() => this.ledger?.recordBatch(usage, calls));
  }

  /** A write failed somewhere (a thread save): degrade and say why. */
  writeFailed(error: Error): void {
    if (this.status.state === 'ok' || this.status.error !== error.message) {
      this.logger.error(
        { error: error.message },
        'could not write to exai.db; conversations and usage are kept in memory only',
      );
    }
    this.status.state = 'degraded';
    this.status.error = error.message;
  }

  private guard(write: () => void): void {
    try {
      write();
      if (this.status.state === 'degraded') {
        this.status.state = 'ok';
        delete this.status.error;
      }
    } catch (error) {
      this.writeFailed(error as Error);
    }
  }

  close(): void {
    clearInterval(this.pruner);
    this.flush();
    try {
      this.db?.close();
    } catch {
      // Closing a file that failed mid-write: nothing more to save.
    }
  }
}
