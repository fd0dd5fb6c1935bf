import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDaemonDataDir } from '../../daemon/bridge/data-folders.ts';
import { startDaemon, tempDataDir, type RunningDaemon } from '../helpers/daemon.ts';
import { connectViaBridge } from './bridge-client.ts';

describe('appDaemonDataDir', () => {
  it('matches Electron userData/daemon for "EXAI Desktop" on each platform', () => {
    expect(appDaemonDataDir('linux', { XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/EXAI Desktop/daemon');
    expect(appDaemonDataDir('win32', { APPDATA: 'C:/Users/me/AppData/Roaming' })).toMatch(
      /Roaming[\\/]EXAI Desktop[\\/]daemon$/,
    );
    expect(appDaemonDataDir('darwin', {})).toMatch(
      /Library[\\/]Application Support[\\/]EXAI Desktop[\\/]daemon$/,
    );
  });
});

describe.runIf(process.platform === 'linux')('exai bridge without --data-dir', () => {
  const home = tempDataDir();
  const appDir = join(home, 'config', 'EXAI Desktop', 'daemon');
  let daemon: RunningDaemon;

  beforeAll(async () => {
    mkdirSync(appDir, { recursive: true });
    daemon = await startDaemon({ dataDir: appDir });
  });
  afterAll(async () => {
    await daemon?.stop();
  });

  it("finds the desktop app's daemon in its own data folder", async () => {
    const bridged = await connectViaBridge(['--no-autostart'], {
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_DATA_HOME: join(home, 'data'),
    });
    try {
      const { tools } = await bridged.client.listTools();
      expect(tools.map((t) => t.name)).toContain('version');
    } finally {
      await bridged.client.close();
    }
  });
});
