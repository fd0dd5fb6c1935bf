import { join } from 'node:path';
import type { AppInfo, ConnectInfo } from '../preload/api.ts';
import type { ClientService } from './clients/client-service.ts';
import { createDesktopServices, type DesktopServicesOptions } from './desktop-services.ts';
import { createIpcHandlers, type IpcDeps, type IpcService } from './ipc/ipc-handlers.ts';
import type { Launcher } from './supervision/launcher.ts';
import { LogBuffer } from './supervision/log-buffer.ts';
import { setLanguagePreference, setSystemLanguages } from './i18n.ts';
import { notice, NoticeBoard } from './ipc/notices.ts';
import { createProviderTester } from './ipc/provider-test.ts';
import { createUsageService } from './ipc/usage-service.ts';
import { SecretBox, type SafeStorageLike } from './settings/secrets.ts';
import type { OpenedSettings, SettingsBackend } from './settings/settings-file.ts';
import { SettingsStore } from './settings/settings-store.ts';
import { SettingsSync } from './settings/settings-sync.ts';
import { FileSaver, NO_SAVE_DIALOG, type SaveDialogElectron } from './shell/save-to-file.ts';
import { Supervisor, type LaunchSpec, type SupervisorOptions } from './supervision/supervisor.ts';
import { UpdateController, type UpdateControllerOptions } from './updates/update-controller.ts';

// Everything the app is, minus Electron: the composition main/app.ts uses inside Electron and the
// renderer's Playwright harness uses under plain Node (with NodeLauncher and a fake safeStorage).

export interface DesktopCoreOptions extends DesktopServicesOptions {
  launcher: Launcher;
  settings: OpenedSettings<SettingsBackend>;
  safeStorage: SafeStorageLike;
  /** The daemon's data folder (its logs, discovery file); not the settings folder. */
  dataDir: string;
  clipboard: IpcDeps['clipboard'];
  openPath: IpcDeps['openPath'];
  /** Electron's save dialog, the focused window and app.getPath, for every "save as" (Export CSV, Save diagnostics, log export). Without it, nothing is saved. */
  saveDialog?: SaveDialogElectron;
  /** How stdio-only clients (Claude Desktop) start the bridge. */
  bridge: { command: string; args: string[] };
  supervisor?: Partial<Omit<SupervisorOptions, 'launcher' | 'launchSpec'>>;
  baseEnv?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  /** The OS's preferred languages, most preferred first (Electron: getPreferredSystemLanguages). */
  systemLanguages?: readonly string[];
  /** The auto-updater (the app passes electron-updater's); absent = a dev run that cannot update. */
  updates?: Omit<UpdateControllerOptions, 'enabled'>;
  /** Versions and licence for the About view (the app passes Electron's; folders are added here). */
  about?: Omit<AppInfo, 'dataDir' | 'logDir'>;
  /** Quits the app (the window's Quit item). */
  quit?: () => void;
}

export interface DesktopCore {
  supervisor: Supervisor;
  settings: SettingsStore;
  notices: NoticeBoard;
  logs: LogBuffer;
  ipc: IpcService;
  updates: UpdateController;
  /** One-click setup of MCP clients (the Connect page). */
  clients: ClientService;
  connectInfo(): ConnectInfo;
  /** Stops the daemon gracefully and releases everything. */
  dispose(): Promise<void>;
}

