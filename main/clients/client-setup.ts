import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  CLIENTS,
  clientInfo,
  configPath,
  installMarker,
  type ClientId,
  type ConnectTarget,
  type Places,
} from './client-catalog.ts';
import { readEntry, removeEntry, upsertEntry } from './config-edit.ts';

export const ENTRY_NAME = 'exai';

export type EntryState =
  /** No config file and no client folder: probably not installed. */
  | 'not-installed'
  | 'absent'
  /** Our entry, as we would write it now. */
  | 'current'
  /** Our entry with an old token (rotated since) or an old daemon address. */
  | 'outdated'
  | 'unreadable';

export interface ClientState {
  id: ClientId;
  name: string;
  path: string;
  state: EntryState;
  /** Why the file could not be read, for 'unreadable'. */
  error?: string;
  /** The newest backup this app made of the file, if any. */
  backup?: string;
  /** Written by this app (it updates these when the token rotates). */
  managed: boolean;
}

export interface ClientSetupOptions {
  places: Places;
  /** The app's record of files it wrote (JSON list of client ids). */
  recordFile: string;
  now?: () => Date;
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.exai-tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

/**
 * One-click setup of MCP clients: reads, backs up, merges the `exai` entry into, and restores
 * each client's own config file. Plain Node: the Electron side only calls it.
 */
export class ClientSetup {
  private readonly o: ClientSetupOptions;

  constructor(options: ClientSetupOptions) {
    this.o = options;
  }

  path(id: ClientId): string {
    return configPath(id, this.o.places);
  }

  private managed(): Set<ClientId> {
    try {
      return new Set(JSON.parse(readFileSync(this.o.recordFile, 'utf8')) as ClientId[]);
    } catch {
      return new Set();
    }
  }

  private setManaged(id: ClientId, on: boolean): void {
    const ids = this.managed();
    if (on) ids.add(id);
    else ids.delete(id);
    writeAtomic(this.o.recordFile, `${JSON.stringify([...ids])}\n`);
  }

  /** The newest `<file>.exai-backup-<time>` next to the config, if any. */
  latestBackup(id: ClientId): string | undefined {
    const path = this.path(id);
    const dir = dirname(path);
    if (!existsSync(dir)) return undefined;
    const prefix = `${basename(path)}.exai-backup-`;
    const names = readdirSync(dir)
      .filter((n) => n.startsWith(prefix))
      .sort();
    const newest = names[names.length - 1];
    return newest ? join(dir, newest) : undefined;
  }

  state(id: ClientId, target: ConnectTarget): ClientState {
    const info = clientInfo(id);
    const path = this.path(id);
    const backup = this.latestBackup(id);
    const base = {
      id,
      name: info.name,
      path,
      managed: this.managed().has(id),
      ...(backup && { backup }),
    };
    if (!existsSync(path))
      return {
        ...base,
        state: existsSync(installMarker(id, this.o.places)) ? 'absent' : 'not-installed',
      };
    try {
      const entry = readEntry(
        info.format,
        readFileSync(path, 'utf8'),
        info.container,
        ENTRY_NAME,
        path,
      );
      if (entry === undefined) return { ...base, state: 'absent' };
      const current = JSON.stringify(entry) === JSON.stringify(info.entry(target));
      return { ...base, state: current ? 'current' : 'outdated' };
    } catch (error) {
      return { ...base, state: 'unreadable', error: (error as Error).message };
    }
  }

  states(target: ConnectTarget): ClientState[] {
    return CLIENTS.map((c) => this.state(c.id, target));
  }

  /** Backs the file up (when it exists), then merges the entry in. Returns the backup's path. */
  add(id: ClientId, target: ConnectTarget): { path: string; backup?: string } {
    const info = clientInfo(id);
    const path = this.path(id);
    const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
    const after = upsertEntry(
      info.format,
      before,
      info.container,
      ENTRY_NAME,
      info.entry(target),
      path,
    );
    let backup: string | undefined;
    if (existsSync(path)) {
      backup = `${path}.exai-backup-${stamp(this.o.now?.() ?? new Date())}`;
      copyFileSync(path, backup);
    }
    writeAtomic(path, after);
    this.setManaged(id, true);
    return { path, ...(backup && { backup }) };
  }

  /** Takes the entry out and leaves the rest of the file as it is. */
  remove(id: ClientId): void {
    const info = clientInfo(id);
    const path = this.path(id);
    if (existsSync(path))
      writeAtomic(
        path,
        removeEntry(info.format, readFileSync(path, 'utf8'), info.container, ENTRY_NAME, path),
      );
    this.setManaged(id, false);
  }

  /** Puts the newest backup back in place of the file. */
  restoreBackup(id: ClientId): string {
    const backup = this.latestBackup(id);
    if (!backup) throw new Error(`no backup of ${this.path(id)} was made by EXAI`);
    writeAtomic(this.path(id), readFileSync(backup, 'utf8'));
    return backup;
  }

  /**
   * After a token rotation (or a port change): rewrites every entry this app wrote whose content
   * changed, so the clients keep working. Returns the clients it updated.
   */
  refresh(target: ConnectTarget): ClientId[] {
    const updated: ClientId[] = [];
    for (const id of this.managed()) {
      const s = this.state(id, target);
      if (s.state !== 'outdated') continue;
      const info = clientInfo(id);
      // One file that cannot be written (permissions, a full disk) must not stop the others:
      // it stays outdated, and the Connect page shows it so.
      try {
        writeAtomic(
          s.path,
          upsertEntry(
            info.format,
            readFileSync(s.path, 'utf8'),
            info.container,
            ENTRY_NAME,
            info.entry(target),
            s.path,
          ),
        );
        updated.push(id);
      } catch {
        continue;
      }
    }
    return updated;
  }
}
