import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { BaseWindow, FileFilter, SaveDialogOptions } from 'electron';
import { tr, type Translate } from '../i18n.ts';

// The one way the app saves a file the user asked for (Export CSV, Save diagnostics, the Logs
// page's Export): Electron's save dialog, modal to the focused dashboard and starting in the
// user's Downloads folder, then an atomic write (a temporary file beside the target, renamed
// over it), so a full disk never leaves half a file under the chosen name. Electron comes in as
// arguments, so every step runs under plain Node in tests.

export interface SaveDialogElectron {
  dialog: {
    showSaveDialog(
      ...args: [BaseWindow, SaveDialogOptions] | [SaveDialogOptions]
    ): Promise<{ canceled: boolean; filePath?: string | undefined }>;
  };
  /** The focused dashboard window, so the dialog is modal to it; null when none is focused. */
  focusedWindow(): BaseWindow | null;
  /** app.getPath: where the dialog starts (Downloads, else Documents). */
  getPath(name: 'downloads' | 'documents'): string;
}

export interface SaveRequest {
  /** The dialog's title, already in the user's language. */
  title: string;
  /** The suggested file name, placed in the user's Downloads (or Documents) folder. */
  defaultName: string;
  filters: FileFilter[];
}

export type SaveOutcome = { saved: false } | { saved: true; path: string; bytes: number };

/** The content, or how to make it once the user has picked a place (nothing is made on cancel). */
export type SaveContent = string | Uint8Array | (() => Promise<string | Uint8Array>);

/** A write that failed, with a message in the user's language that says what to do. */
export class SaveError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined, cause: unknown) {
    super(message, { cause });
    this.name = 'SaveError';
    this.code = code;
  }
}

/** A dialog that is always cancelled: a core without Electron (tests, the harness's default) saves nothing. */
export const NO_SAVE_DIALOG: SaveDialogElectron = {
  dialog: { showSaveDialog: async () => ({ canceled: true }) },
  focusedWindow: () => null,
  getPath: () => '',
};

export class FileSaver {
  private readonly electron: SaveDialogElectron;
  private readonly t: Translate;

  constructor(electron: SaveDialogElectron, t: Translate = tr) {
    this.electron = electron;
    this.t = t;
  }

  /** Asks where to save; undefined when the user cancels. */
  async choose(request: SaveRequest): Promise<string | undefined> {
    const options: SaveDialogOptions = {
      title: request.title,
      defaultPath: this.suggestedPath(request.defaultName),
      filters: request.filters,
    };
    const parent = this.electron.focusedWindow();
    const answer = parent
      ? await this.electron.dialog.showSaveDialog(parent, options)
      : await this.electron.dialog.showSaveDialog(options);
    return answer.canceled || !answer.filePath ? undefined : answer.filePath;
  }

  /** The dialog, then (unless cancelled) the content, written atomically where the user chose. */
  async save(request: SaveRequest, content: SaveContent): Promise<SaveOutcome> {
    const path = await this.choose(request);
    if (!path) return { saved: false };
    const data = typeof content === 'function' ? await content() : content;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    await writeFileAtomic(path, bytes, this.t);
    return { saved: true, path, bytes: bytes.length };
  }

  private suggestedPath(name: string): string {
    for (const folder of ['downloads', 'documents'] as const) {
      try {
        const dir = this.electron.getPath(folder);
        if (dir) return join(dir, name);
      } catch {
        // Electron throws when the OS has no such folder (a bare Linux account): try the next.
      }
    }
    return name;
  }
}

/**
 * Writes `data` to `path` through a temporary file in the same folder, renamed over the target:
 * readers see the old file or the whole new one. Private (0600): exports hold the user's usage
 * and logs. Throws SaveError with a message in the user's language.
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array,
  t: Translate = tr,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const file = await open(temp, 'wx', 0o600);
    created = true;
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (error) {
    if (created) await rm(temp, { force: true }).catch(() => undefined);
    throw saveError(error, path, t);
  }
}

/** What a failed write means for the user: disk full, no permission, no such folder, or the OS's words. */
export function saveError(error: unknown, path: string, t: Translate = tr): SaveError {
  const code = (error as NodeJS.ErrnoException).code;
  const params = { path, folder: dirname(path), error: (error as Error).message };
  const key =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'save.diskFull'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'save.permissionDenied'
        : code === 'ENOENT' || code === 'ENOTDIR'
          ? 'save.folderMissing'
          : 'save.failed';
  return new SaveError(t(key, params), code, error);
}
