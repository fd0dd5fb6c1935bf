import { writeFile } from 'node:fs/promises';
import type { SavedFile } from '../../preload/api.ts';

// Saving an export (the Logs page's lines) to a file the user picks. The dialog is Electron's,
// passed in by main/app.ts; the harness and the unit test pass their own.

export interface SaveExportDeps {
  /** Asks where to save, starting from `defaultName`; undefined when the user cancels. */
  choosePath: (defaultName: string) => Promise<string | undefined>;
  write?: (path: string, text: string) => Promise<void>;
}

/** "exai-logs-2026-11-29-1642.txt" in local time, so two exports in a day do not collide by default. */
export function exportFileName(now: Date, prefix = 'exai-logs'): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
  return `${prefix}-${day}-${p(now.getHours())}${p(now.getMinutes())}.txt`;
}

export async function saveExport(
  text: string,
  deps: SaveExportDeps,
  now = new Date(),
): Promise<SavedFile> {
  const path = await deps.choosePath(exportFileName(now));
  if (!path) return null;
  const write = deps.write ?? ((p, t) => writeFile(p, t, { encoding: 'utf8', mode: 0o600 }));
  // A file that ends without a newline reads badly in `cat` and most editors.
  await write(path, text.endsWith('\n') || text === '' ? text : `${text}\n`);
  return { path };
}
