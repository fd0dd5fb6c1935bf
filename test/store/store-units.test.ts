// exai.db's failure modes and migrations, without a daemon: a write that fails keeps the call's
// answer and says why; a read that fails is a clear error; the schema migrates from empty.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import {
  ConversationStore,
  type Thread,
  type ThreadPersistence,
} from '../../daemon/conversations/conversation-store.ts';
import { DaemonStore } from '../../daemon/store/daemon-store.ts';
import { SCHEMA_VERSION, migrate } from '../../daemon/store/migrations.ts';
import { ThreadTable } from '../../daemon/store/thread-table.ts';

const logger = pino({ level: 'silent' });
const dir = () => mkdtempSync(join(tmpdir(), 'exai-store-'));

function store(persistence: ThreadPersistence, onSaveError?: (e: Error) => void) {
  return new ConversationStore({
    ttlMs: () => 3_600_000,
    maxTurns: () => 20,
    persistence,
    ...(onSaveError && { onSaveError }),
  });
}

describe('migrations', () => {
  it('bring an empty database to the current schema, and refuse a newer one by name', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db);
    expect((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(
      SCHEMA_VERSION,
    );
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{
        name: string;
      }>
    ).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['threads', 'usage', 'calls']));
    migrate(db); // a second run changes nothing
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(/newer than this daemon knows/);
  });

  it('a zero-byte exai.db (an interrupted first start) is migrated, not moved aside', () => {
    const d = dir();
    writeFileSync(join(d, 'exai.db'), '');
    const s = new DaemonStore(d, logger);
    expect(s.health()).toEqual({ state: 'ok' });
    s.close();
  });
});

describe('threads in exai.db', () => {
  it('a thread saved by one store is found by a new one over the same file', () => {
    const d = dir();
    const first = new DaemonStore(d, logger);
    const a = store(first.threads!);
    const thread = a.create('s1');
    a.append(thread, { role: 'user', content: 'hello', tool: 'chat' });
    first.close();
    const second = new DaemonStore(d, logger);
    const b = store(second.threads!);
    expect(b.get(thread.id, 's1').turns.map((t) => t.content)).toEqual(['hello']);
    second.close();
  });

  it('a failed write keeps the thread in memory and reports the error', () => {
    const errors: string[] = [];
    const failing: ThreadPersistence = {
      save: () => {
        throw new Error('database or disk is full');
      },
      load: () => undefined,
      delete: () => undefined,
      pruneBefore: () => 0,
    };
    const s = store(failing, (e) => errors.push(e.message));
    const thread = s.create('s1');
    expect(() => s.append(thread, { role: 'user', content: 'kept', tool: 'chat' })).not.toThrow();
    expect(s.get(thread.id, 's1').turns).toHaveLength(1);
    expect(errors).toContain('database or disk is full');
  });

  it('a failed read is a STORE_ERROR that says the other calls keep working', () => {
    const s = store({
      save: () => undefined,
      load: () => {
        throw new Error('database is locked');
      },
      delete: () => undefined,
      pruneBefore: () => 0,
    });
    expect(() => s.get('00000000-0000-0000-0000-000000000000', 's1')).toThrow(
      expect.objectContaining({
        code: 'STORE_ERROR',
        message: expect.stringMatching(/database is locked.*Other calls keep working/),
      }),
    );
  });

  it('the daemon store degrades on a write error and recovers on the next good write', () => {
    const s = new DaemonStore(dir(), logger);
    s.writeFailed(new Error('database or disk is full'));
    expect(s.health()).toEqual({ state: 'degraded', error: 'database or disk is full' });
    s.recordCall({
      at: Date.now(),
      tool: 'chat',
      client: 'c',
      transport: 'mcp-ws',
      durationMs: 5,
      outcome: 'ok',
    });
    s.flush();
    expect(s.health()).toEqual({ state: 'ok' });
    s.close();
  });

  it('calls and usage recorded together land in the file, including those still waiting at close', async () => {
    const folder = dir();
    const s = new DaemonStore(folder, logger);
    const call = { tool: 'chat', client: 'c', transport: 'mcp-ws', durationMs: 5, outcome: 'ok' };
    s.recordCall({ ...call, at: Date.now() });
    s.recordUsage({
      at: Date.now(),
      provider: 'glm',
      model: 'glm-4.5',
      tool: 'chat',
      client: 'c',
      transport: 'mcp-ws',
      inputTokens: 10,
      outputTokens: 2,
      estimated: false,
      durationMs: 5,
      outcome: 'ok',
    });
    // Written after this turn of the event loop, in one transaction.
    await new Promise((resolve) => setImmediate(resolve));
    s.recordCall({ ...call, at: Date.now(), outcome: 'EXEC_ERROR' });
    s.close();
    const reopened = new DaemonStore(folder, logger);
    expect(reopened.ledger?.toolStats(0)).toEqual([
      { tool: 'chat', calls: 2, errors: 1, p50_ms: 5 },
    ]);
    expect(reopened.ledger?.summary(0)).toEqual([
      expect.objectContaining({ provider: 'glm', requests: 1, input_tokens: 10, output_tokens: 2 }),
    ]);
    reopened.close();
  });

  it('prunes expired threads from the file', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db);
    const table = new ThreadTable(db);
    const old: Thread = { id: 'a', scope: 's', createdAt: 0, lastActivityAt: 1_000, turns: [] };
    table.save(old);
    table.save({ ...old, id: 'b', lastActivityAt: 5_000 });
    expect(table.pruneBefore(2_000)).toBe(1);
    expect(table.load('a')).toBeUndefined();
    expect(table.load('b')).toBeDefined();
  });
});
