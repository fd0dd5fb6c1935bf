import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { ToolError } from '../core/tool-error.ts';
import { resolveAllowed, type FileReaderConfig } from './allowed-roots.ts';

export interface UserFile {
  /** Open read-only on a regular file; the caller closes it. */
  handle: FileHandle;
  /** The path as the caller gave it, for messages. */
  path: string;
  realPath: string;
  size: number;
}

export interface OpenOptions {
  config: FileReaderConfig;
  signal: AbortSignal;
  /** The argument named in errors: files, images, relevant_files, … */
  argName?: string;
  /** Largest size accepted, and the setting that sets it (named in the error). */
  capBytes?: number;
  capSetting?: string;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

// O_NONBLOCK: opening a FIFO must not wait for a writer (it would hold one of libuv's four file
// threads for good). O_NOFOLLOW: the real path was checked; a symlink swapped in since is refused.
const OPEN_FLAGS =
  constants.O_RDONLY |
  (constants.O_NONBLOCK ?? 0) |
  (constants.O_NOFOLLOW ?? 0) |
  (constants.O_NOCTTY ?? 0);

/**
 * Opens a user-given path for reading, the one way every tool reads a user's file: the real path
 * must be allowed (resolveAllowed), the open handle must be a regular file (fstat, so no FIFO,
 * device or socket is ever read) and no larger than the cap.
 */
export async function openUserFile(path: string, options: OpenOptions): Promise<UserFile> {
  const argName = options.argName ?? 'files';
  const capBytes = options.capBytes ?? options.config.fileSizeCapBytes;
  const capSetting = options.capSetting ?? 'fileSizeCapBytes';
  options.signal.throwIfAborted();
  const realPath = await resolveAllowed(path, options.config, argName);
  options.signal.throwIfAborted();
  let handle: FileHandle;
  try {
    handle = await open(realPath, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `${argName}: ${path} is a directory; pass the files inside it one by one`,
      );
    }
    throw new ToolError(
      'INVALID_ARGUMENTS',
      `${argName}: ${path} cannot be read (${code === 'ELOOP' ? 'it changed while being read' : (code ?? (error as Error).message)})`,
    );
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `${argName}: ${path} is a directory; pass the files inside it one by one`,
      );
    }
    if (!info.isFile()) {
      const kind = info.isFIFO() ? 'a FIFO' : info.isSocket() ? 'a socket' : 'a device';
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `${argName}: ${path} is ${kind}, not a regular file; only regular files are read`,
      );
    }
    if (info.size > capBytes) {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `${argName}: ${path} is ${formatBytes(info.size)}, over the ${formatBytes(capBytes)} file size cap (setting ${capSetting})`,
      );
    }
    return { handle, path, realPath, size: info.size };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

const CHUNK = 64 * 1024;

/**
 * Reads an opened file to its end, at most `capBytes` (a file that grew since fstat is refused),
 * in chunks so the call's abort stops it between two. Closes the handle.
 */
export async function readUserFile(file: UserFile, options: OpenOptions): Promise<Buffer> {
  const capBytes = options.capBytes ?? options.config.fileSizeCapBytes;
  const capSetting = options.capSetting ?? 'fileSizeCapBytes';
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      options.signal.throwIfAborted();
      const want = Math.min(CHUNK, capBytes + 1 - total);
      const { bytesRead, buffer } = await file.handle.read(Buffer.alloc(want), 0, want, total);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > capBytes) {
        throw new ToolError(
          'INVALID_ARGUMENTS',
          `${options.argName ?? 'files'}: ${file.path} is over the ${formatBytes(capBytes)} file size cap (setting ${capSetting})`,
        );
      }
    }
  } finally {
    await file.handle.close().catch(() => undefined);
  }
  return Buffer.concat(chunks, total);
}
