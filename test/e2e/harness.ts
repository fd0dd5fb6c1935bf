import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { eventChannels, type LanguagePreference } from '../../preload/api.ts';
import { createDesktopCore, type DesktopCore } from '../../main/desktop-core.ts';
import { createInvokeRouter } from '../../main/ipc/ipc-router.ts';
import { NodeLauncher } from '../../main/supervision/node-launcher.ts';
import type { SafeStorageLike } from '../../main/settings/secrets.ts';
import { settingsDefaults, type StoredSettings } from '../../main/settings/settings-schema.ts';
import { FakeProvider } from '../fixtures/fake-provider.ts';
import { EXAI_ENTRY, freePort } from '../helpers/daemon.ts';
import { installExaiShim, type ShimWindow } from './exai-shim.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

// The dashboard's test bench: the real desktop core (settings store, supervisor, NodeLauncher
// forking the real daemon, IPC handlers behind the same argument-checking router as the app)
// with fake providers as Kimi and GLM. Only Electron's transport is replaced: invoke goes through
// a Playwright binding, pushes through page.evaluate into the window.exai shim.

const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_DIST = join(REPO, 'dist', 'renderer');
export const KIMI_KEY = 'sk-kimi-e2e-0123456789abcdef';
export const GLM_KEY = 'sk-glm-e2e-0123456789abcdef';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Reversible, like safeStorage; reports an OS keychain so keys can be saved without consent. */
const fakeSafeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (buf) => Buffer.from(buf.map((b) => b ^ 0x5a)).toString('utf8'),
  getSelectedStorageBackend: () => 'gnome_libsecret',
};

export interface HarnessOptions {
  /** Save these keys before the daemon starts (default: none, as on a first run). */
  keys?: { kimi?: string; glm?: string };
  /** Start the daemon before the page opens (default true). */
  start?: boolean;
  /** The supervisor's first retry delay after a crash (default 1 s). */
  retryDelayMs?: number;
  /** Crashes within a minute before the supervisor gives up and shows "failed" (default 5). */
  maxCrashes?: number;
  /** The OS's preferred languages, as Electron would report them (default: en-US). */
  systemLanguages?: string[];
  /** Settings → Language in the stored settings (default: 'system'). */
  language?: LanguagePreference;
  /** As when the app found no Node: the bridge command is a bare `node` (default false). */
  bareNode?: boolean;
  /** Open as a new user would: the first-run setup not yet finished nor skipped (default false). */
  firstRun?: boolean;
  /** The OS the About view and Settings see (default 'linux', where Start at Login is hidden). */
  reportedPlatform?: NodeJS.Platform;
  /** Show the one-time "closing keeps EXAI in the tray" note (default: already seen). */
  trayNote?: boolean;
}

