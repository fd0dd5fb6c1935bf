import type { DiagnosticsResult } from '../../preload/api.ts';
import { tr } from '../i18n.ts';

// "Save diagnostics…": the daemon builds the archive (secrets scrubbed, GET /diagnostics.zip);
// the app adds its own versions, asks where to put it, and writes it. Electron's save dialog and
// the file write are passed in, so every decision here is tested under plain Node.

export interface SaveDialogAnswer {
  canceled: boolean;
  filePath?: string | undefined;
}

export interface SaveDiagnosticsDeps {
  /** Where the running daemon serves HTTP (its MCP endpoint) and its token; undefined when it is not running. */
  daemon(): { httpEndpoint: string; token: string } | undefined;
  /** The save dialog (dialog.showSaveDialog in the app), offered this file name. */
  choose(defaultName: string): Promise<SaveDialogAnswer>;
  fetch: typeof fetch;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** The app's own versions, which the daemon cannot know: app, electron, chrome. */
  versions: Partial<Record<'app' | 'electron' | 'chrome', string>>;
  now?: () => Date;
}

/** exai-diagnostics-2026-11-29-1605.zip: sortable, and no characters any OS refuses in a file name. */
export function diagnosticsFileName(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `exai-diagnostics-${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}.zip`;
}

export function diagnosticsUrl(
  httpEndpoint: string,
  versions: SaveDiagnosticsDeps['versions'],
): string {
  const url = new URL('/diagnostics.zip', httpEndpoint);
  for (const [key, value] of Object.entries(versions)) if (value) url.searchParams.set(key, value);
  return url.toString();
}

export async function saveDiagnostics(deps: SaveDiagnosticsDeps): Promise<DiagnosticsResult> {
  // Checked before the dialog: asking where to save something that cannot be made wastes a step.
  const daemon = deps.daemon();
  if (!daemon) throw new Error(tr('diagnostics.daemonNotRunning'));
  const answer = await deps.choose(diagnosticsFileName(deps.now?.() ?? new Date()));
  if (answer.canceled || !answer.filePath) return { saved: false };

  let response: Response;
  try {
    response = await deps.fetch(diagnosticsUrl(daemon.httpEndpoint, deps.versions), {
      headers: { authorization: `Bearer ${daemon.token}` },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new Error(`could not reach the daemon: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok) {
    const body = (await response.text().catch(() => '')).trim().slice(0, 200);
    throw new Error(`the daemon answered ${response.status}${body ? `: ${body}` : ''}`);
  }
  if (!response.headers.get('content-type')?.startsWith('application/zip'))
    throw new Error(
      `the daemon answered with ${response.headers.get('content-type') ?? 'no content type'}, not a zip archive`,
    );
  const data = new Uint8Array(await response.arrayBuffer());
  await deps.writeFile(answer.filePath, data);
  return { saved: true, path: answer.filePath, bytes: data.length };
}
