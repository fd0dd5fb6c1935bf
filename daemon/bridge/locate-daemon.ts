import { readFileSync } from 'node:fs';
import { readDiscovery, type Discovery } from '../lifecycle/discovery.ts';
import { tokenFile } from '../lifecycle/token.ts';

/** Where the bridge connects and how it authenticates. */
export interface DaemonTarget {
  /** ws://host:port/ */
  url: string;
  token: string | undefined;
}

export interface TargetOptions {
  dataDir: string;
  /** --url: skip discovery. */
  url?: string;
  /** --token: otherwise EXAI_WS_TOKEN, otherwise the token file. */
  token?: string;
}

/** Read fresh on every attempt: `rotate_token` or a restarted daemon may have changed it. */
export function readTokenFor(options: TargetOptions): string | undefined {
  if (options.token) return options.token;
  if (process.env.EXAI_WS_TOKEN) return process.env.EXAI_WS_TOKEN;
  try {
    return readFileSync(tokenFile(options.dataDir), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function hostFor(info: Discovery): string {
  if (info.host === '0.0.0.0' || info.host === '::') return '127.0.0.1';
  return info.host.includes(':') ? `[${info.host}]` : info.host;
}

export function httpBase(wsUrl: string): string {
  const url = new URL(wsUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = '/';
  url.search = '';
  return url.origin;
}

/** GET /healthz answers (it needs no token). */
export async function isHealthy(wsUrl: string, timeoutMs = 2_000): Promise<boolean> {
  try {
    const response = await fetch(`${httpBase(wsUrl)}/healthz`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** The daemon the data folder's discovery file names, when its process lives and answers. */
export async function discoverRunning(dataDir: string): Promise<string | undefined> {
  const state = readDiscovery(dataDir);
  if (state.kind !== 'running') return undefined;
  const url = `ws://${hostFor(state.info)}:${state.info.port}/`;
  return (await isHealthy(url)) ? url : undefined;
}
