import { ToolError } from '../core/tool-error.ts';
import type { FileReadContext } from './read-context.ts';
import { openUserFile, readUserFile } from './open-user-file.ts';
import { chargeFile } from './read-budget.ts';

export { resolveAllowed, allowedRootsOf, type FileReaderConfig } from './allowed-roots.ts';
export { openUserFile, readUserFile, type UserFile, type OpenOptions } from './open-user-file.ts';
export { readImages, imageMime } from './image-reader.ts';
export type { FileReadContext } from './read-context.ts';

export interface TextFile {
  /** As the caller gave it (shown to the model). */
  path: string;
  /** Where it really is (symlinks followed); set by readTextFiles. */
  realPath?: string;
  content: string;
  bytes: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads text files for a tool argument (`files`, `relevant_files`, …): each path goes through
 * openUserFile (allowed roots, regular file, size cap); a file reached by several spellings is
 * read and returned once; the call's file-count and total-bytes caps apply across all its
 * arguments (a file named in two arguments counts once).
 */
export async function readTextFiles(
  paths: readonly string[],
  ctx: FileReadContext,
): Promise<TextFile[]> {
  const argName = ctx.argName ?? 'files';
  const files: TextFile[] = [];
  const seen = new Set<string>();
  for (const path of new Set(paths)) {
    const file = await openUserFile(path, { ...ctx, argName });
    const key = `text:${file.realPath}`;
    if (seen.has(key)) {
      await file.handle.close();
      continue;
    }
    seen.add(key);
    try {
      chargeFile(ctx.signal, ctx.config, key, file.size, argName, path);
    } catch (error) {
      await file.handle.close();
      throw error;
    }
    const data = await readUserFile(file, { ...ctx, argName });
    let content: string;
    try {
      if (data.subarray(0, 8192).includes(0)) throw new Error('NUL byte');
      content = utf8.decode(data);
    } catch {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `${argName}: ${path} is a binary file, not text; only text files can be embedded (send images with "images")`,
      );
    }
    files.push({ path, realPath: file.realPath, content, bytes: data.length });
  }
  return files;
}

/**
 * Reads one file as bytes (provider uploads and the like): openUserFile's checks, under
 * `capBytes` (default fileSizeCapBytes; name its setting in `capSetting`), counted against the
 * call's file and byte caps like every other file the call reads.
 */
export async function readBinaryFile(
  path: string,
  ctx: FileReadContext & {
    capBytes?: number;
    capSetting?: string;
    /** False for uploads: bounded by the provider's own limit, not sent inside a prompt. */
    countBytes?: boolean;
  },
): Promise<{ path: string; realPath: string; data: Buffer }> {
  const argName = ctx.argName ?? 'file';
  const file = await openUserFile(path, { ...ctx, argName });
  try {
    chargeFile(
      ctx.signal,
      ctx.config,
      `binary:${file.realPath}`,
      ctx.countBytes === false ? 0 : file.size,
      argName,
      path,
    );
  } catch (error) {
    await file.handle.close();
    throw error;
  }
  const data = await readUserFile(file, { ...ctx, argName });
  return { path, realPath: file.realPath, data };
}
