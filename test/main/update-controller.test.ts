import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDesktopCore, type DesktopCore } from '../../main/desktop-core.ts';
import { translator } from '../../main/i18n.ts';
import { settingsDefaults } from '../../main/settings/settings-schema.ts';
import { trayMenu, type TrayInput } from '../../main/shell/tray-menu.ts';
import { UpdateController, type Timers } from '../../main/updates/update-controller.ts';
import {
  isDeveloperIdSigned,
  readCodesign,
  updateUnsupportedReason,
} from '../../main/updates/update-support.ts';
import type { UpdateState } from '../../preload/api.ts';
import { FakeLauncher } from './fake-launcher.ts';
import { FakeSafeStorage } from './fake-safe-storage.ts';
import { FakeUpdater } from './fake-updater.ts';
import { tempClients } from './temp-clients.ts';

// The auto-update state machine against a fake electron-updater: what the tray and the dashboard
// would show, and that nothing installs without the user's click.

class ManualTimers implements Timers {
  readonly ticks: Array<() => void> = [];
  cleared = 0;
  setInterval(fn: () => void): unknown {
    this.ticks.push(fn);
    return this.ticks.length;
  }
  clearInterval(): void {
    this.cleared += 1;
  }
  fire(): void {
    for (const t of this.ticks) t();
  }
}

const disposers: Array<() => unknown> = [];
afterEach(async () => {
  for (const d of disposers.splice(0).reverse()) await d();
});

function make(opts: { enabled?: boolean; unsupported?: 'unsigned-mac' | 'not-packaged' } = {}) {
  const updater = new FakeUpdater();
  const timers = new ManualTimers();
  const updates = new UpdateController({
    updater,
    currentVersion: '0.1.0',
    enabled: opts.enabled ?? true,
    unsupported: opts.unsupported,
    timers,
    now: () => 1234,
  });
  const seen: UpdateState['state'][] = [];
  updates.on('state', (s) => seen.push(s.state));
  disposers.push(() => updates.dispose());
  return { updater, timers, updates, seen };
}

const tray = (update: UpdateState): TrayInput => ({
  daemon: { state: 'running', restarts: 0, since: 0, endpoint: 'ws://127.0.0.1:8765' },
  sessions: 0,
  startAtLogin: false,
  now: 0,
  t: translator('en'),
  update,
});
const restartItem = (update: UpdateState) =>
  trayMenu(tray(update)).find((i) => i.kind === 'action' && i.action === 'install-update');

