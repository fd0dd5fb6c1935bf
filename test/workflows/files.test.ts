import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDaemon } from '../helpers/daemon.ts';
import { lastSent, step, tempProject } from './workflow-helpers.ts';

const finalStep = (extra: Record<string, unknown>) => ({
  step: 'Review these files',
  step_number: 1,
  total_steps: 1,
  next_step_required: false,
  findings: 'See the files',
  ...extra,
});

describe('files in workflow requests', () => {
  it('a directory in relevant_files is expanded: .gitignore respected, node_modules, binaries and files over the cap skipped', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      config: { fileSizeCapBytes: 4096 },
    });
    const root = tempProject({
      'main.ts': 'export const MAIN = 1;\n',
      'sub/util.ts': 'export const UTIL = 2;\n',
      'ignored.ts': 'export const IGNORED = 3;\n',
      '.gitignore': 'ignored.ts\n',
      'node_modules/dep/index.js': 'module.exports = "DEPENDENCY";\n',
      'big.ts': `// BIG\n${'x'.repeat(5000)}\n`,
    });
    writeFileSync(join(root, 'image.bin'), Buffer.from([0x89, 0x50, 0x00, 0x01, 0x02, 0x00]));
    execFileSync('git', ['init', '-q'], { cwd: root });

    const done = await step(rig, 'analyze', finalStep({ relevant_files: [root] }));
    expect(done.result.isError).toBeFalsy();
    const sent = lastSent(rig.kimi);
    expect(sent).toContain(`BEGIN FILE: ${join(root, 'main.ts')}`);
    expect(sent).toContain(`BEGIN FILE: ${join(root, 'sub/util.ts')}`);
    expect(sent).not.toContain('IGNORED');
    expect(sent).not.toContain('DEPENDENCY');
    expect(sent).not.toContain('// BIG');
    const summary = done.sc.complete_analyze as Record<string, unknown>;
    const skipped = summary.files_skipped as Array<{ path: string; reason: string }>;
    expect(skipped).toEqual(
      expect.arrayContaining([
        { path: join(root, 'big.ts'), reason: 'over the file size cap' },
        expect.objectContaining({
          path: join(root, 'image.bin'),
          reason: expect.stringMatching(/binary/),
        }),
      ]),
    );
    expect(sent).toContain(`Not read: ${join(root, 'big.ts')} (over the file size cap)`);
  });

  it("a file over the model's file budget is omitted and named; the others are embedded", async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const root = tempProject({
      'small.ts': 'export const SMALL = 1;\n',
      // ~6000 tokens: more than half of moonshot-v1-8k's 8192-token window.
      'large.ts': `// LARGE-FILE\n${'const value = 1;\n'.repeat(1500)}`,
    });
    const [small, large] = [join(root, 'small.ts'), join(root, 'large.ts')];
    const done = await step(
      rig,
      'codereview',
      finalStep({ relevant_files: [large, small], model: 'moonshot-v1-8k' }),
    );
    expect(done.result.isError).toBeFalsy();
    expect(done.sc.complete_codereview).toMatchObject({
      files_embedded: [small],
      files_omitted: [large],
    });
    const sent = lastSent(rig.kimi);
    expect(rig.kimi.chatRequests[0]!.model).toBe('moonshot-v1-8k');
    expect(sent).toContain('SMALL');
    expect(sent).not.toContain('LARGE-FILE');
    expect(sent).toContain(`Omitted, over the file budget of 4096 tokens: ${large}`);
  });

  it('a file sent to a model earlier in the thread is not sent twice', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const root = tempProject({ 'a.ts': 'export const ONCE = 1;\n' });
    const file = join(root, 'a.ts');
    const review = await step(rig, 'codereview', finalStep({ relevant_files: [file] }));
    expect(lastSent(rig.kimi)).toContain('ONCE');
    const again = await step(
      rig,
      'analyze',
      finalStep({ relevant_files: [file], continuation_id: review.sc.continuation_id }),
    );
    expect(again.sc.complete_analyze).toMatchObject({
      files_embedded: [],
      files_sent_earlier: [file],
    });
    expect(lastSent(rig.kimi)).not.toContain('BEGIN FILE');
  });

  it('a relative path or a missing file is a clear error', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const relative = await step(rig, 'analyze', finalStep({ relevant_files: ['src/a.ts'] }));
    expect(relative.result.isError).toBe(true);
    expect(relative.text).toContain('relevant_files: "src/a.ts" is not an absolute path');
    const missing = await step(
      rig,
      'analyze',
      finalStep({ relevant_files: ['/nonexistent/x.ts'] }),
    );
    expect(missing.result.isError).toBe(true);
    expect(missing.text).toContain('relevant_files: /nonexistent/x.ts does not exist');
  });
});
