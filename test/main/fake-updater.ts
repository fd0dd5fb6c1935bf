import { EventEmitter } from 'node:events';
import type { Updater } from '../../main/updates/update-controller.ts';

// Stands in for electron-updater's autoUpdater: the same events in the same order, with the
// GitHub release it would find scripted by the test.
export class FakeUpdater extends EventEmitter implements Updater {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  /** What the next check finds: a version, nothing, or a failure. */
  latest: { version: string } | 'none' | Error = 'none';
  /** Hold the download until release() (to see the downloading state). */
  holdDownload = false;
  downloadFails: Error | undefined;
  checks = 0;
  downloads = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  private pending: (() => void) | undefined;

  async checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    this.emit('checking-for-update');
    await Promise.resolve();
    const found = this.latest;
    if (found instanceof Error) {
      this.emit('error', found);
      throw found;
    }
    if (found === 'none') this.emit('update-not-available', { version: '0.1.0' });
    else this.emit('update-available', found);
    return { updateInfo: found };
  }

  async downloadUpdate(): Promise<unknown> {
    this.downloads += 1;
    const version = (this.latest as { version: string }).version;
    this.emit('download-progress', { percent: 41.6 });
    if (this.holdDownload) await new Promise<void>((r) => (this.pending = r));
    if (this.downloadFails) throw this.downloadFails;
    this.emit('update-downloaded', { version });
    return [`/tmp/EXAI-${version}.exe`];
  }

  release(): void {
    this.pending?.();
  }

  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}
