import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDesktopCore, type DesktopCore } from '../../main/desktop-core.ts';
import { createInvokeRouter } from '../../main/ipc/ipc-router.ts';
import type { SettingsBackend } from '../../main/settings/settings-file.ts';
import { settingsDefaults } from '../../main/settings/settings-schema.ts';
import type { EventPayloads } from '../../preload/api.ts';
import { FakeLauncher } from './fake-launcher.ts';
import { FakeSafeStorage } from './fake-safe-storage.ts';
import { tempClients } from './temp-clients.ts';

let core: DesktopCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

async function makeCore(
  launcher = new FakeLauncher(),
  recovered?: { backupPath: string; error: string },
  bridgeCommand = '/usr/bin/node',
) {
  const clipboard: string[] = [];
  const opened: string[] = [];
  const backend: SettingsBackend = { store: structuredClone(settingsDefaults) };
  core = await createDesktopCore({
    clients: tempClients(),
    launcher,
    settings: recovered ? { backend, recovered } : { backend },
    safeStorage: new FakeSafeStorage(),
    dataDir: '/tmp/exai-ipc-test',
    clipboard: { writeText: (t) => clipboard.push(t) },
    openPath: async (p) => {
      opened.push(p);
      return '';
    },
    bridge: { command: bridgeCommand, args: ['exai.js', 'bridge'] },
    supervisor: { stopGraceMs: 200 },
  });
  const trusted = new Set([1]);
  const route = createInvokeRouter(core.ipc.handlers, (id) => trusted.has(id));
  return { core, route, clipboard, opened, launcher };
}

describe('IPC router', () => {
  it('rejects bad arguments with a message naming the argument', async () => {
    const { route } = await makeCore();
    await expect(route(1, 'settings:set-key', ['openai', 'sk-123456789'])).rejects.toThrow(
      /Invalid arguments for settings:set-key: 0: /,
    );
    await expect(route(1, 'settings:set-key', ['kimi', 'short'])).rejects.toThrow(
      /1: API key looks too short/,
    );
    await expect(route(1, 'settings:update', [{ port: 'x' }])).rejects.toThrow(/0\.port/);
    await expect(route(1, 'logs:recent', [])).rejects.toThrow(/Invalid arguments for logs:recent/);
    await expect(route(1, 'daemon:start', ['extra'])).rejects.toThrow(/Invalid arguments/);
  });

  it('rejects an untrusted sender before doing anything', async () => {
    const { route, clipboard } = await makeCore();
    await expect(route(99, 'clipboard:write', ['stolen?'])).rejects.toThrow(
      /did not come from an EXAI window/,
    );
    await expect(route(99, 'token:reveal', [])).rejects.toThrow(/did not come from an EXAI window/);
    expect(clipboard).toEqual([]);
  });

  it('rejects an unknown channel', async () => {
    const { route } = await makeCore();
    await expect(route(1, 'shell:exec', ['rm -rf /'])).rejects.toThrow(
      /Unknown IPC channel: shell:exec/,
    );
  });

  it('runs valid calls: start the daemon, copy to clipboard, open the log folder', async () => {
    const { route, clipboard, opened } = await makeCore();
    expect(await route(1, 'daemon:start', [])).toMatchObject({
      state: 'running',
      endpoint: 'ws://127.0.0.1:8765',
    });
    await route(1, 'clipboard:write', ['ws://127.0.0.1:8765']);
    expect(clipboard).toEqual(['ws://127.0.0.1:8765']);
    await route(1, 'logs:open-folder', []);
    expect(opened).toEqual(['/tmp/exai-ipc-test/logs']);
    // The bridge is told the app's daemon folder instead of guessing where Electron keeps it.
    expect(await route(1, 'connect:info', [])).toMatchObject({
      wsUrl: 'ws://127.0.0.1:8765',
      bridgeCommand: '/usr/bin/node',
      bridgeArgs: ['exai.js', 'bridge', '--data-dir', '/tmp/exai-ipc-test'],
      nodeMissing: false,
    });
  });

  it('tells the Connect page when no Node was found and the bridge command is a bare `node`', async () => {
    const { route } = await makeCore(new FakeLauncher(), undefined, 'node');
    expect(await route(1, 'connect:info', [])).toMatchObject({
      bridgeCommand: 'node',
      nodeMissing: true,
    });
  });

  it('rejects a client the app does not know, naming the argument, and lists the six it does', async () => {
    const { route } = await makeCore();
    await expect(route(1, 'clients:add', ['notepad'])).rejects.toThrow(
      /Invalid arguments for clients:add: 0: /,
    );
    const list = (await route(1, 'clients:list', [])) as Array<{ id: string; state: string }>;
    expect(list.map((c) => c.id)).toEqual([
      'claude-desktop',
      'claude-code',
      'cursor',
      'vscode',
      'windsurf',
      'codex',
    ]);
    expect(list.every((c) => c.state === 'not-installed')).toBe(true);
  });
});