describe('update state machine', () => {
  it('checks at start and reports no update', async () => {
    const { updater, updates, seen } = make();
    updates.start();
    await vi.waitFor(() => expect(updates.state.state).toBe('no-update'));
    expect(updater.checks).toBe(1);
    expect(seen).toEqual(['checking', 'no-update']);
    expect(updates.state).toMatchObject({ currentVersion: '0.1.0', checkedAt: 1234 });
    expect(restartItem(updates.state)).toBeUndefined();
  });

  it('downloads a new version in the background and offers "Restart to Update" without installing it', async () => {
    const { updater, updates, seen } = make();
    updater.latest = { version: '0.2.0' };
    updater.holdDownload = true;
    updates.start();
    await vi.waitFor(() =>
      expect(updates.state).toMatchObject({ state: 'downloading', version: '0.2.0', percent: 42 }),
    );
    expect(restartItem(updates.state)).toBeUndefined();
    updater.release();
    await vi.waitFor(() =>
      expect(updates.state).toMatchObject({ state: 'downloaded', version: '0.2.0' }),
    );
    expect(seen).toEqual(['checking', 'available', 'downloading', 'downloading', 'downloaded']);
    // electron-updater's own auto-download and install-on-quit are off: this class decides.
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(restartItem(updates.state)).toMatchObject({
      label: 'Restart to Update (0.2.0)',
      enabled: true,
    });
    expect(updater.installs).toEqual([]);

    updates.install();
    expect(updater.installs).toEqual([[false, true]]);
  });

  it('refuses to install before an update is downloaded', async () => {
    const { updater, updates } = make();
    expect(() => updates.install()).toThrow(/No update has been downloaded/);
    updater.latest = { version: '0.2.0' };
    updater.holdDownload = true;
    updates.start();
    await vi.waitFor(() => expect(updates.state.state).toBe('downloading'));
    expect(() => updates.install()).toThrow(/No update has been downloaded/);
    expect(updater.installs).toEqual([]);
  });

  it('checks again every interval, but not while a download is under way or done', async () => {
    const { updater, timers, updates } = make();
    updates.start();
    await vi.waitFor(() => expect(updates.state.state).toBe('no-update'));
    timers.fire();
    await vi.waitFor(() => expect(updater.checks).toBe(2));
    await updates.check(); // the in-flight check: a tick during it is folded into it
    updater.latest = { version: '0.3.0' };
    timers.fire();
    await vi.waitFor(() => expect(updates.state.state).toBe('downloaded'));
    timers.fire();
    await updates.check();
    expect(updater.checks).toBe(3);
    expect(updater.downloads).toBe(1);
  });

  it('a failed check becomes the error state with one line, and the next check recovers', async () => {
    const { updater, updates } = make();
    updater.latest = new Error('net::ERR_INTERNET_DISCONNECTED\n<html>long body</html>');
    updates.start();
    await vi.waitFor(() => expect(updates.state.state).toBe('error'));
    expect(updates.state.error).toBe('net::ERR_INTERNET_DISCONNECTED');
    updater.latest = 'none';
    await expect(updates.check()).resolves.toMatchObject({ state: 'no-update' });
  });

  it('a failed download is an error, not a stuck "downloading"', async () => {
    const { updater, updates } = make();
    updater.latest = { version: '0.2.0' };
    updater.downloadFails = new Error('sha512 checksum mismatch');
    updates.start();
    await vi.waitFor(() =>
      expect(updates.state).toMatchObject({ state: 'error', error: 'sha512 checksum mismatch' }),
    );
  });

  it('the Settings switch off: no checks at all; on again: checks at once', async () => {
    const { updater, timers, updates } = make({ enabled: false });
    updates.start();
    timers.fire();
    await updates.check();
    expect(updater.checks).toBe(0);
    expect(updates.state).toMatchObject({ state: 'disabled', disabledReason: 'setting-off' });
    updates.setEnabled(true);
    await vi.waitFor(() => expect(updates.state.state).toBe('no-update'));
    expect(updater.checks).toBe(1);
    updates.setEnabled(false);
    expect(updates.state).toMatchObject({ state: 'disabled', disabledReason: 'setting-off' });
    expect(timers.cleared).toBe(1);
  });

  it('an unsigned macOS build never checks and says why', async () => {
    const { updater, updates } = make({ unsupported: 'unsigned-mac' });
    updates.start();
    updates.setEnabled(false);
    updates.setEnabled(true);
    await updates.check();
    expect(updater.checks).toBe(0);
    expect(updates.state).toMatchObject({ state: 'disabled', disabledReason: 'unsigned-mac' });
  });
});

describe('which builds can update themselves', () => {
  const developerId =
    'Executable=/Applications/EXAI Desktop.app/Contents/MacOS/EXAI Desktop\nAuthority=Developer ID Application: EXAI (ABCDE12345)\nAuthority=Developer ID Certification Authority\nTeamIdentifier=ABCDE12345';
  const adhoc =
    'Executable=/Applications/EXAI Desktop.app/Contents/MacOS/EXAI Desktop\nSignature=adhoc\nTeamIdentifier=not set';

  it('macOS needs a Developer ID signature', () => {
    expect(isDeveloperIdSigned({ ok: true, output: developerId })).toBe(true);
    expect(isDeveloperIdSigned({ ok: true, output: adhoc })).toBe(false);
    expect(
      isDeveloperIdSigned({
        ok: false,
        output: 'EXAI Desktop.app: code object is not signed at all',
      }),
    ).toBe(false);
    expect(
      updateUnsupportedReason({
        packaged: true,
        platform: 'darwin',
        codesign: { ok: true, output: adhoc },
      }),
    ).toBe('unsigned-mac');
    expect(
      updateUnsupportedReason({
        packaged: true,
        platform: 'darwin',
        codesign: { ok: true, output: developerId },
      }),
    ).toBeUndefined();
  });

  it.skipIf(process.platform === 'darwin')(
    'a machine without codesign reads as unsigned instead of failing the start',
    async () => {
      const read = await readCodesign(process.execPath);
      expect(read.ok).toBe(false);
      expect(isDeveloperIdSigned(read)).toBe(false);
    },
  );

  it('Windows and Linux installers can; a dev run cannot', () => {
    expect(updateUnsupportedReason({ packaged: true, platform: 'win32' })).toBeUndefined();
    expect(updateUnsupportedReason({ packaged: true, platform: 'linux' })).toBeUndefined();
    expect(updateUnsupportedReason({ packaged: false, platform: 'win32' })).toBe('not-packaged');
  });
});

