import { join } from 'node:path';

// Where the built app finds its parts. scripts/build.ts writes this layout:
//   dist/main/index.js, dist/preload/index.cjs, dist/daemon/exai.mjs, dist/renderer/index.html
// and electron-builder copies resources/tray to <resources>/tray (extraResources).

export interface AppPaths {
  preload: string;
  daemonEntry: string;
  rendererIndex: string;
  trayIcons: string;
  appIcon: string;
}

export function appPaths(mainDir: string, resourcesPath: string, packaged: boolean): AppPaths {
  const dist = join(mainDir, '..');
  return {
    preload: join(dist, 'preload', 'index.cjs'),
    daemonEntry: join(dist, 'daemon', 'exai.mjs'),
    rendererIndex: join(dist, 'renderer', 'index.html'),
    trayIcons: packaged ? join(resourcesPath, 'tray') : join(dist, '..', 'resources', 'tray'),
    appIcon: packaged ? join(resourcesPath, 'icon.png') : join(dist, '..', 'build', 'icon.png'),
  };
}
