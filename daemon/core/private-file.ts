import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Replaces a file of the daemon's own (token, discovery, upload index, app prices) in one step:
 * written beside it, readable by this user only, then renamed over it, so a reader sees the old
 * contents or the new, never half, and a failed write leaves no temp file behind.
 */
export function replacePrivateFile(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text, { mode: 0o600 });
    // A temp file left by a crash keeps its old mode through writeFileSync.
    chmodSync(temp, 0o600);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