describe('updates in the desktop core (what the dashboard calls)', () => {
  let core: DesktopCore | undefined;
  let dir = '';
  afterEach(async () => {
    await core?.dispose();
    core = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function makeCore(updater: FakeUpdater): Promise<DesktopCore> {
    dir = mkdtempSync(join(tmpdir(), 'exai-upd-'));
    core = await createDesktopCore({
      clients: tempClients(),
      launcher: new FakeLauncher(),
      settings: { backend: { store: structuredClone(settingsDefaults) } },
      safeStorage: new FakeSafeStorage(),
      dataDir: dir,
      clipboard: { writeText: () => {} },
      openPath: async () => '',
      bridge: { command: 'node', args: [] },
      updates: { updater, currentVersion: '0.1.0' },
    });
    return core;
  }

  it('checks are on by default; turning them off in Settings disables them and tells the dashboard', async () => {
    const updater = new FakeUpdater();
    const c = await makeCore(updater);
    expect(c.settings.view().updateChecks).toBe(true);
    await expect(c.ipc.handlers['update:check']()).resolves.toMatchObject({ state: 'no-update' });
    const pushed: UpdateState[] = [];
    c.ipc.events.on('update:state', (s) => pushed.push(s));
    await c.ipc.handlers['settings:update']({ updateChecks: false });
    expect(await c.ipc.handlers['update:get-state']()).toMatchObject({
      state: 'disabled',
      disabledReason: 'setting-off',
    });
    expect(pushed.at(-1)).toMatchObject({ state: 'disabled' });
    await c.ipc.handlers['update:check']();
    expect(updater.checks).toBe(1);
  });

  it('"Restart to update" from the dashboard installs only a downloaded update', async () => {
    const updater = new FakeUpdater();
    const c = await makeCore(updater);
    await expect(c.ipc.handlers['update:install']()).rejects.toThrow(
      /No update has been downloaded/,
    );
    updater.latest = { version: '0.2.0' };
    await c.ipc.handlers['update:check']();
    await vi.waitFor(() => expect(c.updates.state.state).toBe('downloaded'));
    await c.ipc.handlers['update:install']();
    expect(updater.installs).toHaveLength(1);
  });

  it('a check that never answers does not hold up the daemon', async () => {
    const updater = new FakeUpdater();
    updater.checkForUpdates = () => new Promise(() => {}); // GitHub unreachable, no timeout yet
    const c = await makeCore(updater);
    c.updates.start();
    await expect(c.supervisor.start()).resolves.toMatchObject({ state: 'running' });
    expect(c.updates.state.state).toBe('no-update');
  });

  it('a dev run without an updater says it cannot update', async () => {
    dir = mkdtempSync(join(tmpdir(), 'exai-upd-'));
    core = await createDesktopCore({
      clients: tempClients(),
      launcher: new FakeLauncher(),
      settings: { backend: { store: structuredClone(settingsDefaults) } },
      safeStorage: new FakeSafeStorage(),
      dataDir: dir,
      clipboard: { writeText: () => {} },
      openPath: async () => '',
      bridge: { command: 'node', args: [] },
    });
    expect(await core.ipc.handlers['update:get-state']()).toMatchObject({
      state: 'disabled',
      disabledReason: 'not-packaged',
    });
  });
});
