import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config/schema.ts';

/**
 * GET /diagnostics.zip: the same archive as `exai diagnostics`, for the app's "Save diagnostics…"
 * (which adds its own versions as query parameters: electron, chrome, app). The zip code (fflate
 * builds its tables when loaded) is loaded on the first request, not at every start.
 */
export async function handleDiagnosticsRoute(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  sources: {
    config: () => Config;
    secrets: () => Array<string | undefined>;
    status: () => unknown;
  },
): Promise<boolean> {
  if (req.method !== 'GET' || url.pathname !== '/diagnostics.zip') return false;
  const { buildDiagnostics } = await import('../diagnostics/diagnostics.ts');
  const extraVersions: Record<string, string> = {};
  for (const key of ['app', 'electron', 'chrome']) {
    const value = url.searchParams.get(key);
    if (value && /^[\w.+-]{1,40}$/.test(value)) extraVersions[key] = value;
  }
  const zip = buildDiagnostics({
    config: sources.config(),
    secrets: sources.secrets(),
    status: sources.status(),
    extraVersions,
  });
  res.writeHead(200, {
    'content-type': 'application/zip',
    'content-length': zip.length,
    'content-disposition': 'attachment; filename="exai-diagnostics.zip"',
    'cache-control': 'no-store',
  });
  res.end(zip);
  return true;
}
