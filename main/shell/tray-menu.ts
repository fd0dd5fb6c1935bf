import type { DaemonState, UpdateState } from '../../preload/api.ts';
import { trayUpdateLabel } from '../updates/update-strings.ts';

// The tray menu as a pure function of state: tray.ts turns these items into an Electron Menu.

export type TrayAction = 'start' | 'stop' | 'restart' | 'open-dashboard' | 'copy-url' | 'toggle-login' | 'install-update' | 'quit';

export type TrayItem =
  | { kind: 'status'; label: string }
  | { kind: 'separator' }
  | { kind: 'action'; action: TrayAction; label: string; enabled: boolean }
  | { kind: 'checkbox'; action: TrayAction; label: string; checked: boolean };

export interface TrayInput {
  daemon: DaemonState;
  /** Connected MCP sessions, from the latest status snapshot. */
  sessions: number;
  startAtLogin: boolean;
  now: number;
  /** The auto-updater's state; a downloaded update adds "Restart to Update". */
  update?: UpdateState;
}

export type TrayIconKind = 'running' | 'stopped' | 'error';

const MAX_REASON = 90;

export function statusLine(input: TrayInput): string {
  const d = input.daemon;
  switch (d.state) {
    case 'running': {
      const n = input.sessions;
      const url = (d.endpoint ?? '').replace(/\/$/, ''); // the daemon reports ws://host:port/
      return `Running · ${url} · ${n} ${n === 1 ? 'session' : 'sessions'}`;
    }
    case 'starting':
      return 'Starting…';
    case 'stopping':
      return 'Stopping…';
    case 'stopped':
      return 'Stopped';
    case 'crashed':
      return `Crashed: ${short(d.reason)}`;
    case 'backing-off': {
      const s = Math.max(1, Math.ceil(((d.nextRetryAt ?? input.now) - input.now) / 1000));
      return `Restarting in ${s} s · ${short(d.reason)}`;
    }
    case 'failed':
      return `Failed: ${short(d.reason)}`;
  }
}

export function trayMenu(input: TrayInput): TrayItem[] {
  const s = input.daemon.state;
  const canStart = s === 'stopped' || s === 'failed' || s === 'crashed' || s === 'backing-off';
  const canStop = s === 'running' || s === 'starting' || s === 'backing-off' || s === 'crashed';
  const updateLabel = trayUpdateLabel(input.update);
  return [
    { kind: 'status', label: statusLine(input) },
    { kind: 'separator' },
    { kind: 'action', action: 'start', label: 'Start', enabled: canStart },
    { kind: 'action', action: 'stop', label: 'Stop', enabled: canStop },
    { kind: 'action', action: 'restart', label: 'Restart', enabled: s === 'running' },
    { kind: 'separator' },
    { kind: 'action', action: 'open-dashboard', label: 'Open Dashboard', enabled: true },
    { kind: 'action', action: 'copy-url', label: 'Copy Connection URL', enabled: s === 'running' },
    { kind: 'checkbox', action: 'toggle-login', label: 'Start at Login', checked: input.startAtLogin },
    { kind: 'separator' },
    ...(updateLabel ? [{ kind: 'action', action: 'install-update', label: updateLabel, enabled: true } as const] : []),
    { kind: 'action', action: 'quit', label: 'Quit EXAI', enabled: true },
  ];
}

export function trayIconKind(daemon: DaemonState): TrayIconKind {
  switch (daemon.state) {
    case 'running':
      return 'running';
    case 'crashed':
    case 'backing-off':
    case 'failed':
      return 'error';
    default:
      return 'stopped';
  }
}

export function trayTooltip(input: TrayInput): string {
  return `EXAI — ${statusLine(input)}`;
}

/** The tray icon file for a state, under resources/tray (see scripts/make-icons.ts). */
export function trayIconFile(kind: TrayIconKind, platform: NodeJS.Platform): string {
  // macOS: a Template image (Electron picks the @2x file itself) so it follows light/dark menu bars.
  if (platform === 'darwin') return `tray-${kind}Template.png`;
  if (platform === 'win32') return `tray-${kind}.ico`;
  return `tray-${kind}.png`;
}

function short(reason: string | undefined): string {
  const text = (reason ?? 'unknown reason').replace(/\s+/g, ' ').trim();
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}
