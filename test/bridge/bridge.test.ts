import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeProvider } from '../fixtures/fake-provider.ts';
import {
  cleanEnv,
  EXAI_ENTRY,
  startDaemon,
  tempDataDir,
  type FakeBackedDaemon,
} from '../helpers/daemon.ts';
import { connectViaBridge, type BridgedClient } from './bridge-client.ts';

let daemon: FakeBackedDaemon;
let fake: FakeProvider;
let bridged: BridgedClient;

beforeAll(async () => {
  daemon = await startDaemon({ fakes: 'shared', env: { EXAI_WS_PROGRESS_INTERVAL_SECS: '0.2' } });
  fake = daemon.kimi;
  bridged = await connectViaBridge(['--data-dir', daemon.dataDir, '--no-autostart']);
});
afterAll(async () => {
  await bridged?.client.close();
  await daemon?.stop();
});

function text(result: unknown): string {
  return ((result as { content: Array<{ text: string }> }).content ?? [])
    .map((c) => c.text)
    .join('\n');
}

describe('exai bridge (stdio ⇄ daemon)', () => {
  it('finds the daemon from the data folder, lists tools and calls one', async () => {
    const { tools } = await bridged.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['chat', 'version', 'listmodels']),
    );
    const result = await bridged.client.callTool({ name: 'version', arguments: {} });
    expect(text(result)).toMatch(/^EXAI daemon /);
    expect(bridged.client.getServerVersion()?.name).toBe('exai');
  });

  it('shows the real client name in the daemon session list', async () => {
    const status = (await (
      await fetch(`${daemon.baseUrl}/status`, {
        headers: { authorization: `Bearer ${daemon.token}` },
      })
    ).json()) as {
      sessions: Array<{ clientName?: string; clientVersion?: string; transport: string }>;
    };
    expect(status.sessions).toContainEqual(
      expect.objectContaining({
        transport: 'bridge',
        clientName: 'bridge-test-client',
        clientVersion: '2.3.4',
      }),
    );
  });

  it('passes progress notifications through while a slow call runs', async () => {
    fake.script({ kind: 'reply', text: 'slow but sure', latencyMs: 1200 });
    const progress: Array<{ progress: number; message?: string }> = [];
    const result = await bridged.client.callTool(
      { name: 'chat', arguments: { prompt: 'progress through the bridge' } },
      undefined,
      {
        onprogress: (p) => progress.push(p),
      },
    );
    expect(text(result)).toMatch(/slow but sure/);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress[0]?.message).toMatch(/chat/);
  });

  it('passes cancellation through: the provider request is aborted', async () => {
    fake.script({ kind: 'hang' });
    const before = fake.requests.length;
    const controller = new AbortController();
    const call = bridged.client.callTool(
      { name: 'chat', arguments: { prompt: 'cancel me please' } },
      undefined,
      { signal: controller.signal },
    );
    await fake.waitFor(() =>
      fake.requests.slice(before).some((r) => r.path.endsWith('/chat/completions')),
    );
    controller.abort('user pressed stop');
    await expect(call).rejects.toThrow();
    await fake.waitFor(() =>
      fake.requests.slice(before).some((r) => r.path.endsWith('/chat/completions') && r.aborted),
    );
  });

  it('passes logging requests through, and the daemon answers them', async () => {
    await expect(bridged.client.setLoggingLevel('warning')).resolves.toEqual({});
    // The bridge checks no parameters: a level the daemon does not know comes back as the daemon's own error.
    await expect(bridged.client.setLoggingLevel('loud' as 'warning')).rejects.toThrow(
      /MCP error -32603[\s\S]*"level"/,
    );
  });

  it('wrote nothing but protocol to stdout and logs to stderr', () => {
    expect(bridged.errors).toEqual([]);
    expect(bridged.stderr()).toMatch(/exai bridge: connected to the EXAI daemon/);
  });
});

describe('exai bridge --url/--token', () => {
  it('connects to the given URL with the given token, ignoring the (empty) data folder', async () => {
    const direct = await connectViaBridge(
      [
        '--url',
        daemon.wsUrl,
        '--token',
        daemon.token,
        '--data-dir',
        tempDataDir(),
        '--no-autostart',
      ],
      {},
      'url-client',
    );
    try {
      const result = await direct.client.callTool({ name: 'version', arguments: {} });
      expect(text(result)).toMatch(/^EXAI daemon /);
    } finally {
      await direct.client.close();
    }
  });
});

describe('exai bridge process', () => {
  it('exits when stdin closes', async () => {
    const child = spawn(
      process.execPath,
      [EXAI_ENTRY, 'bridge', '--data-dir', tempDataDir(), '--no-autostart'],
      {
        env: cleanEnv(),
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    // One bad line (answered with a parse error on stdout), then EOF.
    child.stdin.end('this is not json\n');
    expect(await exited).toBe(0);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      {
        jsonrpc: '2.0',
        id: null,
        error: { code: -32700, message: expect.stringMatching(/Parse error/) },
      },
    ]);
  });

  it('answers a request with a clear error when no daemon runs and autostart is off', async () => {
    const child = spawn(
      process.execPath,
      [EXAI_ENTRY, 'bridge', '--data-dir', tempDataDir(), '--no-autostart'],
      {
        env: cleanEnv({ EXAI_BRIDGE_WAIT_S: '1' }),
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    const answered = new Promise<void>((resolve) =>
      child.stdout.on(
        'data',
        (d: Buffer) => ((stdout += d.toString()), stdout.includes('\n') && resolve()),
      ),
    );
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/list' })}\n`);
    await answered;
    child.stdin.end();
    const answer = JSON.parse(stdout.split('\n')[0]!) as {
      id: number;
      error: { code: number; message: string };
    };
    expect(answer.id).toBe(7);
    expect(answer.error.message).toMatch(/no EXAI daemon reachable.*autostart is off/);
  });
});
