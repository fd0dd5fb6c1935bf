import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { createDesktopCore, type DesktopCore } from '../../main/desktop-core.ts';
import { callToolOverWs } from '../../main/smoke/mcp-ws-call.ts';
import { NodeLauncher } from '../../main/supervision/node-launcher.ts';
import { SecretBox } from '../../main/settings/secrets.ts';
import { settingsDefaults } from '../../main/settings/settings-schema.ts';
import {
  reportStartupFailure,
  runSmokeTest,
  SMOKE_EXIT_CODES,
  SMOKE_STARTUP_EXIT_CODE,
  SMOKE_STEPS,
  wantsSmokeTest,
  type SmokePieces,
  type SmokeStep,
} from '../../main/smoke/smoke-test.ts';
import { TrayController } from '../../main/shell/tray.ts';
import { trayMenu } from '../../main/shell/tray-menu.ts';
import { tr } from '../../main/i18n.ts';
import type { DaemonState } from '../../preload/api.ts';
import { FakeSafeStorage } from './fake-safe-storage.ts';
import { tempClients } from './temp-clients.ts';

// The packaged app's --smoke-test, minus Electron: the success path runs the real daemon through
// the desktop core (NodeLauncher standing in for the utility process); each broken piece must
// fail its own step, with its own exit code and one line.

const ENTRY = resolve(import.meta.dirname, '../../daemon/cli/exai.ts');
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function capture() {
  const out = { logs: [] as string[], errors: [] as string[] };
  return {
    out,
    sink: { log: (l: string) => out.logs.push(l), error: (l: string) => out.errors.push(l) },
  };
}

