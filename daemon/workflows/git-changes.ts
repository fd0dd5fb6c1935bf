import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ToolError } from '../tools/tool-error.ts';
import { runGit } from './git-run.ts';
import type { Gathered } from './workflow-spec.ts';

export interface ChangeRequest {
  path: string;
  compareTo?: string | undefined;
  staged: boolean;
  unstaged: boolean;
}

const names = (out: string) => out.split('\n').filter((l) => l.trim() !== '');

/**
 * The pending changes under `path`, gathered with git itself: the diff (staged and/or unstaged,
 * or against a ref) and the changed files that still exist. Paths are limited to `path`.
 */
export async function gatherChanges(req: ChangeRequest, signal: AbortSignal): Promise<Gathered> {
  const git = (args: string[]) => runGit(args, req.path, signal);
  const sections: string[] = [];
  const changed = new Set<string>();
  const notes: string[] = [];
  const diffOf = async (label: string, extra: string[]) => {
    const diff = await git([
      'diff',
      '--no-ext-diff',
      '--no-textconv',
      '--relative',
      ...extra,
      '--',
      '.',
    ]);
    const files = names(await git(['diff', '--name-only', '--relative', ...extra, '--', '.']));
    files.forEach((f) => changed.add(f));
    if (diff.trim()) sections.push(`## ${label}\n${diff}`);
    notes.push(`${label}: ${files.length} file(s)`);
  };

  if (req.compareTo !== undefined) {
    // A ref that looks like an option would be read as one by git.
    if (req.compareTo.startsWith('-') || req.compareTo.trim() === '')
      throw new ToolError('INVALID_ARGUMENTS', `compare_to: "${req.compareTo}" is not a git ref`);
    await git(['rev-parse', '--verify', '--quiet', `${req.compareTo}^{commit}`]).catch(() => {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `compare_to: "${req.compareTo}" is not a commit, branch or tag in the repository at ${req.path}`,
      );
    });
    await diffOf(`Changes against ${req.compareTo}`, [req.compareTo]);
  } else {
    if (!req.staged && !req.unstaged)
      throw new ToolError(
        'INVALID_ARGUMENTS',
        'include_staged and include_unstaged are both false: nothing to check (or pass compare_to)',
      );
    if (req.staged) await diffOf('Staged changes', ['--cached']);
    if (req.unstaged) {
      await diffOf('Unstaged changes', []);
      const untracked = names(await git(['ls-files', '--others', '--exclude-standard', '--', '.']));
      untracked.forEach((f) => changed.add(f));
      if (untracked.length) notes.push(`Untracked files: ${untracked.join(', ')}`);
    }
  }
  if (changed.size === 0) {
    throw new ToolError(
      'INVALID_ARGUMENTS',
      `No pending changes under ${req.path} (${notes.join('; ') || 'nothing to compare'}); stage or make changes, or pass compare_to`,
    );
  }
  const files: string[] = [];
  for (const rel of [...changed].sort()) {
    const full = join(req.path, rel);
    // A deleted file shows in the diff only.
    if ((await stat(full).catch(() => undefined))?.isFile()) files.push(full);
  }
  return { lead: { title: 'GIT DIFF', text: sections.join('\n\n') }, files, notes };
}
