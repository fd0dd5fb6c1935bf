import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runGit, NotAWorkTreeError } from './git-run.ts';

/** A directory expands to at most this many files; the rest are reported, not read. */
export const MAX_FILES_PER_DIRECTORY = 200;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export interface Expansion {
  files: string[];
  skipped: Array<{ path: string; reason: string }>;
}

function skippedSegment(relative: string): boolean {
  return relative.split('/').some((part) => SKIPPED_DIRS.has(part));
}

/**
 * The files under `dir`. Inside a git work tree git itself lists them (tracked and untracked,
 * minus what .gitignore, .git/info/exclude and the global excludes say), so the rules are
 * exactly the user's; elsewhere a plain walk. node_modules and .git are always skipped, and
 * files over the size cap are reported as skipped (binaries are skipped by the reader).
 */
export async function expandDirectory(
  dir: string,
  capBytes: number,
  signal: AbortSignal,
): Promise<Expansion> {
  let relative: string[];
  try {
    const out = await runGit(
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      dir,
      signal,
    );
    relative = out.split('\0').filter((p) => p !== '');
  } catch (error) {
    if (!(error instanceof NotAWorkTreeError) || signal.aborted) throw error;
    relative = await walk(dir, '', signal, { left: MAX_WALK_ENTRIES });
  }
  const expansion: Expansion = { files: [], skipped: [] };
  for (const rel of [...new Set(relative)].sort()) {
    if (skippedSegment(rel)) continue;
    const path = join(dir, rel);
    const info = await stat(path).catch(() => undefined);
    // A tracked file deleted in the work tree, or a submodule: nothing to read.
    if (!info?.isFile()) continue;
    if (info.size > capBytes) {
      expansion.skipped.push({ path, reason: 'over the file size cap' });
      continue;
    }
    if (expansion.files.length >= MAX_FILES_PER_DIRECTORY) {
      expansion.skipped.push({
        path,
        reason: `more than ${MAX_FILES_PER_DIRECTORY} files in ${dir}`,
      });
      continue;
    }
    expansion.files.push(path);
  }
  return expansion;
}

/** A walk outside git stops after this many entries: a directory such as / must not hang the call. */
const MAX_WALK_ENTRIES = 5_000;

async function walk(
  root: string,
  rel: string,
  signal: AbortSignal,
  budget: { left: number },
): Promise<string[]> {
  signal.throwIfAborted();
  const entries = await readdir(join(root, rel), { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    if ((budget.left -= 1) < 0) break;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    // Symlinks are not followed: they could lead anywhere (or loop).
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name))
      found.push(...(await walk(root, child, signal, budget)));
    else if (entry.isFile()) found.push(child);
  }
  return found;
}