export interface Harness {
  core: DesktopCore;
  kimi: FakeProvider;
  glm: FakeProvider;
  page: Page;
  /** What the dashboard copied, newest last. */
  clipboard: string[];
  /** Folders the dashboard asked the OS to open. */
  openedPaths: string[];
  /** Files the dashboard saved through the save dialog (which answers a path in the data folder). */
  savedFiles: string[];
  /** The daemon's data folder (exai.db, logs, token). */
  dataDir: string;
  /** A temporary home folder: the MCP clients' config files live under it, never in the real home. */
  home: string;
  /** Desktop notifications the app showed (title and body). */
  notifications: Array<{ title: string; body: string }>;
  /** What the Save dialog answers: a path, or undefined for Cancel. */
  saveAs: { path: string | undefined };
  /** How many times the window asked the app to quit. */
  quits: number;
  /** Every IPC call the page made (channel and arguments), oldest first. */
  ipcCalls: Array<{ channel: string; args: unknown[] }>;
  /** console errors and uncaught exceptions in the page (a CSP violation lands here too). */
  pageErrors: string[];
  port: number;
  open(page?: string): Promise<void>;
  connectClient(name: string, version: string): Promise<Client>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const cleanups: Array<() => Promise<void> | void> = [];
  const close = async () => {
    for (const c of cleanups.splice(0).reverse()) await Promise.resolve(c()).catch(() => undefined);
  };
  try {
    const kimi = new FakeProvider({ apiKey: KIMI_KEY });
    const glm = new FakeProvider({ apiKey: GLM_KEY });
    kimi.models = ['kimi-k2-0905-preview', 'kimi-k2-turbo-preview', 'moonshot-v1-8k'];
    glm.models = ['glm-4.6', 'glm-4.5-air', 'glm-4.5-flash'];
    const [kimiUrl, glmUrl] = await Promise.all([kimi.start(), glm.start()]);
    cleanups.push(
      () => kimi.stop(),
      () => glm.stop(),
    );

    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'exai-e2e-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const stored: StoredSettings = structuredClone({
      ...settingsDefaults,
      port,
      baseUrls: { kimi: kimiUrl, glm: glmUrl },
      language: options.language ?? 'system',
      firstRunDone: !options.firstRun,
    });
    const home = mkdtempSync(join(tmpdir(), 'exai-e2e-home-'));
    cleanups.push(() => rmSync(home, { recursive: true, force: true }));
    const notifications: Array<{ title: string; body: string }> = [];
    const saveAs: { path: string | undefined } = { path: undefined };
    const clipboard: string[] = [];
    const openedPaths: string[] = [];
    let quits = 0;
    const savedFiles: string[] = [];
    const core = await createDesktopCore({
      launcher: new NodeLauncher({ entry: EXAI_ENTRY }),
      settings: { backend: { store: stored } },
      safeStorage: fakeSafeStorage,
      platform: 'linux',
      dataDir,
      clipboard: { writeText: (t) => void clipboard.push(t) },
      openPath: async (p) => {
        openedPaths.push(p);
        return '';
      },
      // The save dialog: Export CSV saves under the suggested name in dataDir; Save diagnostics
      // and the log export save where the test says (saveAs.path; undefined = Cancel).
      saveDialog: {
        dialog: {
          showSaveDialog: async (...args) => {
            const options = args.at(-1) as {
              defaultPath: string;
              filters: Array<{ extensions: string[] }>;
            };
            if (options.filters[0]?.extensions.includes('csv')) {
              const filePath = join(dataDir, basename(options.defaultPath));
              savedFiles.push(filePath);
              return { canceled: false, filePath };
            }
            return saveAs.path ? { canceled: false, filePath: saveAs.path } : { canceled: true };
          },
        },
        focusedWindow: () => null,
        getPath: () => join(dataDir, 'downloads'),
      },
      // As from a checkout: the project's own Node 24 running bin/exai.js.
      bridge: {
        command: options.bareNode ? 'node' : process.execPath,
        args: [join(REPO, 'bin', 'exai.js'), 'bridge'],
      },
      supervisor: {
        crashPolicy: {
          initialDelayMs: options.retryDelayMs ?? 1_000,
          ...(options.maxCrashes && { maxCrashes: options.maxCrashes }),
        },
      },
      baseEnv: process.env,
      systemLanguages: options.systemLanguages ?? ['en-US'],
      clients: {
        places: { home, platform: 'linux' },
        recordFile: join(dataDir, 'userData', 'clients-written.json'),
      },
      notify: (title, body) => void notifications.push({ title, body }),
      diagnostics: {
        versions: { app: '0.0.0-e2e', electron: '43.8.12', chrome: '146.0.7680.80' },
      },
      about: {
        appVersion: '0.1.0-e2e',
        electronVersion: '43.8.12',
        nodeVersion: process.versions.node,
        chromeVersion: '146.0.7680.80',
        platform: options.reportedPlatform ?? 'linux',
        license: 'MIT',
      },
      quit: () => void quits++,
    });
    cleanups.push(() => core.dispose());
    if (options.keys?.kimi) await core.settings.setKey('kimi', options.keys.kimi);
    if (options.keys?.glm) await core.settings.setKey('glm', options.keys.glm);
    if (options.start !== false) {
      const state = await core.supervisor.start();
      if (state.state !== 'running')
        throw new Error(`daemon did not start: ${state.reason ?? state.state}`);
    }

    const site: StaticServer = await serveStatic(RENDERER_DIST);
    cleanups.push(() => site.close());
    const browser: Browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    cleanups.push(() => browser.close());
    const context: BrowserContext = await browser.newContext({
      viewport: { width: 1280, height: 860 },
    });
    const route = createInvokeRouter(core.ipc.handlers, () => true);
    const ipcCalls: Array<{ channel: string; args: unknown[] }> = [];
    await context.exposeBinding('__exaiInvoke', (_source, channel: string, args: unknown[]) => {
      ipcCalls.push({ channel, args });
      return route(1, channel, args);
    });
    await context.addInitScript(installExaiShim);
    if (!options.trayNote) {
      await context.addInitScript(() => {
        try {
          // Once per browser profile, like a user who has seen it; a test may remove it again.
          if (!window.localStorage.getItem('exai.e2eProfile')) {
            window.localStorage.setItem('exai.e2eProfile', '1');
            window.localStorage.setItem('exai.trayNoteSeen', '1');
          }
        } catch {
          // about:blank has no storage; the dashboard's own origin does
        }
      });
    }

    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    // Pushes go to the page in the order they were emitted, like webContents.send.
    for (const event of eventChannels) {
      const off = core.ipc.events.on(event, (payload) => {
        page
          .evaluate(([e, p]) => (window as unknown as ShimWindow).__exaiEmit(e, p), [
            event,
            payload,
          ] as const)
          .catch(() => undefined); // the page may be navigating; it re-reads state on load
      });
      cleanups.push(off);
    }

    const clients: Client[] = [];
    cleanups.push(async () => {
      for (const c of clients) await c.close().catch(() => undefined);
    });

    return {
      core,
      kimi,
      glm,
      page,
      clipboard,
      openedPaths,
      savedFiles,
      dataDir,
      home,
      notifications,
      saveAs,
      get quits() {
        return quits;
      },
      ipcCalls,
      pageErrors,
      port,
      open: async (name = 'overview') => {
        // Always a fresh document: a hash-only change would keep the old page state and focus.
        await page.goto('about:blank');
        await page.goto(`${site.url}#/${name}`);
        await page.locator('#page-title').waitFor();
      },
      connectClient: async (name, version) => {
        const client = new Client({ name, version });
        const url = new URL(`ws://127.0.0.1:${port}/`);
        url.searchParams.set('token', core.settings.token());
        await client.connect(new WebSocketClientTransport(url));
        clients.push(client);
        return client;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
