import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { statInputFile } from '../../files/file-reader.ts';
import { ToolError } from '../tool-error.ts';

/**
 * The one place provider tools read a user's file to upload it. Today it uses the daemon's file
 * reader (daemon/files/file-reader.ts) for the path, existence, directory and size checks; the
 * reader has no allowed roots or special-file check yet, so this opens with O_NONBLOCK (a FIFO
 * cannot hang the call) and refuses anything fstat does not call a regular file. When the
 * reader grows those rules this adapter should call it instead of opening the file itself.
 */
export interface UploadSource {
  path: string;
  filename: string;
  data: Buffer;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

export async function readUploadSource(
  path: string,
  capBytes: number,
  argName: string,
): Promise<UploadSource> {
  await statInputFile(path, capBytes, argName).catch((error: unknown) => {
    // The reader words the cap as the embed setting; here it is the provider's upload limit.
    if (error instanceof ToolError && /file size cap/.test(error.message)) {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `${argName}: ${path} is over the provider's ${mb(capBytes)} upload limit`,
      );
    }
    throw error;
  });
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new ToolError(
      'INVALID_ARGUMENTS',
      `${argName}: ${path} cannot be opened (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `${argName}: ${path} is not a regular file (a device, FIFO or socket); only regular files can be uploaded`,
      );
    }
    if (info.size > capBytes) {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `${argName}: ${path} is over the provider's ${mb(capBytes)} upload limit`,
      );
    }
    // At most cap + 1 bytes: a file that grows while read still cannot pass the limit.
    const buffer = Buffer.alloc(Math.min(info.size, capBytes) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > capBytes) {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `${argName}: ${path} is over the provider's ${mb(capBytes)} upload limit`,
      );
    }
    return { path, filename: basename(path), data: buffer.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}
