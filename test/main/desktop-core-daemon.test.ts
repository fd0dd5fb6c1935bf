import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, describe, expect, it } from 'vitest';
import { readDiscovery } from '../../daemon/lifecycle/discovery.ts';
import { createDesktopCore, type DesktopCore } from '../../main/desktop-core.ts';
import { NodeLauncher } from '../../main/supervision/node-launcher.ts';
import { SecretBox } from '../../main/settings/secrets.ts';
import type { SettingsBackend } from '../../main/settings/settings-file.ts';
import { settingsDefaults } from '../../main/settings/settings-schema.ts';
import { SettingsStore } from '../../main/settings/settings-store.ts';
import type { ConnectInfo, StatusSnapshot } from '../../preload/api.ts';
import { FakeProvider } from '../fixtures/fake-provider.ts';
import { cleanEnv, freePort } from '../helpers/daemon.ts';
import { LegacyClient } from '../legacy/legacy-client.ts';
import { FakeSafeStorage } from './fake-safe-storage.ts';
import { tempClients } from './temp-clients.ts';

// The desktop core as the app composes it, with the real daemon: settings reach the daemon live
// (configure) or by restart, as the user would see it.
const ENTRY = resolve(import.meta.dirname, '../../daemon/cli/exai.ts');
let core: DesktopCore | undefined;
let dir = '';
/** The settings file of the latest core, as electron-store would hold it. */
let backend: SettingsBackend;

afterEach(async () => {
  await core?.dispose();
  core = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function make(baseUrls = settingsDefaults.baseUrls): Promise<DesktopCore> {
  dir = mkdtempSync(join(tmpdir(), 'exai-core-'));
  backend = { store: { ...structuredClone(settingsDefaults), baseUrls, port: await freePort() } };
  core = await createDesktopCore({
    clients: tempClients(),
    launcher: new NodeLauncher({ entry: ENTRY }),
    settings: { backend },
    safeStorage: new FakeSafeStorage(),
    dataDir: dir,
    clipboard: { writeText: () => {} },
    openPath: async () => '',
    // As the app does: Node 24 running the daemon entry with `bridge`.
    bridge: { command: process.execPath, args: [ENTRY, 'bridge'] },
  });
  return core;
}

const status = (port: number, token: string): Promise<Response> =>
  fetch(`http://127.0.0.1:${port}/status`, { headers: { authorization: `Bearer ${token}` } });

/**
 * Claude Desktop's side: spawns exactly the command the Connect page shows, in a home with no
 * other daemon folders, so only the arguments can lead the bridge to the app's daemon.
 */
async function withBridge(
  info: ConnectInfo,
  home: string,
  use: (client: Client) => Promise<void>,
): Promise<void> {
  const env = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    APPDATA: join(home, 'appdata'),
    EXAI_BRIDGE_WAIT_S: '10',
  };
  const transport = new StdioClientTransport({
    command: info.bridgeCommand,
    args: info.bridgeArgs,
    env: cleanEnv(env) as Record<string, string>,
    stderr: 'pipe',
  });
  const client = new Client({ name: 'claude-desktop-test', version: '1.0.0' });
  try {
    await client.connect(transport);
    await use(client);
  } finally {
    await client.close();
    // Had the bridge missed the app's daemon it would have started its own: never leave it behind.
    const stray = readDiscovery(join(home, 'data', 'exai'));
    if (stray.kind === 'running') process.kill(stray.info.pid);
  }
}

async function bridgeSessions(port: number, token: string): Promise<string[]> {
  const res = await status(port, token);
  const body = (await res.json()) as StatusSnapshot;
  return body.sessions.filter((x) => x.transport === 'bridge').map((x) => x.clientName ?? '');
}

function nextSnapshot(
  c: DesktopCore,
  pred: (s: StatusSnapshot) => boolean,
): Promise<StatusSnapshot> {
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
  it(
    'a new API key reaches the running daemon without a restart',
    { timeout: 60_000 },
    async () => {
      const c = await make();
      const before = await c.supervisor.start();
      expect(before.state).toBe('running');
      const configured = nextSnapshot(c, (s) =>
        s.providers.some((p) => p.id === 'kimi' && p.configured),
      );
      await c.ipc.handlers['settings:set-key']('kimi', 'sk-kimi-live-key-1234');
      await configured;
      expect(c.supervisor.state.pid).toBe(before.pid);
    },
  );

  it(
    'rotating the token takes effect at once: the old token is refused, the new one accepted',
    { timeout: 60_000 },
    async () => {
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
    },
  );

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

  it(
    'Test connection asks the daemon, which asks the provider with the stored key',
    { timeout: 60_000 },
    async () => {
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
    },
  );

  it(
    "the bridge command on the Connect page reaches the app's daemon, also after the token is rotated",
    { timeout: 60_000 },
    async () => {
      const c = await make();
      const { port } = await c.supervisor.start();
      const home = join(dir, 'home');
      const info = await c.ipc.handlers['connect:info']();
      await withBridge(info, home, async (client) => {
        expect((await client.listTools()).tools.map((t) => t.name)).toContain('version');
        // The session is on the app's daemon, not on one the bridge found or started elsewhere.
        expect(await bridgeSessions(port!, c.settings.token())).toContain('claude-desktop-test');
      });

      // The app rotates its token: a bridge started afterwards still gets in.
      const fresh = await c.ipc.handlers['token:rotate']();
      let res = await status(port!, fresh);
      for (let i = 0; i < 50 && res.status !== 200; i++) {
        await res.body?.cancel();
        await new Promise((r) => setTimeout(r, 100));
        res = await status(port!, fresh);
      }
      await res.body?.cancel();
      await withBridge(info, home, async (client) => {
        expect((await client.listTools()).tools.map((t) => t.name)).toContain('version');
        expect(await bridgeSessions(port!, fresh)).toContain('claude-desktop-test');
      });
    },
  );

  it(
    'a token rotated by a legacy client is stored by the app, shown on reveal, and survives a daemon restart',
    { timeout: 60_000 },
    async () => {
      const c = await make();
      const st = await c.supervisor.start();
      const old = c.settings.token();
      let pushes = 0;
      c.ipc.events.on('settings:changed', () => (pushes += 1));

      const fresh = 'legacy-rotated-token-0123456789';
      const { client } = await LegacyClient.session(`ws://127.0.0.1:${st.port}/`, old);
      client.send({ op: 'rotate_token', old, new: fresh });
      expect(await client.next((f) => f.op === 'rotate_token_res')).toMatchObject({ ok: true });
      await client.close();

      // The dashboard is told (settings:changed) and Reveal shows the new token.
      await expect.poll(() => pushes, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await c.ipc.handlers['token:reveal']()).toBe(fresh);
      // Saved encrypted in the settings file: the next app start reads it back.
      expect(JSON.stringify(backend.store)).not.toContain(fresh);
      const reread = new SettingsStore({ backend, secrets: new SecretBox(new FakeSafeStorage()) });
      await reread.init();
      expect(reread.token()).toBe(fresh);

      // A restart passes the stored token again, so the rotation holds.
      const restarted = await c.supervisor.restart();
      expect(restarted.pid).not.toBe(st.pid);
      const [a, b] = await Promise.all([
        status(restarted.port!, old),
        status(restarted.port!, fresh),
      ]);
      expect(a.status).toBe(401);
      expect(b.status).toBe(200);
      await Promise.all([a.body?.cancel(), b.body?.cancel()]);
    },
  );
});
