import { openSync, writeSync, closeSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from './discovery.ts';

export function lockFile(dataDir: string): string {
  return join(dataDir, 'daemon.lock');
}

export type LockResult = { ok: true; release(): void } | { ok: false; pid: number };

/**
 * One daemon per data folder. O_EXCL makes two daemons starting at the same moment race
 * fairly; a lock left by a dead process is removed and taken over.
 */
export function acquireInstanceLock(dataDir: string): LockResult {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = lockFile(dataDir);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return {
        ok: true,
        release: () => {
          try {
            if (readFileSync(path, 'utf8').trim() === String(process.pid)) rmSync(path, { force: true });
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder = Number.NaN;
    try {
      holder = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    } catch {
      // Vanished between open and read: try again.
    }
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isProcessAlive(holder)) {
      return { ok: false, pid: holder };
    }
    rmSync(path, { force: true });
  }
  throw new Error(`could not take the instance lock ${path}`);
}