/** The pieces main/app.ts passes, with the real daemon and the real tray controller (Electron faked at its edge). */
async function realPieces(
  safe = new FakeSafeStorage(),
): Promise<{ pieces: SmokePieces; core: DesktopCore; menus: MenuItemConstructorOptions[][] }> {
  const dir = mkdtempSync(join(tmpdir(), 'exai-smoke-'));
  const core = await createDesktopCore({
    clients: tempClients(),
    launcher: new NodeLauncher({ entry: ENTRY }),
    settings: {
      backend: { store: { ...structuredClone(settingsDefaults), port: await freePort() } },
    },
    safeStorage: safe,
    dataDir: dir,
    clipboard: { writeText: () => {} },
    openPath: async () => '',
    bridge: { command: process.execPath, args: [ENTRY, 'bridge'] },
  });
  cleanup.push(async () => {
    await core.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const menus: MenuItemConstructorOptions[][] = [];
  const fakeTray = {
    on: () => {},
    setImage: () => {},
    setToolTip: () => {},
    setContextMenu: () => {},
    destroy: () => {},
  };
  const tray = new TrayController({
    electron: {
      createTray: () => fakeTray as never,
      buildMenu: (template) => (menus.push(template), {} as never),
      loadImage: () => ({ setTemplateImage: () => {} }) as never,
    },
    iconDir: '/nonexistent',
    platform: 'linux',
    onAction: () => {},
  });
  const input = (daemon: DaemonState) => ({
    daemon,
    sessions: 0,
    startAtLogin: false,
    now: Date.now(),
    update: core.updates.state,
    t: tr,
  });
  const pieces: SmokePieces = {
    daemonEntry: ENTRY,
    packaged: false,
    fileExists: existsSync,
    startDaemon: () => core.supervisor.start(),
    token: () => core.settings.token(),
    fetch: (url) => fetch(url),
    callTool: callToolOverWs,
    secrets: new SecretBox(safe, 'linux'),
    buildTray: (state) => {
      tray.update(input(state));
      return trayMenu(input(state));
    },
    drain: () => core.dispose(),
    daemonState: () => core.supervisor.state,
    processAlive: alive,
  };
  return { pieces, core, menus };
}

describe('--smoke-test with the real daemon', () => {
  it(
    'passes every step, makes an MCP call, builds the tray and leaves no daemon running',
    { timeout: 90_000 },
    async () => {
      const { pieces, menus } = await realPieces();
      let pid: number | undefined;
      const start = pieces.startDaemon;
      pieces.startDaemon = async () => {
        const s = await start();
        pid = s.pid;
        return s;
      };
      const { out, sink } = capture();
      const code = await runSmokeTest(pieces, sink);
      expect(out.errors).toEqual([]);
      expect(code).toBe(0);
      for (const step of SMOKE_STEPS)
        expect(
          out.logs.some((l) => l.startsWith(`smoke-test: ok ${step}:`)),
          step,
        ).toBe(true);
      // The version tool answered through the SDK client over the WebSocket endpoint.
      expect(out.logs.find((l) => l.includes('ok mcp-call'))).toMatch(/version → .*\d+\.\d+/);
      expect(out.logs.find((l) => l.includes('ok safe-storage'))).toMatch(/round-trip ok/);
      expect(menus.at(-1)?.[0]?.label).toMatch(/^Running · ws:\/\/127\.0\.0\.1:\d+/);
      expect(out.logs.at(-1)).toBe('smoke-test: passed');
      expect(pid).toBeDefined();
      expect(alive(pid!)).toBe(false);
    },
  );

  it('a runner without a keychain is reported, not failed', { timeout: 90_000 }, async () => {
    const safe = new FakeSafeStorage();
    safe.available = false;
    const { pieces } = await realPieces(safe);
    const { out, sink } = capture();
    expect(await runSmokeTest(pieces, sink)).toBe(0);
    expect(out.logs.find((l) => l.includes('safe-storage'))).toMatch(
      /skipped: the OS keychain is unavailable/,
    );
  });
});

describe('--smoke-test failures', () => {
  const running: DaemonState = {
    state: 'running',
    pid: 999_999,
    port: 1,
    endpoint: 'ws://127.0.0.1:1/',
    restarts: 0,
    since: 0,
  };
  /** Pieces that all work, without a daemon; each test breaks one. */
  function fakePieces(drained: string[]): SmokePieces {
    const safe = new FakeSafeStorage();
    let state: DaemonState = { state: 'stopped', restarts: 0, since: 0 };
    return {
      daemonEntry: '/opt/EXAI/resources/app.asar.unpacked/dist/daemon/exai.mjs',
      packaged: true,
      fileExists: () => true,
      startDaemon: async () => (state = running),
      token: () => 'token',
      fetch: async () => ({ status: 200, text: async () => '{"status":"ok"}' }),
      callTool: async () => '{"version":"0.1.0"}',
      secrets: new SecretBox(safe, 'darwin'),
      buildTray: (s) => trayMenu({ daemon: s, sessions: 0, startAtLogin: false, now: 0, t: tr }),
      drain: async () => {
        drained.push('drain');
        state = { state: 'stopped', restarts: 0, since: 0 };
      },
      daemonState: () => state,
      processAlive: () => false,
    };
  }

  const breakers: Record<SmokeStep, [string, (p: SmokePieces) => void, RegExp]> = {
    'daemon-bundle': [
      'the daemon bundle was packed into the asar',
      (p) => (p.daemonEntry = '/opt/EXAI/resources/app.asar/dist/daemon/exai.mjs'),
      /not in app\.asar\.unpacked/,
    ],
    'daemon-start': [
      'the daemon cannot start',
      (p) =>
        (p.startDaemon = async () => ({
          state: 'failed',
          reason: 'Port 8765 is already in use.',
          restarts: 4,
          since: 0,
        })),
      /failed: Port 8765/,
    ],
    healthz: [
      '/healthz is not 200',
      (p) => (p.fetch = async () => ({ status: 503, text: async () => 'draining' })),
      /answered 503/,
    ],
    'mcp-call': [
      'the MCP call is refused',
      (p) =>
        (p.callTool = async () =>
          Promise.reject(new Error('version returned an error:\nUnauthorized'))),
      /Unauthorized/,
    ],
    'safe-storage': [
      'safeStorage does not round-trip',
      (p) =>
        (p.secrets = {
          level: async () => 'os',
          encrypt: async () => 'Y2lwaGVy',
          decrypt: async () => ({ value: 'something else' }),
        }),
      /did not survive/,
    ],
    'tray-menu': [
      'the tray menu has no Quit',
      (p) =>
        (p.buildTray = (s) =>
          trayMenu({ daemon: s, sessions: 0, startAtLogin: false, now: 0, t: tr }).filter(
            (i) => i.kind !== 'action' || i.action !== 'quit',
          )),
      /no Quit/,
    ],
    quit: ['the daemon outlives the quit', (p) => (p.processAlive = () => true), /still alive/],
  };

  for (const step of SMOKE_STEPS) {
    const [what, breakIt, reason] = breakers[step];
    it(`${what}: fails "${step}" with exit ${SMOKE_EXIT_CODES[step]} and one line`, async () => {
      const drained: string[] = [];
      const pieces = fakePieces(drained);
      breakIt(pieces);
      const { out, sink } = capture();
      const code = await runSmokeTest(pieces, sink);
      expect(code).toBe(SMOKE_EXIT_CODES[step]);
      expect(out.errors).toHaveLength(1);
      expect(out.errors[0]).toMatch(
        new RegExp(`^smoke-test: FAILED at ${step} \\(exit ${code}\\): `),
      );
      expect(out.errors[0]).toMatch(reason);
      expect(out.errors[0]).not.toContain('\n');
      // Whatever failed, the daemon is drained exactly once and later steps never ran.
      expect(drained).toEqual(['drain']);
      expect(out.logs.some((l) => l.includes('passed'))).toBe(false);
    });
  }

  it('every step has its own non-zero exit code', () => {
    const codes = Object.values(SMOKE_EXIT_CODES);
    expect(new Set(codes).size).toBe(SMOKE_STEPS.length);
    expect(codes.every((c) => c > 1)).toBe(true);
  });

  it('a hanging step fails that step instead of hanging the job', async () => {
    const pieces = fakePieces([]);
    pieces.fetch = () => new Promise(() => {});
    const { out, sink } = capture();
    expect(await runSmokeTest(pieces, sink, { stepTimeoutMs: 50 })).toBe(SMOKE_EXIT_CODES.healthz);
    expect(out.errors[0]).toMatch(/FAILED at healthz .*did not finish/);
  });

  it('an app that fails before the sequence still ends with one line and its own code', () => {
    const { out, sink } = capture();
    const code = reportStartupFailure(new Error('settings.json:\n  is not JSON'), sink);
    expect(code).toBe(SMOKE_STARTUP_EXIT_CODE);
    expect(Object.values(SMOKE_EXIT_CODES)).not.toContain(code);
    expect(out.errors).toEqual([
      `smoke-test: FAILED at app-start (exit ${code}): settings.json: is not JSON`,
    ]);
  });

  it('runs only when asked', () => {
    expect(wantsSmokeTest(['/Applications/EXAI Desktop.app/Contents/MacOS/EXAI Desktop'])).toBe(
      false,
    );
    expect(wantsSmokeTest(['EXAI Desktop.exe', '--smoke-test'])).toBe(true);
  });
});
