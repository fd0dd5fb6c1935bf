import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Thread, ThreadPersistence } from '../conversations/conversation-store.ts';

/** Conversation threads (and any record a tool keeps on them) as JSON rows in exai.db. */
export class ThreadTable implements ThreadPersistence {
  private readonly upsert: StatementSync;
  private readonly select: StatementSync;
  private readonly remove: StatementSync;
  private readonly prune: StatementSync;
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.upsert = db.prepare(
      `INSERT INTO threads (id, scope, client, updated_at, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at, data = excluded.data`,
    );
    this.select = db.prepare('SELECT data FROM threads WHERE id = ?');
    this.remove = db.prepare('DELETE FROM threads WHERE id = ?');
    this.prune = db.prepare('DELETE FROM threads WHERE updated_at < ?');
  }

  save(thread: Thread): void {
    this.upsert.run(
      thread.id,
      thread.scope,
      thread.client ?? null,
      thread.lastActivityAt,
      JSON.stringify(thread),
    );
  }

  /** Several threads in one transaction: all of them are written, or none. */
  saveAll(threads: Iterable<Thread>): void {
    this.db.exec('BEGIN');
    try {
      for (const thread of threads) this.save(thread);
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  load(id: string): Thread | undefined {
    const row = this.select.get(id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Thread) : undefined;
  }

  delete(id: string): void {
    this.remove.run(id);
  }

  pruneBefore(time: number): number {
    return Number(this.prune.run(time).changes);
  }
}
