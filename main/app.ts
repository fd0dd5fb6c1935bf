import { join, sep } from 'node:path';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  safeStorage,
  session,
  shell,
  Tray,
  utilityProcess,
  type WebContents,
} from 'electron';
import Store from 'electron-store';
import { autoUpdater } from 'electron-updater';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AppPaths } from './app-paths.ts';
import { findNode } from './supervision/find-node.ts';
import { createDesktopCore, type DesktopCore } from './desktop-core.ts';
import { ElectronLauncher } from './supervision/electron-launcher.ts';
import { tr } from './i18n.ts';
import { isAllowedExternalUrl } from './shell/external-links.ts';
import { registerIpc } from './ipc/ipc-main.ts';
import { callToolOverWs } from './smoke/mcp-ws-call.ts';
import { SecretBox } from './settings/secrets.ts';
import { openSettingsFile, type SettingsBackend } from './settings/settings-file.ts';
import {
  SETTINGS_FILE_NAME,
  settingsStoreOptions,
  type StoredSettings,
} from './settings/settings-schema.ts';
import { InflightGuard, inflightOf } from './shell/inflight-guard.ts';
import { TrayController } from './shell/tray.ts';
import { trayMenu, type TrayAction, type TrayInput } from './shell/tray-menu.ts';
import {
  processAlive,
  reportStartupFailure,
  runSmokeTest,
  wantsSmokeTest,
} from './smoke/smoke-test.ts';
import type { Updater } from './updates/update-controller.ts';
import { readCodesign, updateUnsupportedReason } from './updates/update-support.ts';
import { TrustedSenders } from './ipc/trusted-senders.ts';
import { hardenWebContents } from './shell/web-security.ts';
import { DashboardWindow } from './shell/window.ts';

// The composition root inside Electron: only wiring, every decision lives in the modules it uses.
// test/main/app-wiring.test.ts runs it under Node with a recording fake of the electron module.

