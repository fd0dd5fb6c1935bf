// The file reader's API, as other tools use it (relevant_files, uploads, folder expansion).
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../daemon/config/schema.ts';
import {
  openUserFile,
  readBinaryFile,
  readTextFiles,
  readUserFile,
  resolveAllowed,
} from '../../daemon/files/file-reader.ts';

function setup(limits: { maxFilesPerCall?: number } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'exai-reader-'));
  const config = configSchema.parse({
    dataDir: join(root, 'data'),
    allowedRoots: [root],
    ...limits,
  });
  for (const name of ['a', 'b', 'c']) writeFileSync(join(root, `${name}.txt`), `file ${name}`);
  return { root, config };
}

describe('file reader API', () => {
  it('shares one budget per call signal: a file named in two arguments counts once, and is returned to both', async () => {
    const { root, config } = setup({ maxFilesPerCall: 2 });
    const ctx = { config, signal: new AbortController().signal };
    expect((await readTextFiles([join(root, 'a.txt')], ctx)).map((f) => f.content)).toEqual([
      'file a',
    ]);
    const second = await readTextFiles([join(root, 'a.txt'), join(root, 'b.txt')], {
      ...ctx,
      argName: 'relevant_files',
    });
    expect(second.map((f) => f.content)).toEqual(['file a', 'file b']);
    await expect(readTextFiles([join(root, 'c.txt')], ctx)).rejects.toThrow(
      /files: .*c\.txt would be file number 3 of this call, over the 2-file cap \(setting maxFilesPerCall\)/,
    );
    // Another call has its own budget.
    expect(
      await readTextFiles([join(root, 'c.txt')], { config, signal: new AbortController().signal }),
    ).toHaveLength(1);
  });

  it.runIf(process.platform === 'linux')(
    'resolveAllowed gives the real path of a folder to expand, and refuses one that leads into a refused place',
    async () => {
      const { root, config } = setup();
      mkdirSync(join(root, 'src'));
      symlinkSync(join(root, 'src'), join(root, 'src-link'));
      symlinkSync('/proc/self', join(root, 'me'));
      symlinkSync(config.dataDir, join(root, 'data-link'));
      mkdirSync(config.dataDir);
      expect(await resolveAllowed(join(root, 'src-link'), config, 'relevant_files')).toBe(
        await realpath(join(root, 'src')),
      );
      await expect(resolveAllowed(join(root, 'me'), config, 'relevant_files')).rejects.toThrow(
        /relevant_files: .*me \(which resolves to \/proc\/\d+\) is in \/proc/,
      );
      await expect(resolveAllowed(join(root, 'data-link'), config)).rejects.toThrow(
        /the daemon's data folder/,
      );
      await expect(resolveAllowed('relative/path.txt', config)).rejects.toThrow(
        /is not an absolute path/,
      );
    },
  );

  it('openUserFile hands back an open regular file; reading stops when the call is cancelled', async () => {
    const { root, config } = setup();
    writeFileSync(join(root, 'big.txt'), 'z'.repeat(1024 * 1024));
    const controller = new AbortController();
    const file = await openUserFile(join(root, 'big.txt'), {
      config,
      signal: controller.signal,
      argName: 'upload',
    });
    expect(file).toMatchObject({
      size: 1024 * 1024,
      realPath: await realpath(join(root, 'big.txt')),
    });
    controller.abort(new Error('the call was cancelled'));
    await expect(readUserFile(file, { config, signal: controller.signal })).rejects.toThrow(
      'the call was cancelled',
    );
    await expect(
      openUserFile(join(root, 'big.txt'), {
        config,
        signal: new AbortController().signal,
        capBytes: 1000,
        capSetting: 'uploadCapBytes',
      }),
    ).rejects.toThrow(/is 1\.0 MB, over the 1000 bytes file size cap \(setting uploadCapBytes\)/);
  });

  it('readBinaryFile reads bytes for uploads under its own cap, counted with the call', async () => {
    const { root, config } = setup({ maxFilesPerCall: 1 });
    const ctx = {
      config,
      signal: new AbortController().signal,
      argName: 'file',
      capBytes: 4,
      capSetting: 'uploadCapBytes',
    };
    await expect(readBinaryFile(join(root, 'a.txt'), ctx)).rejects.toThrow(
      /file: .*a\.txt is 6 bytes, over the 4 bytes file size cap \(setting uploadCapBytes\)/,
    );
    const read = await readBinaryFile(join(root, 'a.txt'), { ...ctx, capBytes: 100 });
    expect(read.data.toString()).toBe('file a');
    await expect(readBinaryFile(join(root, 'b.txt'), { ...ctx, capBytes: 100 })).rejects.toThrow(
      /over the 1-file cap \(setting maxFilesPerCall\)/,
    );
  });
});
