// The official MCP Inspector CLI (@modelcontextprotocol/inspector) against a real daemon, over both
// transports clients use: Streamable HTTP (/mcp, bearer token) and, through `exai bridge` as a
// stdio server, MCP over WebSocket. Issue 15 asks that any fast path keeps this passing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanEnv,
  EXAI_ENTRY,
  startDaemon,
  tempDataDir,
  type FakeBackedDaemon,
} from '../helpers/daemon.ts';

const INSPECTOR = fileURLToPath(
  new URL(
    '../../node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js',
    import.meta.url,
  ),
);
// The same guard vitest runs under, loaded into the Inspector too: it may reach loopback only.
const LOOPBACK_GUARD = fileURLToPath(new URL('../setup/loopback-only.ts', import.meta.url));
const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
const CLI_TIMEOUT_MS = 30_000;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The CLI's one JSON object on stdout (`--format json`). */
  json: { result?: Record<string, unknown> };
}

let d: FakeBackedDaemon;
let home: string;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  d = await startDaemon({ fakes: 'shared', client: false });
  // The Inspector keeps state under ~/.mcp-inspector: give it a throwaway home.
  home = tempDataDir();
});
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});
afterAll(async () => {
  await d?.stop();
});

/** Runs `mcp-inspector --cli --format json <args>` with the project's Node; bounded in time. */
function inspector(args: string[]): Promise<CliRun> {
  const xdg = join(home, 'xdg');
  mkdirSync(xdg, { recursive: true });
  const child = spawn(
    process.execPath,
    ['--import', LOOPBACK_GUARD, INSPECTOR, '--cli', '--format', 'json', ...args],
    {
      env: cleanEnv({
        HOME: home,
        USERPROFILE: home,
        XDG_CONFIG_HOME: xdg,
        XDG_DATA_HOME: xdg,
        XDG_STATE_HOME: xdg,
        XDG_CACHE_HOME: xdg,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Inspector CLI still running after ${CLI_TIMEOUT_MS} ms\n${stderr}`));
    }, CLI_TIMEOUT_MS);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      running.delete(child);
      let json: CliRun['json'];
      try {
        json = JSON.parse(stdout) as CliRun['json'];
      } catch {
        reject(new Error(`Inspector CLI printed no JSON (exit ${code})\n${stdout}\n${stderr}`));
        return;
      }
      resolve({ code, stdout, stderr, json });
    });
  });
}

interface Transport {
  name: string;
  /** The server part of the CLI's arguments, around the method's own. */
  args(method: string[]): string[];
  /** What the run shows about the route it took. */
  route?: RegExp;
}

const transports: Transport[] = [
  {
    name: 'MCP over Streamable HTTP',
    args: (method) => [
      d.httpUrl,
      '--transport',
      'http',
      '--header',
      `Authorization: Bearer ${d.token}`,
      ...method,
    ],
  },
  {
    name: 'MCP over WebSocket through the stdio bridge',
    // The Inspector starts `exai bridge` as its stdio server; the bridge finds the daemon from
    // its data folder (port and token files) and never starts one of its own.
    args: (method) => [
      '--transport',
      'stdio',
      ...method,
      '--',
      process.execPath,
      EXAI_ENTRY,
      'bridge',
      '--data-dir',
      d.dataDir,
      '--no-autostart',
    ],
    route: /exai bridge: connected to the EXAI daemon/,
  },
];

const CLI_TEST_MS = 2 * CLI_TIMEOUT_MS;

describe.each(transports)('the MCP Inspector CLI, $name', (transport) => {
  const run = (...method: string[]) => inspector(transport.args(method));
  const content = (r: CliRun) => r.json.result?.content as Array<{ type: string; text: string }>;

  it(
    'lists the tools with their input schemas, portable under --strict',
    async () => {
      const r = await run('--method', 'tools/list', '--strict');
      expect(r.code, r.stderr).toBe(0);
      if (transport.route) expect(r.stderr).toMatch(transport.route);
      // --strict exits 6 on any error-severity schema problem; the summary names the count.
      expect(r.stderr).toMatch(/\b0 errors\b/);
      const tools = r.json.result?.tools as Array<{
        name: string;
        inputSchema: { type: string; properties?: Record<string, unknown>; required?: string[] };
      }>;
      expect(tools.map((t) => t.name)).toEqual(
        expect.arrayContaining(['version', 'status', 'listmodels', 'chat']),
      );
      for (const tool of tools) expect(tool.inputSchema.type, tool.name).toBe('object');
      const chat = tools.find((t) => t.name === 'chat')!;
      expect(chat.inputSchema.properties).toHaveProperty('prompt');
      expect(chat.inputSchema.required).toContain('prompt');
    },
    CLI_TEST_MS,
  );

  it(
    'calls version and gets its structured content',
    async () => {
      const r = await run('--method', 'tools/call', '--tool-name', 'version');
      expect(r.code, r.stderr).toBe(0);
      expect(r.json.result?.isError).toBeFalsy();
      expect(r.json.result?.structuredContent).toMatchObject({
        version: VERSION,
        endpoint: d.wsUrl,
        http_endpoint: d.httpUrl,
        providers: { kimi: { configured: true }, glm: { configured: true } },
      });
      expect(content(r)[0]!.text).toMatch(new RegExp(`^EXAI daemon ${VERSION}\\n`));
    },
    CLI_TEST_MS,
  );

  it(
    'calls chat and gets the provider’s answer',
    async () => {
      const prompt = `Which transport is this? (${transport.name})`;
      const answer = `The fake provider answers over ${transport.name}.`;
      d.kimi.script({ kind: 'reply', text: answer });
      const before = d.kimi.chatRequests.length;
      const r = await run(
        '--method',
        'tools/call',
        '--tool-name',
        'chat',
        '--tool-args-json',
        JSON.stringify({ prompt }),
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.json.result?.isError).toBeFalsy();
      expect(content(r)[0]).toEqual({ type: 'text', text: answer });
      expect(r.json.result?.structuredContent).toMatchObject({
        status: 'continuation_available',
      });
      expect(d.kimi.chatRequests).toHaveLength(before + 1);
      expect(d.kimi.chatRequests.at(-1)!.messages.at(-1)).toEqual({
        role: 'user',
        content: prompt,
      });
    },
    CLI_TEST_MS,
  );

  it(
    'gets a tool error naming a bad argument',
    async () => {
      const before = d.kimi.chatRequests.length;
      const r = await run(
        '--method',
        'tools/call',
        '--tool-name',
        'chat',
        '--tool-args-json',
        JSON.stringify({ prompt: 'hi', temperature: 7 }),
      );
      // The CLI exits 5 on a tool's isError result and still prints the result.
      expect(r.code).toBe(5);
      expect(r.json.result?.isError).toBe(true);
      expect(content(r)[0]!.text).toMatch(/chat.*<=1 at temperature/);
      expect(d.kimi.chatRequests).toHaveLength(before);
    },
    CLI_TEST_MS,
  );

  it(
    'lists the prompts and gets chat’s with its argument',
    async () => {
      const list = await run('--method', 'prompts/list');
      expect(list.code, list.stderr).toBe(0);
      const prompts = list.json.result?.prompts as Array<{
        name: string;
        arguments: Array<{ name: string; required?: boolean }>;
      }>;
      expect(prompts.map((p) => p.name)).toEqual(expect.arrayContaining(['version', 'chat']));
      expect(prompts.find((p) => p.name === 'chat')!.arguments).toContainEqual(
        expect.objectContaining({ name: 'question', required: true }),
      );

      const got = await run(
        '--method',
        'prompts/get',
        '--prompt-name',
        'chat',
        '--prompt-args',
        'question=What does the Inspector see?',
      );
      expect(got.code, got.stderr).toBe(0);
      const messages = got.json.result?.messages as Array<{
        role: string;
        content: { type: string; text: string };
      }>;
      expect(messages).toHaveLength(1);
      expect(messages[0]!.role).toBe('user');
      expect(messages[0]!.content.text).toContain('Use the EXAI tool `chat`');
      expect(messages[0]!.content.text).toContain('What does the Inspector see?');
    },
    CLI_TEST_MS,
  );

  it(
    'sets the logging level',
    async () => {
      const r = await run('--method', 'logging/setLevel', '--log-level', 'warning');
      expect(r.code, r.stderr).toBe(0);
      expect(r.json).toEqual({ result: {} });
    },
    CLI_TEST_MS,
  );
});
