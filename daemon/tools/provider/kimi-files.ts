import { createHash } from 'node:crypto';
import type { ToolContext } from '../tool.ts';
import { providerClient, upstream, type ProviderHandle } from './provider-client.ts';
import { UploadIndex } from './upload-index.ts';
import { readUploadSource } from './upload-source.ts';

/** Moonshot's published per-file limit for its Files API. */
export const KIMI_UPLOAD_LIMIT_BYTES = 100 * 1024 * 1024;
/** Extracted text returned per file; a longer text is cut here, with a note saying so. */
export const EXTRACT_TEXT_LIMIT_CHARS = 100_000;

export interface ExtractedFile {
  file: string;
  file_id: string;
  bytes: number;
  text: string;
  /** The text was cut at EXTRACT_TEXT_LIMIT_CHARS; this says how long it was. */
  note?: string;
  /** The same content was already uploaded and still listed: no new upload. */
  reused: boolean;
}

/** GET /files: the ids Kimi lists (its list has no pages). */
export async function listKimiFiles(ctx: ToolContext, handle: ProviderHandle) {
  const page = await upstream(ctx, handle, 'listing Kimi files', () =>
    handle.client.files.list(undefined, handle.options()),
  );
  return page.data;
}

/** GET /files/{id}/content: Kimi answers JSON whose `content` is the extracted text. */
async function extractedText(
  ctx: ToolContext,
  handle: ProviderHandle,
  fileId: string,
): Promise<string> {
  const raw = await upstream(ctx, handle, `reading the extracted text of ${fileId}`, async () => {
    const response = await handle.client.files.content(fileId, handle.options());
    return response.text();
  });
  try {
    const parsed = JSON.parse(raw) as { content?: unknown };
    if (typeof parsed.content === 'string') return parsed.content;
  } catch {
    // Not JSON: the body is the text itself.
  }
  return raw;
}

/**
 * Uploads each file to Kimi (purpose file-extract) and reads back its extracted text. Every path
 * is checked before anything is uploaded; content uploaded before (same SHA-256) and still listed
 * by Kimi is not uploaded again.
 */
export async function uploadAndExtract(
  ctx: ToolContext,
  paths: readonly string[],
): Promise<ExtractedFile[]> {
  const handle = await providerClient(ctx, 'kimi');
  const sources = [];
  for (const path of new Set(paths))
    sources.push(await readUploadSource(path, KIMI_UPLOAD_LIMIT_BYTES, 'files', ctx));
  const index = new UploadIndex(ctx.services.config().dataDir);
  let listed: Set<string> | undefined;
  const results: ExtractedFile[] = [];
  for (const source of sources) {
    const sha256 = createHash('sha256').update(source.data).digest('hex');
    const known = index.find('kimi', sha256);
    let fileId: string | undefined;
    if (known) {
      listed ??= new Set((await listKimiFiles(ctx, handle)).map((f) => f.id));
      if (listed.has(known.file_id)) fileId = known.file_id;
      else index.remove('kimi', new Set([known.file_id]));
    }
    const reused = fileId !== undefined;
    if (fileId === undefined) {
      ctx.progress({
        message: `uploading ${source.filename} (${source.data.length} bytes) to Kimi`,
      });
      const upload = await handle.sdk.toFile(source.data, source.filename);
      const created = await upstream(ctx, handle, `uploading ${source.path}`, () =>
        // Moonshot's purpose; the client's type only knows OpenAI's.
        handle.client.files.create(
          { file: upload, purpose: 'file-extract' as 'assistants' },
          handle.options(),
        ),
      );
      fileId = created.id;
      index.add({
        provider: 'kimi',
        sha256,
        file_id: fileId,
        filename: source.filename,
        bytes: source.data.length,
        uploaded_at: Date.now(),
      });
    }
    ctx.progress({ message: `reading the text Kimi extracted from ${source.filename}` });
    const full = await extractedText(ctx, handle, fileId);
    const cut = full.length > EXTRACT_TEXT_LIMIT_CHARS;
    results.push({
      file: source.path,
      file_id: fileId,
      bytes: source.data.length,
      text: cut ? full.slice(0, EXTRACT_TEXT_LIMIT_CHARS) : full,
      ...(cut && { note: `text cut at ${EXTRACT_TEXT_LIMIT_CHARS} of ${full.length} characters` }),
      reused,
    });
  }
  return results;
}