export function runApp(paths: AppPaths): void {
  // --smoke-test (CI only): a throwaway profile, so neither the user's settings nor a running
  // instance are touched; see main/smoke/smoke-test.ts.
  const smoke = wantsSmokeTest(process.argv);
  if (smoke) app.setPath('userData', mkdtempSync(join(app.getPath('temp'), 'exai-smoke-')));
  // macOS installs only Developer ID-signed updates: read the signature while the app starts.
  const codesign =
    process.platform === 'darwin' && app.isPackaged && !smoke
      ? readCodesign(process.execPath)
      : undefined;
  // A second launch hands over to the running instance (which shows its window) and exits.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // electron-builder unpacks the daemon bundle (asarUnpack): the utility process and stdio
  // clients' own Node load it from app.asar.unpacked.
  const daemonEntry = paths.daemonEntry.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);
  const openExternal = (url: string): void => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
  };
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, openExternal));

  let core: DesktopCore | undefined;
  let window: DashboardWindow | undefined;
  app.on('second-instance', () => window?.show());
  // Closing the window keeps the app in the tray.
  app.on('window-all-closed', () => {});

  let quitting = false;
  // Stop, Restart and Quit ask first while calls are running (the window's Stop/Restart ask in the page).
  const guard = new InflightGuard({
    electron: { dialog, focusedWindow: () => BrowserWindow.getFocusedWindow() },
    inflight: () => inflightOf(core?.supervisor.lastStatus ?? null),
    t: tr,
  });
  // The user's Quit (tray, window); before-quit below stays the drain for every quit, updates included.
  const quitApp = (): void => void guard.run('quit', () => app.quit());
  // The one drain path: Quit, an update's restart and the smoke test all stop the daemon this way.
  const drain = async (): Promise<void> => {
    await core?.dispose();
  };
  app.on('before-quit', (event) => {
    if (quitting || !core) return;
    // Stop the daemon gracefully first, then quit for real.
    event.preventDefault();
    quitting = true;
    void drain().finally(() => app.quit());
  });

  void app
    .whenReady()
    .then(async () => {
      if (process.platform === 'darwin') app.dock?.hide(); // a menu-bar app, no Dock icon
      // The dashboard needs no camera, notifications or the like: refuse every permission prompt.
      session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));

      const userData = app.getPath('userData');
      const settings = openSettingsFile<SettingsBackend>(
        () =>
          new Store<StoredSettings>({
            ...settingsStoreOptions,
            name: SETTINGS_FILE_NAME,
          }) as unknown as SettingsBackend,
        join(userData, `${SETTINGS_FILE_NAME}.json`),
      );
      core = await createDesktopCore({
        launcher: new ElectronLauncher({
          fork: (m, a, o) => utilityProcess.fork(m, a, o),
          entry: daemonEntry,
        }),
        settings,
        safeStorage,
        // Its own folder: the daemon reads <dataDir>/config.json, which must not be our settings.
        dataDir: join(userData, 'daemon'),
        clipboard,
        openPath: (p) => shell.openPath(p),
        // Every "save as" (Export CSV, Save diagnostics, log export): main/shell/save-to-file.ts.
        saveDialog: {
          dialog,
          focusedWindow: () => BrowserWindow.getFocusedWindow(),
          getPath: (name) => app.getPath(name),
        },
        // runAsNode is fused off, so stdio clients run the bundled bridge with their own Node.
        bridge: {
          command: findNode(process.env.PATH, process.platform, existsSync) ?? 'node',
          args: [daemonEntry, 'bridge'],
        },
        // The user's ordered list first; getLocale() (the UI locale Chromium picked) as the fallback.
        systemLanguages: [...app.getPreferredSystemLanguages(), app.getLocale()],
        // Where MCP clients keep their configs; the record of the files this app wrote stays with its settings.
        clients: {
          places: {
            home: app.getPath('home'),
            platform: process.platform,
            appData: process.env.APPDATA,
          },
          recordFile: join(userData, 'clients-written.json'),
        },
        notify: (title, body) => {
          if (Notification.isSupported()) new Notification({ title, body }).show();
        },
        diagnostics: {
          versions: {
            app: app.getVersion(),
            electron: process.versions.electron,
            chrome: process.versions.chrome,
          },
        },
        updates: smoke
          ? undefined
          : {
              updater: autoUpdater satisfies Updater,
              currentVersion: app.getVersion(),
              unsupported: updateUnsupportedReason({
                packaged: app.isPackaged,
                platform: process.platform,
                codesign: await codesign,
              }),
            },
        about: {
          appVersion: app.getVersion(),
          electronVersion: process.versions.electron ?? '—',
          nodeVersion: process.versions.node,
          chromeVersion: process.versions.chrome ?? '—',
          platform: process.platform,
          license: 'MIT',
        },
        quit: quitApp,
      });
      const c = core;

      const trusted = new TrustedSenders<WebContents>();
      registerIpc(ipcMain, c.ipc, trusted);
      window = new DashboardWindow({
        createWindow: (o) => new BrowserWindow(o),
        preloadPath: paths.preload,
        iconPath: process.platform === 'linux' ? paths.appIcon : undefined,
        onCreated: (win) => trusted.add(win.webContents),
        load: async (win) => {
          const devUrl = process.env.EXAI_RENDERER_URL;
          if (!app.isPackaged && devUrl) await win.loadURL(devUrl);
          else await win.loadFile(paths.rendererIndex);
        },
      });
      const win = window;

      const onAction = (action: TrayAction): void => {
        switch (action) {
          case 'start':
            void c.supervisor.start();
            break;
          case 'stop':
            void guard.run('stop', () => void c.supervisor.stop());
            break;
          case 'restart':
            void guard.run('restart', () => void c.supervisor.restart());
            break;
          case 'open-dashboard':
            win.show();
            break;
          case 'copy-url':
            clipboard.writeText(c.connectInfo().wsUrl);
            break;
          case 'toggle-login':
            void c.settings.update({ startAtLogin: !c.settings.values.startAtLogin });
            break;
          case 'install-update':
            if (c.updates.state.state === 'downloaded') c.updates.install(); // the user's click is the consent
            break;
          case 'quit':
            quitApp();
            break;
        }
      };
      const tray = new TrayController({
        electron: {
          createTray: (image) => new Tray(image),
          buildMenu: (template) => Menu.buildFromTemplate(template),
          loadImage: (p) => nativeImage.createFromPath(p),
        },
        iconDir: paths.trayIcons,
        platform: process.platform,
        onAction,
      });
      let sessions = 0;
      const trayInput = (): TrayInput => ({
        daemon: c.supervisor.state,
        sessions,
        startAtLogin: c.settings.values.startAtLogin,
        now: Date.now(),
        update: c.updates.state,
        t: tr,
      });
      const refresh = (): void => tray.update(trayInput());
      c.supervisor.on('state', refresh);
      c.updates.on('state', refresh);
      c.supervisor.on('status', (s) => {
        if (s.sessions.length !== sessions) {
          sessions = s.sessions.length;
          refresh();
        }
      });
      c.settings.on('changed', ({ previous, next }) => {
        if (previous.startAtLogin !== next.startAtLogin) {
          // macOS and Windows only; Electron has no login items on Linux.
          if (process.platform !== 'linux')
            app.setLoginItemSettings({ openAtLogin: next.startAtLogin });
          refresh();
        }
        // desktop-core switched main's language first (it subscribed earlier): rebuild the menu in it.
        if (previous.language !== next.language) refresh();
      });
      if (process.platform !== 'linux' && !smoke)
        app.setLoginItemSettings({ openAtLogin: c.settings.values.startAtLogin });
      refresh();
      if (smoke) {
        const code = await runSmokeTest(
          {
            daemonEntry,
            packaged: app.isPackaged,
            fileExists: existsSync,
            startDaemon: () => c.supervisor.start(),
            token: () => c.settings.token(),
            fetch: (url) => fetch(url),
            callTool: (url, token, tool) => callToolOverWs(url, token, tool),
            secrets: new SecretBox(safeStorage, process.platform),
            buildTray: () => {
              refresh();
              return trayMenu(trayInput());
            },
            drain,
            daemonState: () => c.supervisor.state,
            processAlive,
          },
          { log: (l) => console.log(l), error: (l) => console.error(l) },
        );
        quitting = true;
        // The throwaway profile goes with the run; Chromium may still hold a file or two on Windows.
        try {
          rmSync(app.getPath('userData'), { recursive: true, force: true });
        } catch {
          // a leftover temp folder is harmless
        }
        app.exit(code);
        return;
      }
      void c.supervisor.start();
      // After the daemon's start is under way, never before it, and never awaited.
      c.updates.start();
    })
    .catch((error: unknown) => {
      // The smoke test must end with a verdict, never hang the CI job; a normal start rethrows.
      if (!smoke) throw error;
      app.exit(
        reportStartupFailure(error, { log: (l) => console.log(l), error: (l) => console.error(l) }),
      );
    });
}
