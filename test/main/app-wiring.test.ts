import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { invokeChannels } from '../../preload/api.ts';
import { createFakeElectron, type FakeElectron } from './fake-electron.ts';
import { FakeUpdater } from './fake-updater.ts';

// main/app.ts, the app's composition root, booted under Node with a recording fake of the electron
// module (test/main/fake-electron.ts) and the real daemon (daemon/cli/exai.ts) as its utility
// process. The test acts as a user would: it reads the tray menu the app built and clicks it.
// electron-store is inlined in vitest.config.ts so that it, too, gets the fake electron (and the
// temporary userData folder), never a real user's folder.

const ROOT = resolve(import.meta.dirname, '../..');
const paths = {
  preload: join(ROOT, 'dist/preload/index.cjs'),
  daemonEntry: join(ROOT, 'daemon/cli/exai.ts'),
  rendererIndex: join(ROOT, 'dist/renderer/index.html'),
  trayIcons: join(ROOT, 'resources/tray'),
  appIcon: join(ROOT, 'build/icon.png'),
};

const running: Array<{ fake: FakeElectron; userData: string }> = [];

afterEach(async () => {
  for (const { fake, userData } of running.splice(0)) {
    if (!fake.app.exited) fake.app.quit();
    await vi.waitFor(() => expect(fake.forks.every((f) => f.exit)).toBe(true), { timeout: 20_000 });
    rmSync(userData, { recursive: true, force: true });
  }
  vi.doUnmock('electron');
  vi.doUnmock('electron-updater');
  vi.resetModules();
}, 30_000);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return port;
}

/** Starts the app as Electron would run main/index.ts, in a fresh module graph. */
async function launch(options: { holdsLock?: boolean } = {}) {
  const userData = mkdtempSync(join(tmpdir(), 'exai-app-'));
  const port = await freePort();
  // A settings file as the app leaves it, with a free port instead of the default.
  writeFileSync(join(userData, 'settings.json'), JSON.stringify({ port }));
  const fake = createFakeElectron({ userData, holdsLock: options.holdsLock });
  running.push({ fake, userData });
  vi.resetModules();
  vi.doMock('electron', () => fake.module);
  // electron-updater requires the real electron package; the unpackaged app never uses it.
  vi.doMock('electron-updater', () => ({ autoUpdater: new FakeUpdater() }));
  const { runApp } = await import('../../main/app.ts');
  runApp(paths);
  return { fake, port, userData };
}

function menu(fake: FakeElectron): MenuItemConstructorOptions[] {
  const tray = fake.trays.at(-1);
  if (!tray) throw new Error('no tray yet');
  return tray.menu;
}
const statusLine = (fake: FakeElectron) => String(menu(fake)[0]?.label);

function click(fake: FakeElectron, label: string): void {
  const item = menu(fake).find((i) => i.label === label);
  if (!item)
    throw new Error(
      `no "${label}" in the tray menu: ${menu(fake)
        .map((i) => i.label)
        .join(', ')}`,
    );
  if (item.enabled === false) throw new Error(`"${label}" is disabled`);
  item.click!({} as never, undefined, {} as never);
}

const enabled = (fake: FakeElectron, label: string) =>
  menu(fake).find((i) => i.label === label)?.enabled;

async function healthz(port: number): Promise<number | 'refused'> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    await res.body?.cancel();
    return res.status;
  } catch {
    return 'refused';
  }
}

async function untilRunning(fake: FakeElectron, port: number): Promise<void> {
  await vi.waitFor(
    () => expect(statusLine(fake)).toBe(`Running · ws://127.0.0.1:${port} · 0 sessions`),
    { timeout: 30_000 },
  );
}

