import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDaemon } from '../helpers/daemon.ts';
import { lastSent, step, tempProject } from './workflow-helpers.ts';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.invalid',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.invalid',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  });
}

/** A repository with one commit, then a staged change in a.ts and an unstaged one in b.ts. */
function repoWithChanges(): string {
  const root = tempProject({ 'a.ts': 'export const a = 1;\n', 'b.ts': 'export const b = 1;\n' });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '.');
  git(root, 'commit', '-qm', 'first');
  writeFileSync(join(root, 'a.ts'), 'export const a = 2; // STAGED-CHANGE\n');
  git(root, 'add', 'a.ts');
  writeFileSync(join(root, 'b.ts'), 'export const b = 2; // UNSTAGED-CHANGE\n');
  return root;
}

const final = (path: string, extra: Record<string, unknown> = {}) => ({
  step: 'Validate before commit',
  step_number: 1,
  total_steps: 1,
  next_step_required: false,
  findings: 'Both constants changed',
  path,
  ...extra,
});

describe('precommit', () => {
  it('a pause step, then the expert gets the staged and unstaged diff and the changed files', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const root = repoWithChanges();
    const one = await step(rig, 'precommit', {
      ...final(root),
      total_steps: 2,
      next_step_required: true,
      findings: 'FIRST-LOOK at the change',
    });
    expect(one.sc.status).toBe('pause_for_precommit');
    const done = await step(rig, 'precommit', {
      step: 'Checked callers',
      step_number: 2,
      total_steps: 2,
      next_step_required: false,
      findings: 'SECOND-LOOK: no callers break',
      continuation_id: one.sc.continuation_id,
    });
    expect(done.result.isError).toBeFalsy();
    expect(done.sc.status).toBe('precommit_complete');
    const sent = lastSent(rig.kimi);
    expect(sent).toContain('## Staged changes');
    expect(sent).toContain('+export const a = 2; // STAGED-CHANGE');
    expect(sent).toContain('## Unstaged changes');
    expect(sent).toContain('+export const b = 2; // UNSTAGED-CHANGE');
    expect(sent).toContain(`BEGIN FILE: ${join(root, 'a.ts')}`);
    expect(sent).toContain(`BEGIN FILE: ${join(root, 'b.ts')}`);
    expect(sent).toContain('FIRST-LOOK at the change');
    expect(sent).toContain('SECOND-LOOK: no callers break');
    expect(done.sc.complete_precommit).toMatchObject({
      files_embedded: [join(root, 'a.ts'), join(root, 'b.ts')],
    });
  });

  it('include_unstaged false sends only the staged change; compare_to diffs against a ref', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const root = repoWithChanges();
    await step(rig, 'precommit', final(root, { include_unstaged: false }));
    const stagedOnly = lastSent(rig.kimi);
    expect(stagedOnly).toContain('STAGED-CHANGE');
    expect(stagedOnly).not.toContain('UNSTAGED-CHANGE');

    git(root, 'commit', '-qm', 'second');
    await step(rig, 'precommit', final(root, { compare_to: 'HEAD~1' }));
    const against = lastSent(rig.kimi);
    expect(against).toContain('## Changes against HEAD~1');
    expect(against).toContain('STAGED-CHANGE');
    expect(against).toContain('UNSTAGED-CHANGE');

    const badRef = await step(rig, 'precommit', final(root, { compare_to: 'no-such-branch' }));
    expect(badRef.result.isError).toBe(true);
    expect(badRef.text).toContain('compare_to: "no-such-branch" is not a commit');
  });

  it("reading a checkout runs none of the repository's own commands (core.fsmonitor)", async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const root = repoWithChanges();
    const marker = join(root, 'hook-ran');
    const hook = join(root, 'hook.sh');
    writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`, { mode: 0o755 });
    git(root, 'config', 'core.fsmonitor', hook);
    const done = await step(rig, 'precommit', final(root));
    expect(done.result.isError).toBeFalsy();
    expect(lastSent(rig.kimi)).toContain('STAGED-CHANGE');
    expect(existsSync(marker)).toBe(false);
  });

  it('a path that is not a git work tree is a clear error', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const plain = tempProject({ 'x.ts': 'x' });
    const answer = await step(rig, 'precommit', final(plain));
    expect(answer.result.isError).toBe(true);
    expect(answer.text).toContain(`${plain} is not inside a git work tree`);
    expect(rig.kimi.chatRequests).toHaveLength(0);
  });
});
