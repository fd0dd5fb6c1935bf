// The workflow engine's only way to a user's file: everything goes through the daemon's one file
// reader (daemon/files). Kept to this file so the reader can be rewired in one place.
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import {
  readImages,
  readTextFiles,
  resolveAllowed,
  type FileReaderConfig,
  type TextFile,
} from '../files/file-reader.ts';
import { ToolError, isToolError } from '../tools/tool-error.ts';
import { expandDirectory } from './expand-directory.ts';

export type { TextFile };

export interface GatheredFiles {
  files: TextFile[];
  /** Files found in a directory but not read (binary, over the cap, too many). */
  skipped: Array<{ path: string; reason: string }>;
}

async function isDirectory(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info?.isDirectory() ?? false;
}

/** Files read from expanded directories stop here, however many small files a folder holds. */
const MAX_EXPANDED_BYTES = 16 * 1024 * 1024;

/**
 * A folder the workflow itself lists or diffs (a directory in relevant_files, precommit's path):
 * what the daemon reads there must obey the same rules as a file named directly.
 */
export async function checkWorkflowDirectory(
  path: string,
  argName: string,
  config: FileReaderConfig,
): Promise<void> {
  if (!isAbsolute(path)) {
    throw new ToolError(
      'INVALID_ARGUMENTS',
      `${argName}: "${path}" is not an absolute path; pass full paths such as /home/me/project`,
    );
  }
  if (!(await isDirectory(path)))
    throw new ToolError('INVALID_ARGUMENTS', `${argName}: ${path} is not a folder`);
  // Inside the allowed roots and outside the refused folders, like any file the reader opens.
  await resolveAllowed(path, config, argName);
}

/**
 * Reads `paths` for the expert: each named file must be readable text under the cap (a clear
 * error otherwise); a directory is expanded and its unreadable files are skipped, not fatal.
 */
export async function readWorkflowFiles(
  paths: readonly string[],
  config: FileReaderConfig,
  signal: AbortSignal,
  options: { argName?: string; lenient?: boolean } = {},
): Promise<GatheredFiles> {
  const argName = options.argName ?? 'relevant_files';
  const capBytes = config.fileSizeCapBytes;
  const ctx = { config, signal, argName };
  const gathered: GatheredFiles = { files: [], skipped: [] };
  const seen = new Set<string>();
  let expandedBytes = 0;
  const add = (file: TextFile) => {
    if (seen.has(file.path)) return;
    seen.add(file.path);
    gathered.files.push(file);
  };
  for (const path of paths) {
    signal.throwIfAborted();
    if (!isAbsolute(path)) {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `${argName}: "${path}" is not an absolute path; pass full paths such as /home/me/project/file.ts`,
      );
    }
    if (await isDirectory(path)) {
      await checkWorkflowDirectory(path, argName, config);
      const expansion = await expandDirectory(path, capBytes, signal);
      gathered.skipped.push(...expansion.skipped);
      for (const file of expansion.files) {
        if (seen.has(file)) continue;
        if (expandedBytes >= MAX_EXPANDED_BYTES) {
          gathered.skipped.push({ path: file, reason: 'the folders given hold too much text' });
          continue;
        }
        try {
          for (const read of await readTextFiles([file], ctx)) {
            expandedBytes += read.bytes;
            add(read);
          }
        } catch (error) {
          if (!isToolError(error) || error.code !== 'INVALID_ARGUMENTS') throw error;
          gathered.skipped.push({ path: file, reason: error.message.replace(/^\w+: \S+ /, '') });
        }
      }
      continue;
    }
    if (seen.has(path)) continue;
    try {
      for (const read of await readTextFiles([path], ctx)) add(read);
    } catch (error) {
      // Files the daemon found itself (a diff's changed files) are skipped, not fatal.
      if (options.lenient && isToolError(error) && error.code === 'INVALID_ARGUMENTS') {
        gathered.skipped.push({ path, reason: error.message.replace(/^\w+: \S+ /, '') });
        continue;
      }
      throw error;
    }
  }
  return gathered;
}

/** The steps' images as data URLs, for a vision model. */
export async function readWorkflowImages(
  paths: readonly string[],
  config: FileReaderConfig,
  signal: AbortSignal,
): Promise<string[]> {
  return readImages(paths, { config, signal });
}
