import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Can `npm start` open the desktop app here, or must it fall back to the headless daemon?
// Reads node_modules/electron/path.txt directly: require('electron') would try to download.

export type StartMode = { mode: 'electron'; binary: string } | { mode: 'headless'; why: string };

export interface StartProbe {
  root: string;
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  exists?: (path: string) => boolean;
  read?: (path: string) => string;
}

export function decideStartMode(p: StartProbe): StartMode {
  const exists = p.exists ?? existsSync;
  const read = p.read ?? ((f: string) => readFileSync(f, 'utf8'));
  if (p.env.EXAI_HEADLESS === '1') return { mode: 'headless', why: 'EXAI_HEADLESS=1' };
  const electronDir = join(p.root, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  if (!exists(pathFile)) return { mode: 'headless', why: 'the Electron binary is not installed' };
  const binary = join(electronDir, 'dist', read(pathFile).trim());
  if (!exists(binary))
    return { mode: 'headless', why: `the Electron binary is missing (${binary})` };
  if (p.platform === 'linux' && !p.env.DISPLAY && !p.env.WAYLAND_DISPLAY) {
    return { mode: 'headless', why: 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)' };
  }
  return { mode: 'electron', binary };
}
