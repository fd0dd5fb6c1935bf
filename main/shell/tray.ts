import { join } from 'node:path';
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import {
  trayIconFile,
  trayIconKind,
  trayMenu,
  trayTooltip,
  type TrayAction,
  type TrayInput,
  type TrayItem,
} from './tray-menu.ts';

// Electron glue for the tray. Everything it shows comes from tray-menu.ts.

export interface TrayElectron {
  createTray(image: NativeImage): Tray;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  loadImage(path: string): NativeImage;
}

export interface TrayControllerOptions {
  electron: TrayElectron;
  /** resources/tray, inside or outside the asar. */
  iconDir: string;
  platform: NodeJS.Platform;
  onAction: (action: TrayAction) => void;
}

function toMenuTemplate(
  items: TrayItem[],
  onAction: (a: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'status':
        return { label: item.label, enabled: false };
      case 'separator':
        return { type: 'separator' };
      case 'checkbox':
        return {
          label: item.label,
          type: 'checkbox',
          checked: item.checked,
          click: () => onAction(item.action),
        };
      case 'action':
        return { label: item.label, enabled: item.enabled, click: () => onAction(item.action) };
    }
  });
}

export class TrayController {
  private readonly options: TrayControllerOptions;
  private tray: Tray | undefined;
  private iconKind: string | undefined;

  constructor(options: TrayControllerOptions) {
    this.options = options;
  }

  update(input: TrayInput): void {
    const { electron, iconDir, platform, onAction } = this.options;
    const kind = trayIconKind(input.daemon);
    const image = electron.loadImage(join(iconDir, trayIconFile(kind, platform)));
    if (platform === 'darwin') image.setTemplateImage(true);
    if (!this.tray) {
      this.tray = electron.createTray(image);
      // Windows: left click opens the window; the context menu stays on right click.
      if (platform === 'win32') this.tray.on('click', () => onAction('open-dashboard'));
    } else if (kind !== this.iconKind) {
      this.tray.setImage(image);
    }
    this.iconKind = kind;
    this.tray.setToolTip(trayTooltip(input));
    // Linux only shows a menu set after the last change, so the menu is rebuilt and set every time.
    this.tray.setContextMenu(electron.buildMenu(toMenuTemplate(trayMenu(input), onAction)));
  }

  dispose(): void {
    this.tray?.destroy();
    this.tray = undefined;
  }
}
