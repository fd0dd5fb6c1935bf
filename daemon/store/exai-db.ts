import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Logger } from 'pino';
import { migrate } from './migrations.ts';

export const DB_FILE = 'exai.db';

export interface OpenedStore {
  /** Undefined when the file could not be opened (locked, unreadable folder): calls that need it fail clearly. */
  db: DatabaseSync | undefined;
  /** Said once to the user (log and dashboard), e.g. that a damaged file was moved aside. */
  notice?: string;
  /** Why `db` is missing. */
  error?: string;
}

// SQLite's primary result codes for a file that is not (or no longer) a database.
const DAMAGED =
  /SQLITE_CORRUPT|SQLITE_NOTADB|file is not a database|database disk image is malformed/i;

function open(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  try {
    db.exec('PRAGMA busy_timeout = 2000');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    const check = db.prepare('PRAGMA quick_check').get() as { quick_check: string };
    if (check.quick_check !== 'ok')
      throw new Error(`database disk image is malformed: ${check.quick_check}`);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The daemon's one SQLite file (threads, the usage ledger). A damaged file is moved aside and a
 * fresh one made: the daemon never refuses to start because of it.
 */
export function openExaiDb(dataDir: string, logger: Logger, now = Date.now()): OpenedStore {
  const path = join(dataDir, DB_FILE);
  try {
    return { db: open(path) };
  } catch (error) {
    const message = (error as Error).message;
    if (!DAMAGED.test(`${(error as { code?: string }).code ?? ''} ${message}`)) {
      logger.error(
        { error: message, path },
        'could not open the store; conversations and usage will not be kept',
      );
      return { db: undefined, error: `${DB_FILE} could not be opened: ${message}` };
    }
    const aside = `${path}.damaged-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
    }
    const notice = `${DB_FILE} was damaged (${message}); it was moved aside to ${aside} and a new one was created. Saved conversations and usage history start over.`;
    logger.warn({ path, aside }, notice);
    try {
      return { db: open(path), notice };
    } catch (again) {
      return {
        db: undefined,
        notice,
        error: `${DB_FILE} could not be created: ${(again as Error).message}`,
      };
    }
  }
}
