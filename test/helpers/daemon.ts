// The one way tests start a daemon: `startDaemon(options)`, a real daemon process (Node 24, fork
// IPC) on a free loopback port with a temporary data folder, optionally with fake Kimi and GLM
// providers (test/fixtures/fake-provider.ts) and a connected MCP client.
//
//   const d = await startDaemon();                                      // no providers
//   const d = await startDaemon({ fakes: true, stopAfterTest: true });  // Kimi + GLM fakes, keyed
//   d.kimi.script({ kind: 'reply', text: 'hi' }); await d.call('chat', { prompt: 'x' });
//   await d.stop();                                                     // daemon, clients, fakes
//
// Migration rule (from the old launchers, mechanical):
//   startMcpRig(opts)              → startDaemon({ fakes: true, stopAfterTest: true, ...opts })
//                                    (`rig.d`, `rig.kimi`, `rig.glm`, `rig.client`, `rig.connect`,
//                                    `rig.call` keep their meaning; `d` is the daemon itself)
//   import … from '../tools/mcp-rig.ts'  → from '../helpers/daemon.ts' (KIMI_KEY, GLM_KEY, text)
//   startDaemonWithFake(env, args) → startDaemon({ fakes: 'shared', env, args }); `.fake` is `.kimi`
//   a hand-rolled fork/spawn of daemon/cli/exai.ts, or a local freePort → this file
//
// Every daemon runs with EXAI_TEST_LOOPBACK_ONLY=1: it refuses a provider base URL that is not
// loopback and says so on stderr, and `stop()` then fails the test (see test/setup/loopback-only.ts).
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { DaemonToParent, ReadyMessage } from '../../daemon/parent/messages.ts';
import { FakeProvider } from '../fixtures/fake-provider.ts';

export const EXAI_ENTRY = fileURLToPath(new URL('../../daemon/cli/exai.ts', import.meta.url));
export const KIMI_KEY = 'sk-kimi-e2e-secret-0123456789abcdef';
export const GLM_KEY = 'glm-e2e-secret-fedcba9876543210.zz';
/** The key of a `fakes: 'shared'` fake, set for both providers. */
export const SHARED_KEY = 'sk-legacy-test-0123456789abcdef';
const LOOPBACK_REFUSED = 'EXAI_TEST_LOOPBACK_ONLY: refused';

type Exit = { code: number | null; signal: NodeJS.Signals | null };

export interface DaemonOptions {
  /** Environment on top of a clean one (no provider keys or EXAI_* settings from the machine). */
  env?: Record<string, string>;
  args?: string[];
  dataDir?: string;
  /** Written to <dataDir>/config.json before start. */
  config?: Record<string, unknown>;
  /** Written to <dataDir>/.env before start (read only by a `headless` daemon, as in real use). */
  dotenv?: string;
  /** Start it as a user does from a terminal: no parent IPC (so no `messages`), .env files read. */
  headless?: boolean;
  /** The daemon's working folder (a headless daemon reads `.env` there too). */
  cwd?: string;
  timeoutMs?: number;
  /** Fake providers on loopback: `true` one per provider, each wanting its own key (KIMI_KEY, GLM_KEY); `'shared'` one for both (SHARED_KEY). */
  fakes?: boolean | 'shared';
  /** With fakes: which providers get a key (default both). */
  keys?: Array<'kimi' | 'glm'>;
  /** With fakes: set them up before the daemon starts (it asks their /models at start-up). */
  prepare?: (kimi: FakeProvider, glm: FakeProvider) => void;
  /** Connect an MCP WebSocket client as `client` (default: with fakes). */
  client?: boolean;
  /** Stop everything when the current test ends (call from inside a test). */
  stopAfterTest?: boolean;
}

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
  /** Stops the daemon (with `signal`), then its clients and the fakes; resolves with the daemon's exit. Throws if the daemon refused a non-loopback upstream. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
  exited: Promise<Exit>;
  /** This daemon again, so `rig.d.…` from the old startMcpRig reads unchanged. */
  d: RunningDaemon;
  /** A new MCP WebSocket client, closed by `stop()`. */
  connect(name?: string): Promise<Client>;
  /** Calls a tool with `client` (connecting it first when there is none yet). */
  call(name: string, args: Record<string, unknown>, client?: Client): Promise<CallToolResult>;
  client: Client | undefined;
  kimi: FakeProvider | undefined;
  glm: FakeProvider | undefined;
}

export interface FakeBackedDaemon extends RunningDaemon {
  kimi: FakeProvider;
  glm: FakeProvider;
  client: Client;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'exai-test-'));
}

