import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeProvider } from '../fixtures/fake-provider.ts';
import { SHARED_KEY as FAKE_KEY, tempDataDir } from '../helpers/daemon.ts';
import { until } from '../helpers/poll.ts';
import { isProcessAlive } from '../../daemon/lifecycle/discovery.ts';
import { connectViaBridge, type BridgedClient } from './bridge-client.ts';

const dataDir = tempDataDir();
const fake = new FakeProvider({ apiKey: FAKE_KEY });
const started = new Set<number>();
let bridged: BridgedClient | undefined;

function daemonPid(): number {
  const pid = (JSON.parse(readFileSync(join(dataDir, 'daemon.json'), 'utf8')) as { pid: number })
    .pid;
  started.add(pid);
  return pid;
}

async function waitGone(pid: number): Promise<void> {
  await until(() => !isProcessAlive(pid), `process ${pid} to exit`, 15_000).catch(() => undefined); // the caller SIGKILLs it then
}

beforeAll(async () => {
  const baseUrl = await fake.start();
  // Port 0: the autostarted daemons must not fight over 8765 with anything else on the machine.
  bridged = await connectViaBridge(['--data-dir', dataDir], {
    EXAI_WS_PORT: '0',
    KIMI_API_KEY: FAKE_KEY,
    KIMI_API_URL: baseUrl,
    GLM_API_KEY: FAKE_KEY,
    GLM_API_URL: baseUrl,
  });
}, 40_000);

afterAll(async () => {
  await bridged?.client.close();
  // The bridge leaves its daemon running for other clients: stop every one this test started.
  try {
    daemonPid();
  } catch {
    // No discovery file: nothing running.
  }
  for (const pid of started) {
    if (isProcessAlive(pid)) process.kill(pid, 'SIGTERM');
    await waitGone(pid);
    if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  await fake.stop();
}, 40_000);

describe('exai bridge autostart and reconnect', () => {
  it('starts a detached daemon when none runs', async () => {
    const pid = daemonPid();
    expect(pid).not.toBe(bridged!.transport.pid);
    expect(isProcessAlive(pid)).toBe(true);
    const { tools } = await bridged!.client.listTools();
    expect(tools.map((t) => t.name)).toContain('chat');
    expect(bridged!.stderr()).toMatch(/starting one/);
  });

  it('fails the in-flight call when the daemon is killed, then the next call succeeds on a new daemon', async () => {
    const client = bridged!.client;
    const first = daemonPid();
    fake.script({ kind: 'hang' });
    const before = fake.requests.length;
    const inflight = client.callTool({
      name: 'chat',
      arguments: { prompt: 'this daemon will die' },
    });
    await fake.waitFor(() =>
      fake.requests.slice(before).some((r) => r.path.endsWith('/chat/completions')),
    );

    process.kill(first, 'SIGKILL');
    await expect(inflight).rejects.toThrow(
      /connection to the EXAI daemon was lost while tools\/call was in flight/,
    );
    await waitGone(first);

    // The bridge autostarts a new daemon and replays the handshake: the client notices nothing else.
    const result = await client.callTool({
      name: 'chat',
      arguments: { prompt: 'and now on the new one' },
    });
    expect((result.content as Array<{ text: string }>)[0]?.text).toMatch(/Fake answer/);
    const second = daemonPid();
    expect(second).not.toBe(first);
    expect(isProcessAlive(second)).toBe(true);
    expect(bridged!.errors).toEqual([]);

    // The new daemon got the client's own initialize (replayed), so it knows who is calling.
    const { port } = JSON.parse(readFileSync(join(dataDir, 'daemon.json'), 'utf8')) as {
      port: number;
    };
    const token = readFileSync(join(dataDir, 'token'), 'utf8').trim();
    const status = (await (
      await fetch(`http://127.0.0.1:${port}/status`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as {
      sessions: Array<{ clientName?: string }>;
    };
    expect(status.sessions).toContainEqual(
      expect.objectContaining({ clientName: 'bridge-test-client' }),
    );
  }, 40_000);
});
