import type { DatabaseSync } from 'node:sqlite';

/**
 * The schema, one step per version. `PRAGMA user_version` says how many steps a file has had; a
 * new step is appended here, never edited once released.
 */
const STEPS: readonly string[] = [
  `CREATE TABLE threads (
     id TEXT PRIMARY KEY,
     scope TEXT NOT NULL,
     client TEXT,
     updated_at INTEGER NOT NULL,
     data TEXT NOT NULL
   );
   CREATE INDEX threads_updated ON threads(updated_at);
   CREATE TABLE usage (
     at INTEGER NOT NULL,
     provider TEXT NOT NULL,
     model TEXT NOT NULL,
     tool TEXT NOT NULL,
     client TEXT NOT NULL,
     transport TEXT NOT NULL,
     input_tokens INTEGER NOT NULL,
     output_tokens INTEGER NOT NULL,
     estimated INTEGER NOT NULL,
     duration_ms INTEGER NOT NULL,
     outcome TEXT NOT NULL
   );
   CREATE INDEX usage_at ON usage(at);
   CREATE TABLE calls (
     at INTEGER NOT NULL,
     tool TEXT NOT NULL,
     client TEXT NOT NULL,
     transport TEXT NOT NULL,
     duration_ms INTEGER NOT NULL,
     outcome TEXT NOT NULL
   );
   CREATE INDEX calls_at ON calls(at);`,
];

export const SCHEMA_VERSION = STEPS.length;

/** Brings the file up to SCHEMA_VERSION in one transaction per step. */
export function migrate(db: DatabaseSync): void {
  const { user_version: current } = db.prepare('PRAGMA user_version').get() as {
    user_version: number;
  };
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `exai.db has schema version ${current}, newer than this daemon knows (${SCHEMA_VERSION}); update EXAI`,
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version += 1) {
    db.exec('BEGIN');
    try {
      db.exec(STEPS[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
