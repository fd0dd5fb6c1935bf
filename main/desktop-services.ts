import type { ConnectInfo, DiagnosticsResult } from '../preload/api.ts';
import type { Places } from './clients/client-catalog.ts';
import { ClientService } from './clients/client-service.ts';
import { ClientSetup } from './clients/client-setup.ts';
import { saveDiagnostics, type SaveDiagnosticsDeps } from './diagnostics/save-diagnostics.ts';
import { tr } from './i18n.ts';
import { DesktopNotifier } from './notify/desktop-notifier.ts';
import type { SettingsStore } from './settings/settings-store.ts';
import type { FileSaver } from './shell/save-to-file.ts';
import type { Supervisor } from './supervision/supervisor.ts';

// The parts of the app that act on the user's machine beyond the daemon: MCP clients' config
// files, desktop notifications, the diagnostics archive. Composed here so desktop-core stays a
// list; Electron (Notification, the save dialog) comes in as plain functions.

export interface DesktopServicesOptions {
  /** Where the MCP clients keep their configs (a temporary home in tests) and the app's record of what it wrote (in userData). */
  clients: { places: Places; recordFile: string };
  /** Shows a desktop notification (Electron's Notification in the app). */
  notify?: ((title: string, body: string) => void) | undefined;
  /** Save diagnostics: the app's versions (the daemon cannot know them). */
  diagnostics?: { versions: SaveDiagnosticsDeps['versions'] } | undefined;
}

export interface DesktopServices {
  clients: ClientService;
  saveDiagnostics(): Promise<DiagnosticsResult>;
  dispose(): void;
}

export function createDesktopServices(
  o: DesktopServicesOptions,
  core: {
    supervisor: Supervisor;
    settings: SettingsStore;
    connectInfo: () => ConnectInfo;
    saver: FileSaver;
  },
): DesktopServices {
  const { supervisor, settings } = core;
  const clients = new ClientService({
    setup: new ClientSetup(o.clients),
    target: () => {
      const info = core.connectInfo();
      return {
        httpUrl: info.httpUrl,
        token: settings.token(),
        bridgeCommand: info.bridgeCommand,
        bridgeArgs: info.bridgeArgs,
      };
    },
  });
  const notifier = new DesktopNotifier({
    show: o.notify ?? (() => undefined),
    t: tr,
    circuitNotifications: () => settings.values.circuitNotifications,
  });
  const off = [
    // A rotated token (from the dashboard or a legacy client) or a daemon on a new address:
    // the entries the app wrote are rewritten, and the page learns which others are now stale.
    settings.on('changed', ({ tokenChanged }) => {
      if (tokenChanged) clients.refresh();
    }),
    supervisor.on('state', (s) => {
      if (s.state === 'running') clients.refresh();
      notifier.daemonState(s);
    }),
    supervisor.on('status', (s) => notifier.status(s)),
  ];

  return {
    clients,
    saveDiagnostics: () =>
      saveDiagnostics({
        daemon: () => {
          const st = supervisor.state;
          return st.state === 'running' && st.httpEndpoint
            ? { httpEndpoint: st.httpEndpoint, token: settings.token() }
            : undefined;
        },
        saver: core.saver,
        fetch,
        versions: o.diagnostics?.versions ?? {},
      }),
    dispose: () => {
      for (const f of off) f();
      clients.dispose();
    },
  };
}