describe('IPC handlers', () => {
  it('never returns a key in plain text', async () => {
    const { core } = await makeCore();
    const view = await core.ipc.handlers['settings:set-key']('glm', 'glm-secret-key-9876');
    expect(view.keys.glm).toEqual({ configured: true, last4: '9876' });
    expect(JSON.stringify(await core.ipc.handlers['settings:get']())).not.toContain('glm-secret');
  });

  it('pushes daemon state, settings and notices as events, and unsubscribing stops them', async () => {
    const { core } = await makeCore();
    const states: EventPayloads['daemon:state'][] = [];
    const off = core.ipc.events.on('daemon:state', (s) => states.push(s));
    await core.ipc.handlers['daemon:start']();
    expect(states.map((s) => s.state)).toEqual(['starting', 'running']);
    off();
    await core.ipc.handlers['daemon:stop']();
    expect(states).toHaveLength(2);

    const ports: number[] = [];
    core.ipc.events.on('settings:changed', (v) => ports.push(v.port));
    await core.ipc.handlers['settings:update']({ port: 9100 });
    expect(ports).toEqual([9100]);
  });

  it('sends a new key to the running daemon with configure (no restart), and restarts on a port change', async () => {
    const { core, launcher } = await makeCore();
    await core.ipc.handlers['daemon:start']();
    await core.ipc.handlers['settings:set-key']('kimi', 'sk-kimi-new-key-0001');
    expect(launcher.launched).toHaveLength(1);
    expect(launcher.last.received).toContainEqual({
      type: 'configure',
      kimi: { apiKey: 'sk-kimi-new-key-0001' },
    });

    const token = await core.ipc.handlers['token:rotate']();
    expect(launcher.last.received).toContainEqual({ type: 'configure', token });

    await core.ipc.handlers['settings:update']({ port: 9200 });
    await expect.poll(() => launcher.launched.length).toBe(2);
    expect(launcher.last.request.args).toContain('9200');
    expect(launcher.last.request.env.KIMI_API_KEY).toBe('sk-kimi-new-key-0001');
    expect(launcher.last.request.env.EXAI_WS_TOKEN).toBe(token);
  });

  it('stores a token the daemon reports rotated, tells the dashboard, and does not echo it back', async () => {
    const { core, launcher } = await makeCore();
    await core.ipc.handlers['daemon:start']();
    const views: unknown[] = [];
    core.ipc.events.on('settings:changed', (v) => views.push(v));
    launcher.last.message({ type: 'token-rotated', token: 'rotated-by-a-legacy-client-01' });
    await vi.waitFor(() => expect(views).toHaveLength(1));
    expect(await core.ipc.handlers['token:reveal']()).toBe('rotated-by-a-legacy-client-01');
    expect(launcher.last.received.filter((m) => m.type === 'configure')).toEqual([]);
    // The next start hands the daemon the rotated token, not the old one.
    await core.ipc.handlers['daemon:restart']();
    expect(launcher.last.request.env.EXAI_WS_TOKEN).toBe('rotated-by-a-legacy-client-01');
    // A malformed report changes nothing and says so.
    launcher.last.message({ type: 'token-rotated', token: 'short' });
    await vi.waitFor(() =>
      expect(core.notices.list().map((n) => n.id)).toContain('token-not-saved'),
    );
    expect(await core.ipc.handlers['token:reveal']()).toBe('rotated-by-a-legacy-client-01');
  });

  it('shows a notice after a corrupt settings file was reset, until dismissed', async () => {
    const { core } = await makeCore(new FakeLauncher(), {
      backupPath: '/x/settings.json.corrupt-1',
      error: 'bad',
    });
    expect(core.notices.list()[0]?.message).toContain('/x/settings.json.corrupt-1');
    await core.ipc.handlers['notices:dismiss']('settings-reset');
    expect(core.notices.list()).toEqual([]);
  });

  it('providers:test says plainly when the daemon is not running', async () => {
    const { core } = await makeCore();
    const result = await core.ipc.handlers['providers:test']('kimi');
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/not running/) });
  });

  it('keeps recent log lines for a window opened later', async () => {
    const { core, launcher } = await makeCore();
    await core.ipc.handlers['daemon:start']();
    launcher.last.message({ type: 'log', level: 'info', time: 1, msg: 'listening' });
    launcher.last.stderr('warning: something');
    const lines = await core.ipc.handlers['logs:recent'](10);
    expect(lines.map((l) => l.msg)).toEqual(['listening', 'warning: something']);
  });
});
