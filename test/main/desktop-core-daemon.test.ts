import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDesktopCore, type DesktopCore } from '../../main/desktop-core.ts';
import { NodeLauncher } from '../../main/node-launcher.ts';
import { settingsDefaults } from '../../main/settings-schema.ts';
import type { StatusSnapshot } from '../../preload/api.ts';
import { FakeProvider } from '../fixtures/fake-provider.ts';
import { FakeSafeStorage } from './fake-safe-storage.ts';

// The desktop core as the app composes it, with the real daemon: settings reach the daemon live
// (configure) or by restart, as the user would see it.
const ENTRY = resolve(import.meta.dirname, '../../daemon/cli/exai.ts');
let core: DesktopCore | undefined;
let dir = '';

afterEach(async () => {
  await core?.dispose();
  core = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function make(baseUrls = settingsDefaults.baseUrls): Promise<DesktopCore> {
  dir = mkdtempSync(join(tmpdir(), 'exai-core-'));
  core = await createDesktopCore({
    launcher: new NodeLauncher({ entry: ENTRY }),
    settings: { backend: { store: { ...structuredClone(settingsDefaults), baseUrls, port: await freePort() } } },
    safeStorage: new FakeSafeStorage(),
    dataDir: dir,
    clipboard: { writeText: () => {} },
    openPath: async () => '',
    bridge: { command: 'node', args: [] },
  });
  return core;
}

const status = (port: number, token: string): Promise<Response> =>
  fetch(`http://127.0.0.1:${port}/status`, { headers: { authorization: `Bearer ${token}` } });

function nextSnapshot(c: DesktopCore, pred: (s: StatusSnapshot) => boolean): Promise<StatusSnapshot> {
  return new Promise((r) => {
    const off = c.supervisor.on('status', (s) => {
      if (pred(s)) {
        off();
        r(s);
      }
    });
  });
}

describe('desktop core with the real daemon', () => {
  it('a new API key reaches the running daemon without a restart', { timeout: 60_000 }, async () => {
    const c = await make();
    const before = await c.supervisor.start();
    expect(before.state).toBe('running');
    const configured = nextSnapshot(c, (s) => s.providers.some((p) => p.id === 'kimi' && p.configured));
    await c.ipc.handlers['settings:set-key']('kimi', 'sk-kimi-live-key-1234');
    await configured;
    expect(c.supervisor.state.pid).toBe(before.pid);
  });

  it('rotating the token takes effect at once: the old token is refused, the new one accepted', { timeout: 60_000 }, async () => {
    const c = await make();
    const st = await c.supervisor.start();
    const old = c.settings.token();
    const okOld = await status(st.port!, old);
    expect(okOld.status).toBe(200);
    await okOld.body?.cancel();
    const fresh = await c.ipc.handlers['token:rotate']();
    // The configure message is asynchronous: poll (bounded) until the new token is in force.
    let [a, b] = await Promise.all([status(st.port!, old), status(st.port!, fresh)]);
    for (let i = 0; i < 50 && b.status !== 200; i++) {
      await Promise.all([a.body?.cancel(), b.body?.cancel()]);
      await new Promise((r) => setTimeout(r, 100));
      [a, b] = await Promise.all([status(st.port!, old), status(st.port!, fresh)]);
    }
    expect(a.status).toBe(401);
    expect(b.status).toBe(200);
    await Promise.all([a.body?.cancel(), b.body?.cancel()]);
    expect(c.supervisor.state.pid).toBe(st.pid);
  });

  it('a port change restarts the daemon on the new port', { timeout: 60_000 }, async () => {
    const c = await make();
    const st = await c.supervisor.start();
    const port = await freePort();
    const restarted = new Promise<void>((r) => {
      const off = c.supervisor.on('state', (s) => {
        if (s.state === 'running' && s.port === port) {
          off();
          r();
        }
      });
    });
    await c.ipc.handlers['settings:update']({ port });
    await restarted;
    expect(c.supervisor.state.pid).not.toBe(st.pid);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    await res.body?.cancel();
    expect((await c.ipc.handlers['connect:info']()).wsUrl).toContain(`:${port}`);
  });

  it('Test connection asks the daemon, which asks the provider with the stored key', { timeout: 60_000 }, async () => {
    const kimi = new FakeProvider({ apiKey: 'sk-kimi-real-key-0001' });
    kimi.models = ['kimi-k2-0905-preview', 'moonshot-v1-8k'];
    const kimiUrl = await kimi.start();
    try {
      const c = await make({ kimi: kimiUrl, glm: settingsDefaults.baseUrls.glm });
      await c.supervisor.start();
      await c.ipc.handlers['settings:set-key']('kimi', 'sk-kimi-wrong-key-999');
      const refused = await c.ipc.handlers['providers:test']('kimi');
      expect(refused.ok).toBe(false);
      await c.ipc.handlers['settings:set-key']('kimi', 'sk-kimi-real-key-0001');
      // configure travels over IPC, the test over HTTP: allow the key a moment to land (bounded).
      let ok = await c.ipc.handlers['providers:test']('kimi');
      for (let i = 0; i < 20 && !ok.ok; i++) {
        await new Promise((r) => setTimeout(r, 100));
        ok = await c.ipc.handlers['providers:test']('kimi');
      }
      expect(ok).toMatchObject({ ok: true, models: ['kimi-k2-0905-preview', 'moonshot-v1-8k'] });
    } finally {
      await kimi.stop();
    }
  });
});