// Each test boots and stops one to three real daemons: generous limits for a loaded machine.
describe('the app (main/app.ts) under a fake Electron', { timeout: 90_000 }, () => {
  it('starts the daemon at launch; the tray shows it Running and every IPC channel is served', async () => {
    const { fake, port, userData } = await launch();
    await untilRunning(fake, port);
    expect(await healthz(port)).toBe(200);
    expect(fake.forks).toHaveLength(1);
    // The daemon keeps its files in its own folder inside the app's, not beside the settings.
    expect(fake.forks[0]!.args).toEqual(
      expect.arrayContaining(['--data-dir', join(userData, 'daemon')]),
    );
    expect(fake.trays).toHaveLength(1);
    expect(fake.trays[0]!.image.path).toBe(join(paths.trayIcons, 'tray-running.png'));
    expect(fake.trays[0]!.tooltip).toBe(`EXAI — Running · ws://127.0.0.1:${port} · 0 sessions`);
    expect([...fake.handlers.keys()].sort()).toEqual(Object.keys(invokeChannels).sort());
    // The dashboard asks for no permissions; the app refuses them all.
    const decisions: boolean[] = [];
    (fake.permissionHandler() as (wc: unknown, p: string, cb: (ok: boolean) => void) => void)(
      {},
      'media',
      (ok) => decisions.push(ok),
    );
    expect(decisions).toEqual([false]);
  });

  it("the tray's Stop, Start and Restart change the daemon as the menu says", async () => {
    const { fake, port } = await launch();
    await untilRunning(fake, port);
    expect(enabled(fake, 'Start')).toBe(false);

    click(fake, 'Stop');
    await vi.waitFor(() => expect(statusLine(fake)).toBe('Stopped'), { timeout: 20_000 });
    expect(await healthz(port)).toBe('refused');
    expect(fake.forks[0]!.exit).toEqual({ code: 0, signal: null });
    expect(fake.trays.at(-1)!.image.path).toBe(join(paths.trayIcons, 'tray-stopped.png'));
    expect([enabled(fake, 'Start'), enabled(fake, 'Stop'), enabled(fake, 'Restart')]).toEqual([
      true,
      false,
      false,
    ]);

    click(fake, 'Start');
    await untilRunning(fake, port);
    expect(await healthz(port)).toBe(200);
    expect(fake.forks).toHaveLength(2);

    click(fake, 'Restart');
    await vi.waitFor(() => expect(fake.forks).toHaveLength(3), { timeout: 20_000 });
    await untilRunning(fake, port);
    expect(fake.forks[1]!.exit).toEqual({ code: 0, signal: null });
    expect(fake.forks[2]!.exit).toBeUndefined();
    expect(await healthz(port)).toBe(200);
  });

  it('a second launch brings the first window forward instead of starting another app', async () => {
    const { fake, port } = await launch();
    await untilRunning(fake, port);
    click(fake, 'Open Dashboard');
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.loaded).toBe(paths.rendererIndex);
    await vi.waitFor(() => expect(win.visible).toBe(true));
    expect(
      (win.options.webPreferences as { sandbox: boolean; contextIsolation: boolean }).sandbox,
    ).toBe(true);

    win.minimize();
    fake.app.emit('second-instance', {}, ['exai'], '/');
    expect(fake.windows).toHaveLength(1);
    expect(win.isMinimized()).toBe(false);
    expect(win.focused).toBe(true);

    // The second process itself: it does not get the lock, so it quits before doing anything.
    const second = await launch({ holdsLock: false });
    expect(second.fake.app.exited).toBe(true);
    expect(second.fake.forks).toHaveLength(0);
    expect(second.fake.trays).toHaveLength(0);
  });

  it('Export CSV opens the save dialog on the dashboard and writes the daemon’s usage CSV there', async () => {
    const { fake, port, userData } = await launch();
    await untilRunning(fake, port);
    click(fake, 'Open Dashboard');
    const win = fake.windows[0]!;
    await vi.waitFor(() => expect(win.visible).toBe(true));
    win.focus();
    const exportCsv = (...args: unknown[]) =>
      fake.handlers.get('usage:export-csv')!(
        { sender: win.webContents, senderFrame: { parent: null } },
        ...args,
      );
    const target = join(userData, 'my-usage.csv');
    fake.saveAnswers.push(target);
    expect(await exportCsv(0, 0)).toEqual({ saved: true, path: target });
    expect(fake.saveDialogs).toHaveLength(1);
    expect(fake.saveDialogs[0]!.parent).toBe(win);
    expect(fake.saveDialogs[0]!.options).toMatchObject({
      title: 'Export CSV',
      defaultPath: expect.stringMatching(/downloads[/\\]exai-usage-\d{4}-\d\d-\d\d\.csv$/),
    });
    expect(readFileSync(target, 'utf8')).toBe(
      'day,provider,model,tool,client,requests,input_tokens,output_tokens,estimated,cost,currency\n',
    );
    // Closing the dialog saves nothing.
    expect(await exportCsv(0, 0)).toEqual({ saved: false });
  });

  it('Quit stops the daemon gracefully before the app exits', async () => {
    const { fake, port } = await launch();
    await untilRunning(fake, port);
    const daemon = fake.forks[0]!;
    click(fake, 'Quit EXAI');
    await vi.waitFor(() => expect(fake.app.exited).toBe(true), { timeout: 20_000 });
    // No call was running: nothing to confirm (test/main/inflight-guard.test.ts has the question).
    expect(fake.messageBoxes).toEqual([]);
    expect(daemon.exit).toEqual({ code: 0, signal: null });
    expect(fake.timeline).toEqual([
      'app.quit',
      `daemon ${daemon.pid} exited`,
      'app.quit',
      'app exited',
    ]);
    expect(await healthz(port)).toBe('refused');
  });
});
