import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { BaseWindow, MenuItemConstructorOptions } from 'electron';
import type { SaveDialogElectron } from '../../main/shell/save-to-file.ts';
import { FakeSafeStorage } from './fake-safe-storage.ts';

// Stands in for the parts of Electron's API main/app.ts uses, under plain Node. It records what
// the app asked for and does what Electron would do (emit its events, fork the utility process),
// and decides nothing: every decision stays in main/. utilityProcess.fork is child_process.fork,
// so the daemon is the real one; it talks to its parent over Node's IPC instead of parentPort,
// the one difference daemon/parent/messages.ts already handles.

type Timeline = string[];

export interface MessageBox {
  parent: unknown;
  options: { message: string; detail?: string; buttons: string[]; cancelId?: number };
  /** Clicks the button at this index. */
  answer(response: number): void;
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  dock = undefined;
  loginItems: Array<{ openAtLogin: boolean }> = [];
  exited = false;
  private readonly userData: string;
  private readonly holdsLock: boolean;
  private readonly timeline: Timeline;

  constructor(userData: string, holdsLock: boolean, timeline: Timeline) {
    super();
    this.userData = userData;
    this.holdsLock = holdsLock;
    this.timeline = timeline;
  }

  requestSingleInstanceLock(): boolean {
    return this.holdsLock;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(name: string): string {
    if (name === 'userData') return this.userData;
    // The MCP clients' configs and the Save dialog's folder: inside the test's folder, never the real home.
    if (name === 'home' || name === 'downloads') return `${this.userData}/${name}`;
    throw new Error(`fake electron: app.getPath('${name}') is not faked`);
  }
  getVersion(): string {
    return '0.1.0';
  }
  /** The test runs the app in English, whatever the machine's language. */
  getLocale(): string {
    return 'en-US';
  }
  getPreferredSystemLanguages(): string[] {
    return ['en-US'];
  }
  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    this.loginItems.push(settings);
  }
  /** Electron: 'before-quit' (cancellable), then 'will-quit' and the process exits. */
  quit(): void {
    this.timeline.push('app.quit');
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented || this.exited) return;
    this.emit('will-quit', { preventDefault: () => undefined });
    this.exited = true;
    this.timeline.push('app exited');
  }
}