export async function createDesktopCore(o: DesktopCoreOptions): Promise<DesktopCore> {
  const notices = new NoticeBoard();
  const settings = new SettingsStore({
    backend: o.settings.backend,
    secrets: new SecretBox(o.safeStorage, o.platform),
  });
  await settings.init();
  // The main process speaks the language the tray and windows show; Settings can change it live.
  setSystemLanguages(o.systemLanguages ?? []);
  setLanguagePreference(settings.values.language);
  settings.on('changed', ({ next }) => setLanguagePreference(next.language));
  if (o.settings.recovered) {
    notices.add(
      notice('settings-reset', 'warn', {
        key: 'notice.settingsReset',
        params: { backupPath: o.settings.recovered.backupPath },
      }),
    );
  }
  addEncryptionNotice(notices, settings);
  settings.on('changed', () => addEncryptionNotice(notices, settings));

  // launchSpec is only called at start(), after `sync` exists.
  const supervisor: Supervisor = new Supervisor({
    ...o.supervisor,
    launcher: o.launcher,
    launchSpec: (): LaunchSpec => sync.launchSpec(),
  });
  const sync: SettingsSync = new SettingsSync({
    settings,
    supervisor,
    dataDir: o.dataDir,
    baseEnv: o.baseEnv,
  });
  // A legacy client rotated the token: store it, or the next start would pass the old one again.
  supervisor.on('token-rotated', (token) => {
    settings.adoptToken(token).catch((error: unknown) =>
      notices.add(
        notice('token-not-saved', 'warn', {
          key: 'notice.tokenNotSaved',
          params: { error: (error as Error).message },
        }),
      ),
    );
  });
  const updates = new UpdateController({
    ...(o.updates ?? {
      updater: undefined,
      currentVersion: '0.0.0-dev',
      unsupported: 'not-packaged',
    }),
    enabled: settings.values.updateChecks,
  });
  settings.on('changed', ({ next }) => updates.setEnabled(next.updateChecks));
  const logs = new LogBuffer();
  const logDir = join(o.dataDir, 'logs');

  const connectInfo = (): ConnectInfo => {
    const v = settings.values;
    const st = supervisor.state;
    return {
      wsUrl: st.endpoint ?? `ws://${v.host}:${v.port}`,
      httpUrl: st.httpEndpoint ?? `http://${v.host}:${v.port}/mcp`,
      bridgeCommand: o.bridge.command,
      // Point the bridge at this daemon's folder: without it, it guesses Electron's userData path.
      bridgeArgs: [...o.bridge.args, '--data-dir', o.dataDir],
      logDir,
      // app.ts falls back to a bare `node` when it found none: a client needs one on its PATH.
      nodeMissing: o.bridge.command === 'node',
    };
  };
  const saver = new FileSaver(o.saveDialog ?? NO_SAVE_DIALOG);
  const services = createDesktopServices(o, { supervisor, settings, connectInfo, saver });

  const ipc = createIpcHandlers({
    supervisor,
    settings,
    notices,
    logs,
    clipboard: o.clipboard,
    openPath: o.openPath,
    logDir,
    connectInfo,
    testProvider: createProviderTester({
      readyInfo: () => supervisor.readyInfo,
      token: () => settings.token(),
    }),
    usage: createUsageService({
      readyInfo: () => supervisor.readyInfo,
      token: () => settings.token(),
      saver,
    }),
    systemLanguages: () => [...(o.systemLanguages ?? [])],
    updates,
    appInfo: () => ({
      ...(o.about ?? {
        appVersion: updates.state.currentVersion,
        electronVersion: process.versions.electron ?? '—',
        nodeVersion: process.versions.node,
        chromeVersion: process.versions.chrome ?? '—',
        platform: o.platform ?? process.platform,
        license: 'MIT',
      }),
      dataDir: o.dataDir,
      logDir,
    }),
    quit: o.quit ?? (() => undefined),
    saver,
    clients: services.clients,
    saveDiagnostics: services.saveDiagnostics,
  });

  return {
    supervisor,
    settings,
    notices,
    logs,
    ipc,
    updates,
    clients: services.clients,
    connectInfo,
    dispose: async () => {
      services.dispose();
      updates.dispose();
      sync.dispose();
      await supervisor.dispose();
      ipc.dispose();
      settings.dispose();
      notices.dispose();
    },
  };
}

function addEncryptionNotice(notices: NoticeBoard, settings: SettingsStore): void {
  const level = settings.encryption;
  if (level === 'basic-text' && !settings.values.plainTextConsent) {
    notices.add(notice('plain-text-storage', 'warn', { key: 'notice.plainTextStorage' }));
  } else if (level === 'unavailable') {
    notices.add(notice('no-encryption', 'warn', { key: 'notice.noEncryption' }));
  } else {
    notices.dismiss('plain-text-storage');
  }
}
