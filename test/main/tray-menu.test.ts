import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { setLanguagePreference, tr, translator } from '../../main/i18n.ts';
import { TrayController, type TrayElectron } from '../../main/shell/tray.ts';
import {
  trayIconFile,
  trayIconKind,
  trayMenu,
  type TrayAction,
  type TrayInput,
  type TrayItem,
} from '../../main/shell/tray-menu.ts';
import type { DaemonState, SupervisorStateName } from '../../preload/api.ts';

const NOW = 1_000_000;
const states: Record<SupervisorStateName, DaemonState> = {
  stopped: { state: 'stopped', restarts: 0, since: NOW },
  starting: { state: 'starting', restarts: 0, since: NOW },
  running: {
    state: 'running',
    restarts: 0,
    since: NOW,
    endpoint: 'ws://127.0.0.1:8765',
    port: 8765,
    pid: 42,
  },
  stopping: { state: 'stopping', restarts: 0, since: NOW },
  crashed: {
    state: 'crashed',
    restarts: 1,
    since: NOW,
    reason: 'The daemon was killed (SIGKILL).',
    reasonCode: 'exit',
  },
  'backing-off': {
    state: 'backing-off',
    restarts: 1,
    since: NOW,
    nextRetryAt: NOW + 4_000,
    reason:
      'Port 8765 is already in use by another program. Close it or choose another port in Settings.',
    reasonCode: 'port-in-use',
  },
  failed: {
    state: 'failed',
    restarts: 4,
    since: NOW,
    reason: 'Stopped retrying after 5 crashes within 60 s.',
    reasonCode: 'crash-loop',
  },
};

const input = (state: SupervisorStateName, extra: Partial<TrayInput> = {}): TrayInput => ({
  daemon: states[state],
  sessions: 3,
  startAtLogin: false,
  now: NOW,
  t: translator('en'),
  ...extra,
});
const zh = (state: SupervisorStateName, extra: Partial<TrayInput> = {}): TrayInput =>
  input(state, { t: translator('zh-CN'), ...extra });

function enabled(items: TrayItem[]): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const i of items) if (i.kind === 'action') out[i.action] = i.enabled;
  return out;
}
const status = (items: TrayItem[]): string => (items[0]?.kind === 'status' ? items[0].label : '');

describe('tray menu', () => {
  // [state, status line, Start, Stop, Restart, Copy URL, icon]
  const table: Array<
    [SupervisorStateName, string | RegExp, boolean, boolean, boolean, boolean, string]
  > = [
    ['stopped', 'Stopped', true, false, false, false, 'stopped'],
    ['starting', 'Starting…', false, true, false, false, 'stopped'],
    ['running', 'Running · ws://127.0.0.1:8765 · 3 sessions', false, true, true, true, 'running'],
    ['stopping', 'Stopping…', false, false, false, false, 'stopped'],
    ['crashed', 'Crashed: The daemon was killed (SIGKILL).', true, true, false, false, 'error'],
    [
      'backing-off',
      /^Restarting in 4 s · Port 8765 is already in use/,
      true,
      true,
      false,
      false,
      'error',
    ],
    [
      'failed',
      'Failed: Stopped retrying after 5 crashes within 60 s.',
      true,
      false,
      false,
      false,
      'error',
    ],
  ];

  it.each(table)('%s', (state, line, start, stop, restart, copy, icon) => {
    const items = trayMenu(input(state));
    if (typeof line === 'string') expect(status(items)).toBe(line);
    else expect(status(items)).toMatch(line);
    expect(enabled(items)).toEqual({
      start,
      stop,
      restart,
      'open-dashboard': true,
      'copy-url': copy,
      quit: true,
    });
    expect(trayIconKind(states[state])).toBe(icon);
    expect(
      items.map((i) => (i.kind === 'status' || i.kind === 'separator' ? i.kind : i.label)),
    ).toEqual([
      'status',
      'separator',
      'Start',
      'Stop',
      'Restart',
      'separator',
      'Open Dashboard',
      'Copy Connection URL',
      'Start at Login',
      'separator',
      'Quit EXAI',
    ]);
  });

  it('shows the endpoint without the trailing slash the daemon reports', () => {
    const daemon = { ...states.running, endpoint: 'ws://127.0.0.1:8765/' };
    expect(status(trayMenu({ ...input('running'), daemon }))).toBe(
      'Running · ws://127.0.0.1:8765 · 3 sessions',
    );
  });

  it('says "1 session" in the singular and shortens a long failure reason', () => {
    expect(status(trayMenu(input('running', { sessions: 1 })))).toBe(
      'Running · ws://127.0.0.1:8765 · 1 session',
    );
    const long = { ...states.failed, reason: 'x'.repeat(500) };
    expect(status(trayMenu({ ...input('failed'), daemon: long })).length).toBeLessThan(100);
  });

  it('shows Start at Login as a checkbox reflecting the setting', () => {
    const item = trayMenu(input('running', { startAtLogin: true })).find(
      (i) => i.kind === 'checkbox',
    );
    expect(item).toMatchObject({ action: 'toggle-login', checked: true });
  });

  it('has an icon file for every state on every platform', () => {
    const dir = resolve(import.meta.dirname, '../../resources/tray');
    for (const kind of ['running', 'stopped', 'error'] as const) {
      for (const platform of ['darwin', 'win32', 'linux'] as const) {
        expect(existsSync(join(dir, trayIconFile(kind, platform)))).toBe(true);
      }
      expect(existsSync(join(dir, `tray-${kind}Template@2x.png`))).toBe(true);
    }
    expect(trayIconFile('error', 'win32')).toBe('tray-error.ico');
    expect(trayIconFile('running', 'darwin')).toBe('tray-runningTemplate.png');
  });
});

