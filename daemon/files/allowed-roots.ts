import { realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { appDaemonDataDir } from '../bridge/data-folders.ts';
import { defaultDataDir } from '../config/paths.ts';
import type { Config } from '../config/schema.ts';
import { ToolError } from '../core/tool-error.ts';

/** The settings the file reader obeys. */
export type FileReaderConfig = Pick<
  Config,
  | 'dataDir'
  | 'allowedRoots'
  | 'fileSizeCapBytes'
  | 'maxFilesPerCall'
  | 'maxFileBytesPerCall'
  | 'imageSizeCapBytes'
>;

interface RefusedFolder {
  path: string;
  why: string;
}

// Never read, whatever allowedRoots says: the kernel's views of processes and devices (environ,
// /dev/zero), and the folders holding the token, the keys and the app's settings.
function refusedFolders(config: FileReaderConfig): RefusedFolder[] {
  const system =
    process.platform === 'win32'
      ? []
      : ['/proc', '/sys', '/dev'].map((path) => ({ path, why: 'a system folder' }));
  return [
    ...system,
    { path: config.dataDir, why: "the daemon's data folder (token, logs, config)" },
    { path: defaultDataDir(), why: "the daemon's data folder (token, logs, config)" },
    { path: dirname(appDaemonDataDir()), why: "the app's settings folder (keys, token)" },
  ];
}

export function allowedRootsOf(config: FileReaderConfig): string[] {
  return config.allowedRoots.length ? [...config.allowedRoots] : [homedir()];
}

/** The real path when the folder exists (so a symlinked /tmp still matches), else the plain one. */
async function realOrResolved(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

interface ResolvedPolicy {
  at: number;
  /** Each refused folder as given and as its real path. */
  refused: Array<RefusedFolder & { forms: string[] }>;
  roots: string[];
}

// The folders' real paths, worked out once per config for a few seconds rather than for each of
// the thousands of paths one call may name.
const POLICY_TTL_MS = 5_000;
const policies = new WeakMap<FileReaderConfig, Promise<ResolvedPolicy>>();

async function resolvePolicy(config: FileReaderConfig): Promise<ResolvedPolicy> {
  const refused = await Promise.all(
    refusedFolders(config).map(async (folder) => ({
      ...folder,
      forms: [...new Set([resolve(folder.path), await realOrResolved(folder.path)])],
    })),
  );
  const roots = await Promise.all(allowedRootsOf(config).map(realOrResolved));
  return { at: Date.now(), refused, roots };
}

async function policyFor(config: FileReaderConfig): Promise<ResolvedPolicy> {
  const cached = policies.get(config);
  if (cached) {
    const policy = await cached;
    if (Date.now() - policy.at < POLICY_TTL_MS) return policy;
  }
  const next = resolvePolicy(config);
  policies.set(config, next);
  return next;
}

// Windows paths compare without case (C:\Users and c:\users are one folder).
const fold = process.platform === 'win32' ? (p: string) => p.toLowerCase() : (p: string) => p;

function isInside(path: string, folder: string): boolean {
  const [p, f] = [fold(path), fold(folder)];
  if (p === f) return true;
  return p.startsWith(f.endsWith(sep) ? f : f + sep);
}

function missing(argName: string, path: string, error: unknown): ToolError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new ToolError('INVALID_ARGUMENTS', `${argName}: ${path} does not exist`);
  }
  return new ToolError(
    'INVALID_ARGUMENTS',
    `${argName}: ${path} cannot be read (${code ?? (error as Error).message})`,
  );
}

/**
 * Resolves a user-given path to its real path (symlinks followed) and checks that it may be read:
 * inside an allowed root, outside every refused folder. Returns the real path; throws an
 * INVALID_ARGUMENTS ToolError naming the path otherwise. Works for folders too (expand them
 * with the real path, then pass each file through openUserFile).
 */
export async function resolveAllowed(
  path: string,
  config: FileReaderConfig,
  argName = 'files',
): Promise<string> {
  if (typeof path !== 'string' || !isAbsolute(path)) {
    throw new ToolError(
      'INVALID_ARGUMENTS',
      `${argName}: "${String(path)}" is not an absolute path; pass full paths such as /home/me/project/file.ts`,
    );
  }
  if (path.includes('\0')) {
    throw new ToolError('INVALID_ARGUMENTS', `${argName}: a path contains a NUL character`);
  }
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    throw missing(argName, path, error);
  }
  const shown = real === path ? path : `${path} (which resolves to ${real})`;
  const policy = await policyFor(config);
  for (const folder of policy.refused) {
    if (folder.forms.some((dir) => isInside(real, dir))) {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `${argName}: ${shown} is in ${folder.path}, ${folder.why}; the daemon never reads files there`,
      );
    }
  }
  if (policy.roots.some((root) => isInside(real, root))) return real;
  throw new ToolError(
    'INVALID_ARGUMENTS',
    `${argName}: ${shown} is outside the folders tools may read (${allowedRootsOf(config).join(', ')}); add its folder to the allowedRoots setting (EXAI_ALLOWED_ROOTS)`,
  );
}