/** Env without the machine's own provider keys or EXAI settings, so tests see only what they set. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      /^(EXAI_|KIMI_|MOONSHOT_|GLM_|ZHIPUAI_|ZAI_|DEFAULT_MODEL|TOOL_PROFILE$|ENABLED_TOOLS$|DISABLED_TOOLS$|FAST_MODEL_DEFAULT$|LONG_MODEL_DEFAULT$|LOCALE$|LOG_LEVEL$)/.test(
        key,
      )
    )
      continue;
    env[key] = value;
  }
  return { ...env, EXAI_TEST_LOOPBACK_ONLY: '1', ...extra };
}

/** A port free on 127.0.0.1 right now (for code that must be told a port rather than take 0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startFakes(
  mode: true | 'shared',
): Promise<{ kimi: FakeProvider; glm: FakeProvider; stop(): Promise<void> }> {
  // A pair speaks each provider's own dialect (error and usage shapes); a shared fake plain OpenAI.
  const kimi = new FakeProvider(
    mode === 'shared' ? { apiKey: SHARED_KEY } : { apiKey: KIMI_KEY, dialect: 'kimi' },
  );
  const glm = mode === 'shared' ? kimi : new FakeProvider({ apiKey: GLM_KEY, dialect: 'glm' });
  await Promise.all([...new Set([kimi, glm])].map((f) => f.start()));
  return { kimi, glm, stop: async () => void (await Promise.all([kimi.stop(), glm.stop()])) };
}

export function startDaemon(
  options: DaemonOptions & { fakes: true | 'shared' },
): Promise<FakeBackedDaemon>;
export function startDaemon(options?: DaemonOptions): Promise<RunningDaemon>;
export async function startDaemon(options: DaemonOptions = {}): Promise<RunningDaemon> {
  const fakes = options.fakes ? await startFakes(options.fakes) : undefined;
  let fakeEnv: Record<string, string> = {};
  if (fakes) {
    const keys = options.keys ?? ['kimi', 'glm'];
    const shared = options.fakes === 'shared';
    options.prepare?.(fakes.kimi, fakes.glm);
    fakeEnv = {
      KIMI_API_URL: fakes.kimi.baseUrl,
      GLM_API_URL: fakes.glm.baseUrl,
      ...(keys.includes('kimi') && { KIMI_API_KEY: shared ? SHARED_KEY : KIMI_KEY }),
      ...(keys.includes('glm') && { GLM_API_KEY: shared ? SHARED_KEY : GLM_KEY }),
    };
  }
  const dataDir = options.dataDir ?? tempDataDir();
  if (options.config) writeFileSync(join(dataDir, 'config.json'), JSON.stringify(options.config));
  if (options.dotenv !== undefined) writeFileSync(join(dataDir, '.env'), options.dotenv);
  // Tests keep their files in the temporary folder; the daemon reads files only inside its
  // allowed roots (by default the home folder), so tests allow that folder unless they say.
  const env = { EXAI_ALLOWED_ROOTS: tmpdir(), ...fakeEnv, ...options.env };
  let daemon: RunningDaemon;
  try {
    daemon = await launch(dataDir, env, options, fakes);
  } catch (error) {
    await fakes?.stop();
    throw error;
  }
  if (options.stopAfterTest) onTestFinished(async () => void (await daemon.stop()));
  if (options.client ?? Boolean(fakes)) {
    try {
      daemon.client = await daemon.connect();
    } catch (error) {
      await daemon.stop().catch(() => undefined);
      throw error;
    }
  }
  return daemon;
}

async function launch(
  dataDir: string,
  env: Record<string, string>,
  options: DaemonOptions,
  fakes: Awaited<ReturnType<typeof startFakes>> | undefined,
): Promise<RunningDaemon> {
  const argv = ['daemon', '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])];
  const child = options.headless
    ? spawn(process.execPath, [EXAI_ENTRY, ...argv], {
        cwd: options.cwd,
        env: cleanEnv(env),
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : fork(EXAI_ENTRY, argv, {
        cwd: options.cwd,
        env: cleanEnv(env),
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout?.resume();
  const messages: DaemonToParent[] = [];
  child.on('message', (m) => messages.push(m as DaemonToParent));
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const timeoutMs = options.timeoutMs ?? 15_000;
  const ready = await new Promise<Pick<ReadyMessage, 'port'>>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`daemon not ready within ${timeoutMs}ms\n${stderr}`)),
      timeoutMs,
    );
    child.on('message', (m: DaemonToParent) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve(m);
      }
    });
    // Headless, the daemon says where it listens on stderr.
    child.stderr?.on('data', () => {
      const listening = options.headless && /ws:\/\/127\.0\.0\.1:(\d+)\//.exec(stderr);
      if (listening) {
        clearTimeout(timer);
        resolve({ port: Number(listening[1]) });
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`daemon exited with ${code} before ready\n${stderr}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });

  const token = env.EXAI_WS_TOKEN ?? readFileSync(join(dataDir, 'token'), 'utf8').trim();
  const clients: Client[] = [];
  const daemon: RunningDaemon = {
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
    d: undefined as unknown as RunningDaemon,
    client: undefined,
    kimi: fakes?.kimi,
    glm: fakes?.glm,
    connect: async (name) => {
      const client = await connectMcpWs(daemon, name);
      clients.push(client);
      return client;
    },
    call: async (name, args, client) => {
      daemon.client ??= await daemon.connect();
      return (await (client ?? daemon.client).callTool({
        name,
        arguments: args,
      })) as CallToolResult;
    },
    stop: async (signal = 'SIGTERM') => {
      // The daemon first: a test may be watching what its clients get while it shuts down.
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const exit = await exited;
      await Promise.all(clients.splice(0).map((c) => c.close().catch(() => undefined)));
      await fakes?.stop();
      const refused = stderr.split('\n').find((line) => line.includes(LOOPBACK_REFUSED));
      if (refused) throw new Error(`a test daemon tried to reach a real provider: ${refused}`);
      return exit;
    },
  };
  daemon.d = daemon;
  return daemon;
}

export async function connectMcpWs(
  d: Pick<RunningDaemon, 'wsUrl' | 'token'>,
  name = 'test-ws-client',
): Promise<Client> {
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(
    new WebSocketClientTransport(new URL(`${d.wsUrl}?token=${encodeURIComponent(d.token)}`)),
  );
  return client;
}

export async function connectMcpHttp(
  d: Pick<RunningDaemon, 'httpUrl' | 'token'>,
  name = 'test-http-client',
): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const client = new Client({ name, version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(d.httpUrl), {
    requestInit: { headers: { authorization: `Bearer ${d.token}` } },
  });
  await client.connect(transport);
  return { client, transport };
}

/** The text parts of a tool result, joined by newlines. */
export function text(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}
