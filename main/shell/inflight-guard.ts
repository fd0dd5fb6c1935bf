import type { BaseWindow, MessageBoxOptions } from 'electron';
import type { Translate } from '../i18n.ts';

// Stop, Restart and Quit cut the daemon's running calls short. The dashboard's own Stop/Restart
// buttons ask first (renderer Overview); this asks the same question for the tray's Stop/Restart
// and every Quit (tray, the window's Quit), in a native message box. With no calls running it
// goes straight through. Electron's dialog comes in as an argument, so tests pass a fake.

export type GuardedAction = 'stop' | 'restart' | 'quit';

export interface InflightGuardElectron {
  dialog: {
    showMessageBox(
      ...args: [BaseWindow, MessageBoxOptions] | [MessageBoxOptions]
    ): Promise<{ response: number }>;
  };
  /** The focused dashboard window, so the question is modal to it; null from the tray. */
  focusedWindow(): BaseWindow | null;
}

export interface InflightGuardOptions {
  electron: InflightGuardElectron;
  /** Calls running and clients connected, from the daemon's latest status (0 when it is not running). */
  inflight: () => { calls: number; sessions: number };
  /** Translates into the app's current language (main/i18n.ts). */
  t: Translate;
}

const GO = 0;
const CANCEL = 1;

export class InflightGuard {
  private readonly o: InflightGuardOptions;
  private asking = false;

  constructor(options: InflightGuardOptions) {
    this.o = options;
  }

  /** True when `action` may go ahead: nothing is running, or the user said so. */
  async confirm(action: GuardedAction): Promise<boolean> {
    const { calls, sessions } = this.o.inflight();
    if (calls <= 0) return true;
    // One question at a time: a second click while it is open does nothing.
    if (this.asking) return false;
    this.asking = true;
    try {
      const options = this.question(action, calls, sessions);
      const parent = this.o.electron.focusedWindow();
      const { response } = parent
        ? await this.o.electron.dialog.showMessageBox(parent, options)
        : await this.o.electron.dialog.showMessageBox(options);
      return response === GO;
    } finally {
      this.asking = false;
    }
  }

  /** Runs `go` once `action` is confirmed (or needs no confirming). */
  async run(action: GuardedAction, go: () => void): Promise<void> {
    if (await this.confirm(action)) go();
  }

  private question(action: GuardedAction, count: number, sessions: number): MessageBoxOptions {
    const { t } = this.o;
    const message = {
      stop: t('inflightConfirm.stop'),
      restart: t('inflightConfirm.restart'),
      quit: t('inflightConfirm.quit'),
    }[action];
    const go = {
      stop: t('overview.stopAnyway'),
      restart: t('overview.restartAnyway'),
      quit: t('inflightConfirm.quitAnyway'),
    }[action];
    return {
      type: 'warning',
      title: t('inflightConfirm.title'),
      message,
      // The dashboard's own wording, so both places say the same thing.
      detail: t('overview.confirmInflight', { count, sessions }),
      buttons: [go, t('common.cancel')],
      defaultId: CANCEL,
      cancelId: CANCEL,
      noLink: true,
    };
  }
}

/** What the guard needs from a status snapshot (the supervisor's lastStatus). */
export function inflightOf(status: { inflight: number; sessions: readonly unknown[] } | null): {
  calls: number;
  sessions: number;
} {
  return { calls: status?.inflight ?? 0, sessions: status?.sessions.length ?? 0 };
}
