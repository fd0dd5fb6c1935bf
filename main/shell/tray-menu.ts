import { renderMessage } from '../../locales/index.ts';
import type { DaemonState, UpdateState } from '../../preload/api.ts';
import type { Translate } from '../i18n.ts';
import { trayUpdateLabel } from '../updates/update-strings.ts';

// The tray menu as a pure function of state and language: tray.ts turns these items into an
// Electron Menu. Every word comes from the shared catalogs (lint: i18next/no-literal-string).

export type TrayAction =
  | 'start'
  | 'stop'
  | 'restart'
  | 'open-dashboard'
  | 'copy-url'
  | 'toggle-login'
  | 'install-update'
  | 'quit';

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
  /** Translates into the app's current language (main/i18n.ts). */
  t: Translate;
  /** The auto-updater's state; a downloaded update adds "Restart to Update". */
  update?: UpdateState;
}

export type TrayIconKind = 'running' | 'stopped' | 'error';

const MAX_REASON = 90;

export function statusLine(input: TrayInput): string {
  const { daemon: d, t } = input;
  switch (d.state) {
    case 'running': {
      const url = (d.endpoint ?? '').replace(/\/$/, ''); // the daemon reports ws://host:port/
      return t('tray.running', { url, count: input.sessions });
    }
    case 'starting':
      return t('tray.starting');
    case 'stopping':
      return t('tray.stopping');
    case 'stopped':
      return t('tray.stopped');
    case 'crashed':
      return t('tray.crashed', { reason: reason(input) });
    case 'backing-off': {
      const seconds = Math.max(1, Math.ceil(((d.nextRetryAt ?? input.now) - input.now) / 1000));
      return t('tray.backingOff', { seconds, reason: reason(input) });
    }
    case 'failed':
      return t('tray.failed', { reason: reason(input) });
  }
}

export function trayMenu(input: TrayInput): TrayItem[] {
  const { t } = input;
  const s = input.daemon.state;
  const canStart = s === 'stopped' || s === 'failed' || s === 'crashed' || s === 'backing-off';
  const canStop = s === 'running' || s === 'starting' || s === 'backing-off' || s === 'crashed';
  const updateLabel = trayUpdateLabel(input.update, t);
  return [
    { kind: 'status', label: statusLine(input) },
    { kind: 'separator' },
    { kind: 'action', action: 'start', label: t('tray.start'), enabled: canStart },
    { kind: 'action', action: 'stop', label: t('tray.stop'), enabled: canStop },
    { kind: 'action', action: 'restart', label: t('tray.restart'), enabled: s === 'running' },
    { kind: 'separator' },
    { kind: 'action', action: 'open-dashboard', label: t('tray.openDashboard'), enabled: true },
    { kind: 'action', action: 'copy-url', label: t('tray.copyUrl'), enabled: s === 'running' },
    {
      kind: 'checkbox',
      action: 'toggle-login',
      label: t('tray.startAtLogin'),
      checked: input.startAtLogin,
    },
    { kind: 'separator' },
    ...(updateLabel
      ? [{ kind: 'action', action: 'install-update', label: updateLabel, enabled: true } as const]
      : []),
    { kind: 'action', action: 'quit', label: t('tray.quit'), enabled: true },
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
  return input.t('tray.tooltip', { status: statusLine(input) });
}

/** The tray icon file for a state, under resources/tray (see scripts/make-icons.ts). */
export function trayIconFile(kind: TrayIconKind, platform: NodeJS.Platform): string {
  // macOS: a Template image (Electron picks the @2x file itself) so it follows light/dark menu bars.
  if (platform === 'darwin') return `tray-${kind}Template.png`;
  if (platform === 'win32') return `tray-${kind}.ico`;
  return `tray-${kind}.png`;
}

/** The daemon's reason in the menu's language (English `reason` when the state carries no message). */
function reason({ daemon, t }: TrayInput): string {
  const text = daemon.reasonMessage
    ? renderMessage(t, daemon.reasonMessage)
    : (daemon.reason ?? t('tray.unknownReason'));
  return short(text);
}

function short(reason: string): string {
  const text = reason.replace(/\s+/g, ' ').trim();
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}
