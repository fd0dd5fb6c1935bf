import { basename } from 'node:path';
import { readBinaryFile } from '../../files/file-reader.ts';
import type { ToolContext } from '../tool.ts';
import { ToolError } from '../tool-error.ts';

/**
 * The one place provider tools read a user's file to upload it: the daemon's file reader
 * (allowed roots, never /proc, /dev or the data folders, regular files only, the call's caps),
 * under the provider's upload limit instead of the embed size cap.
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
  ctx: Pick<ToolContext, 'services' | 'signal'>,
): Promise<UploadSource> {
  try {
    const { data } = await readBinaryFile(path, {
      config: ctx.services.config(),
      signal: ctx.signal,
      argName,
      capBytes,
      capSetting: 'the provider upload limit',
      countBytes: false,
    });
    return { path, filename: basename(path), data };
  } catch (error) {
    // The reader words the cap as a setting; here it is the provider's own upload limit.
    if (error instanceof ToolError && /file size cap/.test(error.message)) {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `${argName}: ${path} is over the provider's ${mb(capBytes)} upload limit`,
      );
    }
    throw error;
  }
}
