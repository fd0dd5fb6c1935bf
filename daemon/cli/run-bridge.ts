import { createInterface } from 'node:readline';
import { ConfigError } from '../config/env.ts';
import { autostartDaemon } from '../bridge/autostart.ts';
import { candidateDataDirs } from '../bridge/data-folders.ts';
import { Bridge } from '../bridge/bridge.ts';
import { PARSE_ERROR, errorResponse, parseLine, type JsonRpcMessage } from '../bridge/jsonrpc.ts';
import {
  discoverRunning,
  readTokenFor,
  type DaemonTarget,
  type TargetOptions,
} from '../bridge/locate-daemon.ts';
import type { CliArgs } from './args.ts';

const AUTOSTART_COOLDOWN_MS = 30_000;

function daemonUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`--url: not a URL: "${raw}" (expected ws://127.0.0.1:8765/)`);
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    throw new ConfigError(`--url: expected a ws:// URL, got "${raw}"`);
  return url.href;
}

/** Finds the daemon for each (re)connection: --url, or the discovery file, starting one if allowed. */
function locator(
  target: TargetOptions,
  folders: { search: string[]; autostart: string },
  autostart: boolean,
  configFile: string | undefined,
  log: (m: string) => void,
): () => Promise<DaemonTarget> {
  let starting: Promise<string> | undefined;
  let lastFailedStart = 0;
  return async () => {
    if (target.url) return { url: target.url, token: readTokenFor(target) };
    for (const dataDir of folders.search) {
      const running = await discoverRunning(dataDir);
      if (running) return { url: running, token: readTokenFor({ ...target, dataDir }) };
    }
    if (!autostart)
      throw new Error(
        `no EXAI daemon is running for data folder ${folders.search.join(' or ')} (autostart is off)`,
      );
    if (Date.now() - lastFailedStart < AUTOSTART_COOLDOWN_MS)
      throw new Error('the EXAI daemon failed to start a moment ago');
    // The exai entry running this bridge (bin/exai.js, the bundle, or daemon/cli/exai.ts).
    const entry = process.argv[1] ?? '';
    starting ??= autostartDaemon({ dataDir: target.dataDir, entry, configFile, log }).finally(
      () => (starting = undefined),
    );
    try {
      return { url: await starting, token: readTokenFor(target) };
    } catch (error) {
      lastFailedStart = Date.now();
      throw error;
    }
  };
}

/**
 * `exai bridge`: MCP over stdio (newline-delimited JSON-RPC) relayed to the daemon's MCP
 * WebSocket, for Claude Desktop and other stdio-only clients. stdout carries protocol only.
 */
export async function runBridge(args: CliArgs): Promise<number> {
  const log = (message: string) => process.stderr.write(`exai bridge: ${message}\n`);
  const folders = candidateDataDirs(
    (args.flags.dataDir as string | undefined) ?? process.env.EXAI_HOME,
  );
  const target: TargetOptions = {
    dataDir: folders.autostart,
    url: typeof args.rest.url === 'string' ? daemonUrl(args.rest.url) : undefined,
    token: typeof args.rest.token === 'string' ? args.rest.token : undefined,
  };
  const autostart = args.rest['no-autostart'] !== true;
  const waitS = Number(process.env.EXAI_BRIDGE_WAIT_S ?? 30);

  const write = (message: JsonRpcMessage) => process.stdout.write(`${JSON.stringify(message)}\n`);
  // The client closed its end of stdout: nobody is listening any more.
  process.stdout.on('error', () => process.exit(0));

  const bridge = new Bridge({
    locate: locator(target, folders, autostart, args.configFile, log),
    write,
    log,
    queueWaitMs: Number.isFinite(waitS) && waitS > 0 ? waitS * 1000 : 30_000,
  });
  bridge.start();

  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    const message = parseLine(line);
    if (message) bridge.fromClient(message);
    else
      write(
        errorResponse(
          null,
          PARSE_ERROR,
          'Parse error: each line must be one JSON-RPC message object',
        ),
      );
  });
  await new Promise<void>((resolve) => lines.once('close', resolve));
  bridge.close();
  // Everything queued for stdout goes out before the process ends.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(0);
}