describe('tray menu in Simplified Chinese', () => {
  const labels = (items: TrayItem[]) =>
    items
      .filter((i) => i.kind === 'action' || i.kind === 'checkbox')
      .map((i) => ('label' in i ? i.label : ''));

  it('labels every item in Chinese', () => {
    expect(labels(trayMenu(zh('running')))).toEqual([
      '启动',
      '停止',
      '重启',
      '打开控制台',
      '复制连接地址',
      '开机自启',
      '退出 EXAI',
    ]);
  });

  // [state, status line]: zh has one plural form, so 1 and 3 sessions read alike.
  const table: Array<[SupervisorStateName, Partial<TrayInput>, string]> = [
    ['running', {}, '运行中 · ws://127.0.0.1:8765 · 3 个会话'],
    ['running', { sessions: 1 }, '运行中 · ws://127.0.0.1:8765 · 1 个会话'],
    ['starting', {}, '正在启动…'],
    ['stopping', {}, '正在停止…'],
    ['stopped', {}, '已停止'],
  ];
  it.each(table)('%s %o', (state, extra, line) => {
    expect(status(trayMenu(zh(state, extra)))).toBe(line);
  });

  it("shows the daemon's reason in Chinese when the state carries it as a message", () => {
    const backingOff = {
      ...states['backing-off'],
      reasonMessage: { key: 'reason.port-in-use', params: { port: 8765 } },
    };
    expect(status(trayMenu({ ...zh('backing-off'), daemon: backingOff }))).toBe(
      '4 秒后重启 · 端口 8765 已被其他程序占用。请关闭该程序，或在设置中换一个端口。',
    );
    const failed = {
      ...states.failed,
      reasonMessage: {
        key: 'reason.crashLoop',
        params: { count: 5, windowS: 60 },
        cause: { key: 'reason.exitedDetail', params: { code: '1', detail: 'boom' } },
      },
    };
    expect(status(trayMenu({ ...zh('failed'), daemon: failed }))).toBe(
      '启动失败：60 秒内崩溃 5 次，已停止自动重试。守护进程已退出，退出码 1：boom',
    );
    expect(status(trayMenu({ ...input('failed'), daemon: failed }))).toBe(
      'Failed: Stopped retrying after 5 crashes within 60 s. The daemon exited with code 1: boom',
    );
  });

  it('follows the Settings language through the main process translator', () => {
    setLanguagePreference('zh-CN');
    try {
      expect(status(trayMenu(input('stopped', { t: tr })))).toBe('已停止');
      setLanguagePreference('en');
      expect(status(trayMenu(input('stopped', { t: tr })))).toBe('Stopped');
    } finally {
      setLanguagePreference('system');
    }
  });
});

describe('TrayController (fake Electron)', () => {
  function fakeElectron() {
    const log: {
      menus: MenuItemConstructorOptions[][];
      images: string[];
      clicks: Map<string, () => void>;
      template: boolean[];
    } = {
      menus: [],
      images: [],
      clicks: new Map(),
      template: [],
    };
    const tray = {
      on: (ev: string, fn: () => void) => log.clicks.set(ev, fn),
      setImage: (img: { path: string }) => log.images.push(img.path),
      setToolTip: () => {},
      setContextMenu: (m: { template: MenuItemConstructorOptions[] }) => log.menus.push(m.template),
      destroy: () => {},
    };
    const electron = {
      createTray: (img: { path: string }) => (log.images.push(img.path), tray),
      buildMenu: (template: MenuItemConstructorOptions[]) => ({ template }),
      loadImage: (path: string) => ({
        path,
        setTemplateImage: (v: boolean) => log.template.push(v),
      }),
    } as unknown as TrayElectron;
    return { electron, log };
  }

  it('sets a fresh menu on every change, swaps the icon by state, and routes clicks', () => {
    const { electron, log } = fakeElectron();
    const actions: TrayAction[] = [];
    const tc = new TrayController({
      electron,
      iconDir: '/res/tray',
      platform: 'win32',
      onAction: (a) => actions.push(a),
    });
    tc.update(input('starting'));
    tc.update(input('running'));
    tc.update(input('running', { sessions: 4 }));
    expect(log.menus).toHaveLength(3);
    expect(log.images).toEqual(['/res/tray/tray-stopped.ico', '/res/tray/tray-running.ico']);
    expect(log.menus[2]?.[0]?.label).toBe('Running · ws://127.0.0.1:8765 · 4 sessions');
    log.menus[2]?.find((m) => m.label === 'Restart')?.click?.({} as never, undefined, {} as never);
    log.clicks.get('click')?.(); // Windows left click
    expect(actions).toEqual(['restart', 'open-dashboard']);
  });

  it('uses Template images on macOS', () => {
    const { electron, log } = fakeElectron();
    const tc = new TrayController({
      electron,
      iconDir: '/r',
      platform: 'darwin',
      onAction: () => {},
    });
    tc.update(input('failed'));
    expect(log.images).toEqual(['/r/tray-errorTemplate.png']);
    expect(log.template).toEqual([true]);
    expect(log.clicks.has('click')).toBe(false);
  });
});
