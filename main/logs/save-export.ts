import type { SavedFile } from '../../preload/api.ts';
import { tr } from '../i18n.ts';
import type { FileSaver } from '../shell/save-to-file.ts';

// Saving an export (the Logs page's lines) to a file the user picks, through the app's one save
// path (main/shell/save-to-file.ts: the dialog, then an atomic write).

/** "exai-logs-2026-11-29-1642.txt" in local time, so two exports in a day do not collide by default. */
export function exportFileName(now: Date, prefix = 'exai-logs'): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
  return `${prefix}-${day}-${p(now.getHours())}${p(now.getMinutes())}.txt`;
}

export async function saveExport(
  text: string,
  saver: Pick<FileSaver, 'save'>,
  now = new Date(),
): Promise<SavedFile> {
  const result = await saver.save(
    {
      title: tr('logs.export'),
      defaultName: exportFileName(now),
      filters: [{ name: 'Text', extensions: ['txt', 'log'] }],
    },
    // A file that ends without a newline reads badly in `cat` and most editors.
    text.endsWith('\n') || text === '' ? text : `${text}\n`,
  );
  return result.saved ? { path: result.path } : null;
}
