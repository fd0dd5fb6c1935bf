import { readFileSync } from 'node:fs';
import { loadConfig } from '../config/load.ts';
import { readDiscovery, isProcessAlive, type Discovery } from '../lifecycle/discovery.ts';
import { tokenFile } from '../lifecycle/token.ts';
import type { CliArgs } from './args.ts';

function locate(args: CliArgs): { dataDir: string; running: Discovery | undefined } {
  const config = loadConfig({ env: process.env, flags: args.flags, configFile: args.configFile });
  const state = readDiscovery(config.dataDir);
  return { dataDir: config.dataDir, running: state.kind === 'running' ? state.info : undefined };
}

export function readToken(dataDir: string): string | undefined {
  if (process.env.EXAI_WS_TOKEN) return process.env.EXAI_WS_TOKEN;
  try {
    return readFileSync(tokenFile(dataDir), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** The running daemon's GET /status (needs the token). */
export function statusUrl(info: Discovery): string {
  return `${baseUrl(info)}/status`;
}

function baseUrl(info: Discovery): string {
  const host =
    info.host === '0.0.0.0' ? '127.0.0.1' : info.host.includes(':') ? `[${info.host}]` : info.host;
  return `http://${host}:${info.port}`;
}

/** `exai status`: the running daemon's health, or exit 1 when none runs. */
export async function runStatus(args: CliArgs): Promise<number> {
  const { dataDir, running } = locate(args);
  if (!running) {
    process.stdout.write(`No EXAI daemon is running (data folder ${dataDir}).\n`);
    return 1;
  }
  try {
    const response = await fetch(`${baseUrl(running)}/healthz`, {
      signal: AbortSignal.timeout(3000),
    });
    const health = (await response.json()) as Record<string, unknown>;
    if (args.rest.json) {
      process.stdout.write(`${JSON.stringify(health, null, 2)}\n`);
    } else {
      const providers = health.providers as Record<string, { configured: boolean }>;
      process.stdout.write(
        [
          `EXAI daemon ${String(health.version)} running (pid ${String(health.pid)})`,
          `  endpoint  ${running.endpoint}`,
          `  uptime    ${String(health.uptime_s)}s`,
          `  sessions  ${String(health.sessions)}, in-flight calls ${String(health.inflight)}`,
          `  providers ${Object.entries(providers)
            .map(([id, p]) => `${id} ${p.configured ? 'configured' : 'not configured'}`)
            .join(', ')}`,
        ].join('\n') + '\n',
      );
    }
    return 0;
  } catch (error) {
    process.stdout.write(
      `EXAI daemon pid ${running.pid} is registered at ${running.endpoint} but does not answer: ${(error as Error).message}\n`,
    );
    return 1;
  }
}

/** `exai stop`: asks the daemon to shut down gracefully and waits for it to exit. */
export async function runStop(args: CliArgs): Promise<number> {
  const { dataDir, running } = locate(args);
  if (!running) {
    process.stdout.write(`No EXAI daemon is running (data folder ${dataDir}).\n`);
    return 1;
  }
  const token = readToken(dataDir);
  try {
    const response = await fetch(`${baseUrl(running)}/shutdown`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(3000),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${(await response.text()).trim()}`);
  } catch (error) {
    // Without a usable token (or an answer) fall back to the signal, which also drains gracefully.
    process.stderr.write(
      `exai stop: ${(error as Error).message}; sending SIGTERM to pid ${running.pid}\n`,
    );
    process.kill(running.pid, 'SIGTERM');
  }
  const deadline = Date.now() + 30_000;
  while (isProcessAlive(running.pid) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  if (isProcessAlive(running.pid)) {
    process.stdout.write(`EXAI daemon pid ${running.pid} did not exit within 30s.\n`);
    return 1;
  }
  process.stdout.write(`EXAI daemon pid ${running.pid} stopped.\n`);
  return 0;
}
