import { existsSync, renameSync } from 'node:fs';
import type { StoredSettings } from './settings-schema.ts';

// electron-store throws from its constructor when the file is not JSON or breaks the schema.
// A broken settings file must never keep the app from starting: move it aside (so nothing the
// user typed is lost), start from defaults, and tell the user where the old file went.

/** electron-store and conf both satisfy this: a whole-object `store` getter and setter. */
export interface SettingsBackend {
  store: StoredSettings;
}

export interface OpenedSettings<B> {
  backend: B;
  recovered?: { backupPath: string; error: string };
}

export function openSettingsFile<B extends SettingsBackend>(
  open: () => B,
  filePath: string,
  now: () => number = Date.now,
): OpenedSettings<B> {
  try {
    return { backend: open() };
  } catch (err) {
    if (!existsSync(filePath)) throw err; // not a file problem: let it surface
    const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
    const backupPath = `${filePath}.corrupt-${stamp}`;
    renameSync(filePath, backupPath);
    return { backend: open(), recovered: { backupPath, error: (err as Error).message } };
  }
}
