import { z } from 'zod';
import { ToolError } from '../../tools/tool-error.ts';
import { gatherChanges } from '../git-changes.ts';
import { workTreeRoot } from '../git-run.ts';
import { checkWorkflowDirectory } from '../workflow-files.ts';
import { consolidate } from '../workflow-record.ts';
import { defineWorkflow, type StepContext } from '../workflow-spec.ts';

function pathOf(s: StepContext): string | undefined {
  return (
    (s.args.path as string | undefined) ?? (consolidate(s.record).inputs.path as string | undefined)
  );
}

export const precommitWorkflow = defineWorkflow({
  name: 'precommit',
  title: 'Pre-commit validation',
  description:
    'Step-by-step validation of pending git changes before a commit: you review the changes each step; on the final step the daemon collects the diff itself with git under `path` (staged, unstaged, or against compare_to) and Kimi or GLM reviews it with the changed files.',
  inputs: {
    path: z
      .string()
      .optional()
      .describe('Absolute path inside the git work tree to check (required on step 1)'),
    compare_to: z
      .string()
      .optional()
      .describe('A git ref (branch, tag, commit) to compare against instead of staged/unstaged'),
    include_staged: z.boolean().optional().describe('Include staged changes (default true)'),
    include_unstaged: z.boolean().optional().describe('Include unstaged changes (default true)'),
    focus_on: z.string().optional(),
    severity_filter: z.enum(['critical', 'high', 'medium', 'low', 'all']).optional(),
  },
  async check(s) {
    const path = pathOf(s);
    if (!path) {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        'precommit needs path: the absolute path of the git work tree (or a folder inside it) to check',
      );
    }
    await checkWorkflowDirectory(path, 'path', s.ctx.services.config());
    // Fails early, with a clear error, when path is not in a git work tree.
    await workTreeRoot(path, s.ctx.signal);
  },
  requiredActions: ({ args }) =>
    args.step_number === 1
      ? [
          'Run git status and git diff yourself and read every changed file',
          'Check that the changes do what the commit intends, and nothing else',
        ]
      : [
          'Look for bugs, missing tests, leftover debug code and secrets in the changes',
          'Record each problem in issues_found with a severity',
        ],
  expert: {
    category: 'deep',
    systemPrompt: `You are a senior engineer doing the last review before a commit.
Review the diff in the context of the changed files: bugs introduced, incomplete changes, broken callers, missing or weakened tests, leftover debug code, secrets or credentials, and behaviour the commit did not intend.
For each problem: severity, location (path:line), and the fix. Say clearly whether the changes are ready to commit.`,
    task: 'Review the pending changes below (the diff first, then the changed files) and say whether they are ready to commit.',
    async gather(s) {
      const inputs = consolidate(s.record).inputs;
      return gatherChanges(
        {
          path: pathOf(s)!,
          compareTo: inputs.compare_to as string | undefined,
          staged: inputs.include_staged !== false,
          unstaged: inputs.include_unstaged !== false,
        },
        s.ctx.signal,
      );
    },
  },
});
