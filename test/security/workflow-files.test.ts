// Attack suite, workflow files: relevant_files (files and folders) go through the same reader
// as chat's files, so the same places are refused and nothing reaches a provider.
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDaemon, tempDataDir, text } from '../helpers/daemon.ts';

const analyze = (relevant_files: string[]) => ({
  step: 'Review these files',
  step_number: 1,
  total_steps: 1,
  next_step_required: false,
  findings: 'See the files',
  relevant_files,
});

describe.runIf(process.platform === 'linux')('workflow relevant_files', () => {
  it('refuses an environ symlink, the data folder (as a file or a folder) and a folder outside the roots', async () => {
    const root = tempDataDir();
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_ALLOWED_ROOTS: root },
    });
    symlinkSync('/proc/self/environ', join(root, 'env.txt'));
    symlinkSync(rig.dataDir, join(root, 'data'));
    const outside = tempDataDir();
    writeFileSync(join(outside, 'secret.txt'), 'not yours');

    const cases: Array<[string, RegExp]> = [
      [
        join(root, 'env.txt'),
        /relevant_files: .*env\.txt \(which resolves to \/proc\/\d+\/environ\) is in \/proc/,
      ],
      [join(root, 'data', 'token'), /relevant_files: .*token\) is in .*the daemon's data folder/],
      [
        join(root, 'data'),
        /relevant_files: .*data \(which resolves to .*\) is in .*the daemon's data folder/,
      ],
      [outside, /relevant_files: .* is outside the folders tools may read .*EXAI_ALLOWED_ROOTS/],
    ];
    for (const [path, message] of cases) {
      const result = await rig.call('analyze', analyze([path]));
      expect(text(result)).toMatch(/INVALID_ARGUMENTS/);
      expect(text(result)).toMatch(message);
    }
    const sent = JSON.stringify([...rig.kimi.requests, ...rig.glm.requests].map((r) => r.body));
    expect(sent).not.toContain(rig.token);
    expect(sent).not.toContain('not yours');
  });
});
