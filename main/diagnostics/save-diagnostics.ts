import type { DiagnosticsResult } from '../../preload/api.ts';
import { tr } from '../i18n.ts';
import type { FileSaver } from '../shell/save-to-file.ts';

// "Save diagnostics…": the daemon builds the archive (secrets scrubbed, GET /diagnostics.zip);
// the app adds its own versions, asks where to put it, and writes it through the app's one save
// path (main/shell/save-to-file.ts), passed in so every decision here is tested under plain Node.

export interface SaveDiagnosticsDeps {
  /** Where the running daemon serves HTTP (its MCP endpoint) and its token; undefined when it is not running. */
  daemon(): { httpEndpoint: string; token: string } | undefined;
  /** The save dialog and the atomic write. */
  saver: Pick<FileSaver, 'save'>;
  fetch: typeof fetch;
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
  const request = {
    title: tr('diagnostics.dialogTitle'),
    defaultName: diagnosticsFileName(deps.now?.() ?? new Date()),
    filters: [{ name: 'Zip', extensions: ['zip'] }],
  };
  // The archive is fetched only once the user has picked a place: Cancel asks the daemon nothing.
  const result = await deps.saver.save(request, () => fetchArchive(deps, daemon));
  return result.saved ? result : { saved: false };
}

async function fetchArchive(
  deps: SaveDiagnosticsDeps,
  daemon: { httpEndpoint: string; token: string },
): Promise<Uint8Array> {
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
  return new Uint8Array(await response.arrayBuffer());
}
