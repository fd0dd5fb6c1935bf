import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { DaemonToParent, ReadyMessage } from '../../daemon/parent/messages.ts';

export const EXAI_ENTRY = fileURLToPath(new URL('../../daemon/cli/exai.ts', import.meta.url));

export interface RunningDaemon {
  port: number;
  token: string;
  dataDir: string;
  wsUrl: string;
  httpUrl: string;
  baseUrl: string;
  child: ChildProcess;
  messages: DaemonToParent[];
  stderr(): string;
  /** Sends the signal and resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'exai-test-'));
}

/** Env without the machine's own provider keys or EXAI settings, so tests see only what they set. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(EXAI_|KIMI_|MOONSHOT_|GLM_|ZHIPUAI_|ZAI_|DEFAULT_MODEL|TOOL_PROFILE$|ENABLED_TOOLS$|DISABLED_TOOLS$|FAST_MODEL_DEFAULT$|LONG_MODEL_DEFAULT$|LOCALE$|LOG_LEVEL$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** A real daemon process (Node 24, fork IPC) on a free port with a temporary data folder. */
export async function startDaemon(opts: { env?: Record<string, string>; args?: string[]; dataDir?: string; timeoutMs?: number } = {}): Promise<RunningDaemon> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const child = fork(EXAI_ENTRY, ['daemon', '--port', '0', '--data-dir', dataDir, ...(opts.args ?? [])], {
    env: cleanEnv(opts.env),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout?.resume();
  const messages: DaemonToParent[] = [];
  child.on('message', (m) => messages.push(m as DaemonToParent));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`daemon not ready within ${opts.timeoutMs ?? 15000}ms\n${stderr}`)), opts.timeoutMs ?? 15000);
    child.on('message', (m: DaemonToParent) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve(m);
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`daemon exited with ${code} before ready\n${stderr}`));
    });
  });

  const token = opts.env?.EXAI_WS_TOKEN ?? readFileSync(join(dataDir, 'token'), 'utf8').trim();
  return {
    port: ready.port,
    token,
    dataDir,
    wsUrl: `ws://127.0.0.1:${ready.port}/`,
    httpUrl: `http://127.0.0.1:${ready.port}/mcp`,
    baseUrl: `http://127.0.0.1:${ready.port}`,
    child,
    messages,
    stderr: () => stderr,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function connectMcpWs(d: RunningDaemon, name = 'test-ws-client'): Promise<Client> {
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(new WebSocketClientTransport(new URL(`${d.wsUrl}?token=${encodeURIComponent(d.token)}`)));
  return client;
}

export async function connectMcpHttp(d: RunningDaemon, name = 'test-http-client'): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const client = new Client({ name, version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(d.httpUrl), {
    requestInit: { headers: { authorization: `Bearer ${d.token}` } },
  });
  await client.connect(transport);
  return { client, transport };
}
