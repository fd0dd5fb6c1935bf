import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { strToU8, zipSync } from 'fflate';
import type { Config } from '../config/schema.ts';
import { priceTable } from '../catalog/prices.ts';
import { SecretScrubber } from '../log/secret-scrubber.ts';
import { DB_FILE } from '../store/exai-db.ts';
import { UsageLedger } from '../store/usage-ledger.ts';
import { usageReport } from '../store/usage-report.ts';
import { DAEMON_VERSION } from '../core/version.ts';

/** The last this many bytes of each of the newest log files. */
const LOG_TAIL_BYTES = 512 * 1024;
const LOG_FILES = 3;
// Key-shaped strings the scrubber does not know by value (an old key in an old log line).
const KEYISH = /\b(sk-[A-Za-z0-9_-]{16,}|[0-9a-f]{32}\.[A-Za-z0-9]{8,})\b/g;

export interface DiagnosticsInput {
  config: Config;
  /** Every secret the daemon knows (keys, the token): removed by value from every file. */
  secrets: readonly (string | undefined)[];
  /** The running daemon's /status, when one runs. */
  status?: unknown;
  /** Anything the app adds (its own versions: Electron, Chromium). */
  extraVersions?: Record<string, string>;
  now?: number;
}

/** Settings as a user would share them: keys and the token say only whether they are set. */
export function redactedSettings(config: Config): Record<string, unknown> {
  const provider = (p: Config['kimi']) => ({
    baseUrl: p.baseUrl,
    apiKey: p.apiKey ? '(set)' : '(not set)',
  });
  return {
    ...config,
    token: config.token ? '(set)' : '(from the token file)',
    kimi: provider(config.kimi),
    glm: provider(config.glm),
  };
}

function tail(path: string): string {
  const bytes = readFileSync(path);
  const from = Math.max(0, bytes.length - LOG_TAIL_BYTES);
  const text = bytes.subarray(from).toString('utf8');
  // Start on a whole line when cut.
  return from > 0 ? text.slice(text.indexOf('\n') + 1) : text;
}

function newestLogs(dataDir: string): string[] {
  const dir = join(dataDir, 'logs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.includes('daemon.log'))
    .map((name) => ({ name, mtime: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime)
    .slice(0, LOG_FILES)
    .map(({ name }) => join(dir, name));
}

function usageSummary(config: Config, now: number): unknown {
  const path = join(config.dataDir, DB_FILE);
  if (!existsSync(path)) return { note: 'no usage recorded yet' };
  try {
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      const report = usageReport(
        new UsageLedger(db),
        now - 30 * 86_400_000,
        priceTable(config.prices),
      );
      return { since: report.since, totals: report.totals };
    } finally {
      db.close();
    }
  } catch (error) {
    return { error: `could not read ${DB_FILE}: ${(error as Error).message}` };
  }
}

/**
 * One zip for a bug report: versions, OS, settings without secrets, the status snapshot, the
 * newest logs, recent errors and the usage summary. Every file passes the scrubber; prompts are
 * never in it (logs hold none, the ledger stores none).
 */
export function buildDiagnostics(input: DiagnosticsInput): Uint8Array {
  const now = input.now ?? Date.now();
  const scrubber = new SecretScrubber();
  for (const secret of [
    ...input.secrets,
    input.config.token,
    input.config.kimi.apiKey,
    input.config.glm.apiKey,
  ])
    scrubber.add(secret);
  const clean = (text: string) => scrubber.scrub(text).replace(KEYISH, '[redacted key]');
  const json = (value: unknown) => strToU8(clean(`${JSON.stringify(value, null, 2)}\n`));

  const status = input.status as { recentErrors?: unknown } | undefined;
  const files: Record<string, Uint8Array> = {
    'versions.json': json({
      exai: DAEMON_VERSION,
      node: process.versions.node,
      os: `${platform()} ${release()} ${arch()}`,
      createdAt: new Date(now).toISOString(),
      ...input.extraVersions,
    }),
    'settings.json': json(redactedSettings(input.config)),
    'status.json': json(input.status ?? { note: 'the daemon was not running' }),
    'recent-errors.json': json(status?.recentErrors ?? []),
    'usage-summary.json': json(usageSummary(input.config, now)),
  };
  for (const path of newestLogs(input.config.dataDir)) {
    files[`logs/${path.split(/[\\/]/).pop()}`] = strToU8(clean(tail(path)));
  }
  return zipSync(files, { level: 6, mtime: new Date(now) });
}
