import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { secureWebPreferences } from './web-security.ts';

// The dashboard window, created on demand and destroyed when closed (the tray keeps the app).

export interface DashboardWindowOptions {
  createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  preloadPath: string;
  /** file:// path of renderer/index.html, or the Vite dev server URL. */
  load: (win: BrowserWindow) => Promise<void>;
  iconPath?: string;
  /** Called with each new window's webContents, to trust it for IPC. */
  onCreated: (win: BrowserWindow) => void;
}

export class DashboardWindow {
  private readonly options: DashboardWindowOptions;
  private win: BrowserWindow | undefined;

  constructor(options: DashboardWindowOptions) {
    this.options = options;
  }

  /** Shows the window, creating it if needed; a second app launch lands here too. */
  show(): void {
    if (this.win && !this.win.isDestroyed()) {
      if (this.win.isMinimized()) this.win.restore();
      this.win.show();
      this.win.focus();
      return;
    }
    const win = this.options.createWindow({
      width: 1100,
      height: 760,
      minWidth: 760,
      minHeight: 520,
      show: false,
      title: 'EXAI',
      backgroundColor: '#111318',
      ...(this.options.iconPath ? { icon: this.options.iconPath } : {}),
      webPreferences: secureWebPreferences(this.options.preloadPath),
    });
    this.win = win;
    this.options.onCreated(win);
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (this.win === win) this.win = undefined;
    });
    void this.options.load(win);
  }

  dispose(): void {
    if (this.win && !this.win.isDestroyed()) this.win.destroy();
    this.win = undefined;
  }
}
