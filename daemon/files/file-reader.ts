import { open, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { ToolError } from '../core/tool-error.ts';

export interface TextFile {
  path: string;
  content: string;
  bytes: number;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** Stats a path given in `files`/`images`, with one clear error per way it can be unusable. */
export async function statInputFile(
  path: string,
  capBytes: number,
  argName: string,
): Promise<number> {
  if (!isAbsolute(path)) {
    throw new ToolError(
      'INVALID_ARGUMENTS',
      `${argName}: "${path}" is not an absolute path; pass full paths such as /home/me/project/file.ts`,
    );
  }
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `${argName}: ${path} is a directory; pass the files inside it one by one`,
      );
    }
    size = info.size;
  } catch (error) {
    if (error instanceof ToolError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new ToolError('INVALID_ARGUMENTS', `${argName}: ${path} does not exist`);
    throw new ToolError(
      'INVALID_ARGUMENTS',
      `${argName}: ${path} cannot be read (${code ?? (error as Error).message})`,
    );
  }
  if (size > capBytes) {
    throw new ToolError(
      'INVALID_ARGUMENTS',
      `${argName}: ${path} is ${formatBytes(size)}, over the ${formatBytes(capBytes)} file size cap (setting fileSizeCapBytes)`,
    );
  }
  return size;
}

async function readCapped(path: string, capBytes: number, statSize: number): Promise<Buffer> {
  // Read at most cap + 1 bytes: a file that grew after stat still cannot blow the cap. The buffer
  // is sized for the file stat saw, not the cap (a zeroed 2 MB buffer per file was most of the
  // time a step with many relevant_files spent); only a file that grew since is read again.
  const handle = await open(path, 'r');
  try {
    const want = Math.min(capBytes, statSize) + 1;
    const buffer = Buffer.allocUnsafe(want);
    const { bytesRead } = await handle.read(buffer, 0, want, 0);
    if (bytesRead < want || want > capBytes) return buffer.subarray(0, bytesRead);
    const whole = Buffer.allocUnsafe(capBytes + 1);
    const again = await handle.read(whole, 0, capBytes + 1, 0);
    return whole.subarray(0, again.bytesRead);
  } finally {
    await handle.close();
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads the `files` argument: each must be an absolute path to a text file under the size cap. */
export async function readTextFiles(
  paths: readonly string[],
  capBytes: number,
): Promise<TextFile[]> {
  const files: TextFile[] = [];
  for (const path of new Set(paths)) {
    const size = await statInputFile(path, capBytes, 'files');
    const data = await readCapped(path, capBytes, size);
    if (data.length > capBytes) {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `files: ${path} is over the ${formatBytes(capBytes)} file size cap (setting fileSizeCapBytes)`,
      );
    }
    let content: string;
    try {
      if (data.subarray(0, 8192).includes(0)) throw new Error('NUL byte');
      content = utf8.decode(data);
    } catch {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `files: ${path} is a binary file, not text; only text files can be embedded (send images with "images")`,
      );
    }
    files.push({ path, content, bytes: data.length });
  }
  return files;
}