class FakeWebContents extends EventEmitter {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: unknown;
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: unknown): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return false;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loaded: string | undefined;
  visible = false;
  minimized = false;
  focused = false;
  destroyed = false;
  readonly options: Record<string, unknown>;

  constructor(options: Record<string, unknown>, app: FakeApp) {
    super();
    this.options = options;
    app.emit('web-contents-created', {}, this.webContents);
  }
  /** Electron shows 'ready-to-show' once the page has rendered. */
  async loadFile(path: string): Promise<void> {
    this.loaded = path;
    setImmediate(() => this.emit('ready-to-show'));
  }
  async loadURL(url: string): Promise<void> {
    return this.loadFile(url);
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  minimize(): void {
    this.minimized = true;
    this.focused = false;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

class FakeTray extends EventEmitter {
  tooltip = '';
  menu: MenuItemConstructorOptions[] = [];
  destroyed = false;
  image: { path: string };
  constructor(image: { path: string }) {
    super();
    this.image = image;
  }
  setImage(image: { path: string }): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: { template: MenuItemConstructorOptions[] }): void {
    this.menu = menu.template;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

/** utilityProcess.fork, backed by child_process.fork with the options Electron would use. */
function forkUtility(
  modulePath: string,
  args: string[],
  options: { env: Record<string, string>; execArgv: string[] },
  forks: FakeUtilityProcess[],
  timeline: Timeline,
): FakeUtilityProcess {
  const child = fork(modulePath, args, {
    env: options.env,
    execArgv: options.execArgv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const proc = new FakeUtilityProcess(child, args, timeline);
  forks.push(proc);
  return proc;
}

export class FakeUtilityProcess extends EventEmitter {
  readonly pid: number | undefined;
  readonly stdout;
  readonly stderr;
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** The arguments the app started the daemon with. */
  readonly args: string[];
  private readonly child: ReturnType<typeof fork>;

  constructor(child: ReturnType<typeof fork>, args: string[], timeline: Timeline) {
    super();
    this.child = child;
    this.args = args;
    this.pid = child.pid;
    this.stdout = child.stdout;
    this.stderr = child.stderr;
    child.on('message', (m) => this.emit('message', m));
    child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      timeline.push(`daemon ${child.pid} exited`);
      // Electron reports only an exit code.
      this.emit('exit', code ?? 1);
    });
  }
  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as object);
  }
  kill(): boolean {
    return this.child.kill('SIGTERM');
  }
}

export interface FakeElectronOptions {
  userData: string;
  /** false: another instance already holds the single-instance lock. */
  holdsLock?: boolean;
}

export function createFakeElectron(options: FakeElectronOptions) {
  const timeline: Timeline = [];
  const app = new FakeApp(options.userData, options.holdsLock ?? true, timeline);
  const windows: FakeBrowserWindow[] = [];
  const trays: FakeTray[] = [];
  const forks: FakeUtilityProcess[] = [];
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const clipboardText: string[] = [];
  const openedExternal: string[] = [];
  const notifications: Array<{ title: string; body: string }> = [];
  let permissionHandler: unknown;
  /** Save dialogs the app opened, and what the user answers next (a path, or cancel). */
  const saveDialogs: Array<{ parent: unknown; options: Record<string, unknown> }> = [];
  const saveAnswers: Array<string | undefined> = [];
  /** Message boxes the app opened; each stays open until the test answers it with a button index. */
  const messageBoxes: MessageBox[] = [];

  const module = {
    app,
    BrowserWindow: class extends FakeBrowserWindow {
      constructor(o: Record<string, unknown>) {
        super(o, app);
        windows.push(this);
      }
      static getFocusedWindow(): FakeBrowserWindow | null {
        return windows.find((w) => w.focused && !w.destroyed) ?? null;
      }
    },
    dialog: {
      // Electron: showSaveDialog([window,] options); canceled when the user closes it.
      showSaveDialog: async (...args: unknown[]) => {
        const options = args.at(-1) as Record<string, unknown>;
        saveDialogs.push({ parent: args.length > 1 ? args[0] : undefined, options });
        const filePath = saveAnswers.shift();
        return { canceled: filePath === undefined, filePath };
      },
      // Electron: showMessageBox([window,] options) resolves with the index of the button clicked.
      showMessageBox: (...args: unknown[]) =>
        new Promise<{ response: number; checkboxChecked: boolean }>((resolve) => {
          const options = args.at(-1) as MessageBox['options'];
          messageBoxes.push({
            parent: args.length > 1 ? args[0] : undefined,
            options,
            answer: (response) => resolve({ response, checkboxChecked: false }),
          });
        }),
    },
    Tray: class extends FakeTray {
      constructor(image: { path: string }) {
        super(image);
        trays.push(this);
      }
    },
    Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }) },
    nativeImage: {
      createFromPath: (path: string) => ({ path, setTemplateImage: () => undefined }),
    },
    ipcMain: {
      handle: (channel: string, fn: (...args: unknown[]) => unknown) => handlers.set(channel, fn),
      removeHandler: (channel: string) => handlers.delete(channel),
      on: () => undefined, // electron-store registers a renderer data channel
    },
    safeStorage: new FakeSafeStorage(),
    session: {
      defaultSession: { setPermissionRequestHandler: (fn: unknown) => (permissionHandler = fn) },
    },
    shell: {
      openExternal: async (url: string) => void openedExternal.push(url),
      openPath: async () => '',
    },
    clipboard: { writeText: (text: string) => void clipboardText.push(text) },
    Notification: class {
      static isSupported = () => true;
      private readonly o: { title: string; body: string };
      constructor(o: { title: string; body: string }) {
        this.o = o;
      }
      show(): void {
        notifications.push(this.o);
      }
    },
    utilityProcess: {
      fork: (
        modulePath: string,
        args: string[],
        o: { env: Record<string, string>; execArgv: string[] },
      ) => forkUtility(modulePath, args, o, forks, timeline),
    },
  };
  return {
    module: { ...module, default: module },
    app,
    windows,
    trays,
    forks,
    handlers,
    clipboardText,
    notifications,
    timeline,
    permissionHandler: () => permissionHandler,
    saveDialogs,
    saveAnswers,
    messageBoxes,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** The fake's dialog, focused window and folders, as main/shell/save-to-file.ts takes them from Electron. */
export function saveDialogOf(fake: FakeElectron): SaveDialogElectron {
  return {
    dialog: fake.module.dialog,
    focusedWindow: () =>
      fake.module.BrowserWindow.getFocusedWindow() as unknown as BaseWindow | null,
    getPath: (name) => fake.app.getPath(name),
  };
}
