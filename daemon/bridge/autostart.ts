import { spawn } from 'node:child_process';
import { DAEMON_NODE_FLAGS } from '../parent/messages.ts';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverRunning } from './locate-daemon.ts';

export interface AutostartOptions {
  dataDir: string;
  /** The exai entry script to run as `<entry> daemon` (the one running the bridge). */
  entry: string;
  configFile?: string;
  readyTimeoutMs?: number;
  log(message: string): void;
}

export function autostartLogFile(dataDir: string): string {
  return join(dataDir, 'daemon-autostart.log');
}

function tail(path: string, lines = 5): string {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Starts a headless daemon detached from the bridge (it outlives it and serves other clients
 * too) and resolves with its WebSocket URL once /healthz answers. Two bridges starting at once
 * are fine: the instance lock lets one daemon win and both bridges find it.
 */
export async function autostartDaemon(options: AutostartOptions): Promise<string> {
  const { dataDir } = options;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logPath = autostartLogFile(dataDir);
  const logFd = openSync(logPath, 'a', 0o600);
  const args = [
    options.entry,
    'daemon',
    '--data-dir',
    dataDir,
    ...(options.configFile ? ['--config', options.configFile] : []),
  ];
  options.log(
    `no EXAI daemon running for ${dataDir}; starting one (its output goes to ${logPath})`,
  );
  let exited: number | null | undefined;
  try {
    const child = spawn(process.execPath, [...DAEMON_NODE_FLAGS, ...args], {
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: process.env,
      windowsHide: true,
    });
    child.once('exit', (code) => (exited = code));
    child.once('error', () => (exited = -1));
    child.unref();
  } finally {
    closeSync(logFd);
  }

  const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
  let exitSeenAt: number | undefined;
  while (Date.now() < deadline) {
    const url = await discoverRunning(dataDir);
    if (url) return url;
    if (exited !== undefined) {
      // It may have lost the instance lock to a daemon another bridge started: give that one a moment.
      exitSeenAt ??= Date.now();
      if (Date.now() - exitSeenAt > 3_000) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const why =
    exited !== undefined
      ? `it exited with code ${String(exited)}`
      : `it was not ready within ${Math.round((options.readyTimeoutMs ?? 20_000) / 1000)}s`;
  const last = tail(logPath);
  throw new Error(`could not start the EXAI daemon: ${why}${last ? `\n${last}` : ''}`);
}
