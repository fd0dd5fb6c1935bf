import { openSync, writeSync, closeSync, readFileSync, rmSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { discoveryFile, discoverySchema, isProcessAlive, type Discovery } from './discovery.ts';

export function lockFile(dataDir: string): string {
  return join(dataDir, 'daemon.lock');
}

export type LockResult =
  | {
      ok: true;
      release(): void;
      /** Why an earlier lock was taken over, for the log. */ tookOver?: string;
    }
  | { ok: false; pid: number };

/** A daemon writes daemon.json within moments of taking the lock; until then it may be starting. */
const START_GRACE_MS = 30_000;
const PROBE_TIMEOUT_MS = 3_000;

function healthUrl(info: Discovery): string {
  const host =
    info.host === '0.0.0.0' || info.host === '::'
      ? '127.0.0.1'
      : info.host.includes(':')
        ? `[${info.host}]`
        : info.host;
  return `http://${host}:${info.port}/healthz`;
}

/** Whether `url` answers as the EXAI daemon with process id `pid`. */
async function answersAsDaemon(url: string, pid: number): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    const health = (await response.json()) as { pid?: unknown; version?: unknown };
    return response.ok && health.pid === pid && typeof health.version === 'string';
  } catch {
    return false;
  }
}

function readDiscoveryFile(dataDir: string): Discovery | undefined {
  try {
    const parsed = discoverySchema.safeParse(
      JSON.parse(readFileSync(discoveryFile(dataDir), 'utf8')),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A live PID is not proof of a running daemon: after a crash and a reboot another process may
 * have the lock's PID. The holder counts as running only while it may still be starting, or
 * while the endpoint daemon.json names for it answers /healthz with that PID. Returns why
 * the lock is stale, or undefined when it is held.
 */
async function staleReason(
  dataDir: string,
  path: string,
  holder: number,
): Promise<string | undefined> {
  let age: number;
  try {
    age = Date.now() - statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
  if (age < START_GRACE_MS) return undefined;
  const info = readDiscoveryFile(dataDir);
  if (!info || info.pid !== holder) {
    return `pid ${holder} is alive but is no EXAI daemon (no daemon.json names it)`;
  }
  const url = healthUrl(info);
  if (await answersAsDaemon(url, holder)) return undefined;
  return `pid ${holder} is alive but its endpoint ${url} does not answer as an EXAI daemon`;
}

/**
 * One daemon per data folder. O_EXCL makes two daemons starting at the same moment race
 * fairly; a lock left by a dead process, or by a live one that is not the daemon it names, is
 * removed and taken over.
 */
export async function acquireInstanceLock(dataDir: string): Promise<LockResult> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = lockFile(dataDir);
  let tookOver: string | undefined;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return {
        ok: true,
        ...(tookOver && { tookOver }),
        release: () => {
          try {
            if (readFileSync(path, 'utf8').trim() === String(process.pid))
              rmSync(path, { force: true });
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
    if (
      Number.isInteger(holder) &&
      holder > 0 &&
      holder !== process.pid &&
      isProcessAlive(holder)
    ) {
      const reason = await staleReason(dataDir, path, holder);
      if (!reason) return { ok: false, pid: holder };
      tookOver = reason;
    }
    rmSync(path, { force: true });
  }
  throw new Error(`could not take the instance lock ${path}`);
}
