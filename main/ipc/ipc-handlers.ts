import type {
  AppInfo,
  ConnectInfo,
  ConnectionTestResult,
  DiagnosticsResult,
  EventPayloads,
  InvokeArgs,
  InvokeChannel,
  InvokeResults,
  Price,
  ProviderId,
} from '../../preload/api.ts';
import { saveExport } from '../logs/save-export.ts';
import type { FileSaver } from '../shell/save-to-file.ts';
import type { LogBuffer } from '../supervision/log-buffer.ts';
import { tr } from '../i18n.ts';
import type { ClientService } from '../clients/client-service.ts';
import type { NoticeBoard } from './notices.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { Supervisor } from '../supervision/supervisor.ts';
import { TypedEmitter } from '../typed-emitter.ts';
import type { UpdateController } from '../updates/update-controller.ts';
import { SHIPPED_PRICES } from '../../daemon/parent/settings-contract.ts';
import type { UsageService } from './usage-service.ts';

// What every IPC channel does, with no Electron in sight: the app wires these to ipcMain through
// ipc-main.ts, and the renderer's Playwright harness calls them directly with a real supervisor.

export interface IpcDeps {
  supervisor: Supervisor;
  settings: SettingsStore;
  notices: NoticeBoard;
  logs: LogBuffer;
  clipboard: { writeText(text: string): void };
  /** shell.openPath in the app: resolves to an error message, '' on success. */
  openPath: (path: string) => Promise<string>;
  logDir: string;
  connectInfo: () => ConnectInfo;
  testProvider: (id: ProviderId) => Promise<ConnectionTestResult>;
  systemLanguages: () => string[];
  updates: UpdateController;
  appInfo: () => AppInfo;
  /** app.quit in the app: stops the daemon gracefully first (main/app.ts, before-quit). */
  quit: () => void;
  /** The app's one save path (dialog + atomic write) for exports. */
  saver: Pick<FileSaver, 'save'>;
  /** The daemon's usage ledger and tool list, fetched with the token (Usage and Tools pages). */
  usage: UsageService;
  clients: ClientService;
  /** Asks where to save (the dialog), then writes the daemon's diagnostics archive there. */
  saveDiagnostics: () => Promise<DiagnosticsResult>;
}

export type IpcHandlers = {
  [C in InvokeChannel]: (...args: InvokeArgs<C>) => Promise<InvokeResults[C]>;
};

export interface IpcService {
  handlers: IpcHandlers;
  /** Main → renderer pushes; ipc-main.ts forwards them to trusted windows. */
  events: TypedEmitter<EventPayloads>;
  dispose(): void;
}

export function createIpcHandlers(deps: IpcDeps): IpcService {
  const { supervisor, settings, notices } = deps;
  const events = new TypedEmitter<EventPayloads>();
  const unsubscribe = [
    supervisor.on('state', (s) => events.emit('daemon:state', s)),
    supervisor.on('status', (s) => events.emit('daemon:status', s)),
    supervisor.on('log', (l) => {
      deps.logs.push(l);
      events.emit('logs:line', l);
    }),
    settings.on('changed', () => events.emit('settings:changed', settings.view())),
    notices.onChanged((n) => events.emit('notices:changed', n)),
    deps.updates.on('state', (s) => events.emit('update:state', s)),
    deps.clients.events.on('changed', (list) => events.emit('clients:changed', list)),
  ];

  const handlers: IpcHandlers = {
    'daemon:get-state': async () => supervisor.state,
    'daemon:start': () => supervisor.start(),
    'daemon:stop': () => supervisor.stop(),
    'daemon:restart': () => supervisor.restart(),
    'daemon:get-status': async () => supervisor.lastStatus,
    'settings:get': async () => settings.view(),
    'settings:update': (patch) => settings.update(patch),
    'settings:set-key': (id, key) => settings.setKey(id, key),
    'settings:clear-key': (id) => settings.clearKey(id),
    'token:reveal': async () => settings.token(),
    'token:rotate': () => settings.rotateToken(),
    'providers:test': (id) => deps.testProvider(id),
    'sessions:disconnect': async (sessionId) =>
      supervisor.send({ type: 'disconnect-session', sessionId }),
    'logs:recent': async (count) => deps.logs.recent(count),
    'logs:open-folder': async () => {
      const error = await deps.openPath(deps.logDir);
      if (error) throw new Error(tr('notice.openLogFolderFailed', { error }));
    },
    'logs:export': (text) => saveExport(text, deps.saver),
    'connect:info': async () => deps.connectInfo(),
    'clipboard:write': async (text) => deps.clipboard.writeText(text),
    'notices:dismiss': async (id) => notices.dismiss(id),
    'app:system-languages': async () => deps.systemLanguages(),
    'app:info': async () => deps.appInfo(),
    'app:quit': async () => deps.quit(),
    'update:get-state': async () => deps.updates.state,
    'update:check': () => deps.updates.check(),
    'update:install': async () => deps.updates.install(),
    'usage:report': (since, tz) => deps.usage.report(since, tz),
    'usage:export-csv': (since, tz) => deps.usage.exportCsv(since, tz),
    'usage:shipped-prices': async () => structuredClone(SHIPPED_PRICES) as Record<string, Price>,
    'tools:list': () => deps.usage.tools(),
    'clients:list': async () => deps.clients.list(),
    'clients:add': (id) => deps.clients.add(id),
    'clients:remove': async (id) => deps.clients.remove(id),
    'clients:restore': async (id) => deps.clients.restore(id),
    'clients:verify': (id) => deps.clients.verify(id),
    'diagnostics:save': () => deps.saveDiagnostics(),
  };

  return {
    handlers,
    events,
    dispose: () => {
      for (const off of unsubscribe) off();
      events.dispose();
    },
  };
}
