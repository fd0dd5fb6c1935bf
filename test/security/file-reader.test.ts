// Attack suite, file reader: every way a tool argument could read what it must not (issue 11,
// defects 1-4). Each case goes through a real daemon and checks that nothing reached a provider.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  tempDataDir,
  GLM_KEY,
  KIMI_KEY,
  startDaemon,
  text,
  type FakeBackedDaemon,
} from '../helpers/daemon.ts';

const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const VISION = 'moonshot-v1-8k-vision-preview';

function upstreamBodies(rig: FakeBackedDaemon): string {
  return JSON.stringify([...rig.kimi.chatRequests, ...rig.glm.chatRequests].map((r) => r.body));
}

async function refused(
  rig: FakeBackedDaemon,
  args: Record<string, unknown>,
  message: RegExp,
): Promise<void> {
  const result = await rig.call('chat', { prompt: 'Read this', model: 'glm-4.5', ...args });
  expect(text(result)).toMatch(/^INVALID_ARGUMENTS: /);
  expect(text(result)).toMatch(message);
  expect(result.isError).toBe(true);
}

// FIFOs a daemon without O_NONBLOCK would block on; opening them read-write (which never waits
// on Linux) releases any reader, so a regression cannot leave a stuck process behind.
const fifos: string[] = [];
afterEach(() => {
  for (const fifo of fifos.splice(0)) {
    try {
      closeSync(openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK));
    } catch {
      // already gone
    }
  }
});

// /proc, /dev and FIFOs as Linux has them (CI runs Linux); the rule itself is portable.
describe.runIf(process.platform === 'linux')('file reader refusals', () => {
  it('never reads /proc, /dev, the data folder or outside the allowed roots, however the path is spelled', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_ALLOWED_ROOTS: `${tmpdir()},/` },
    });
    const dir = tempDataDir();
    symlinkSync('/proc/self/environ', join(dir, 'e.png'));
    symlinkSync('/dev/zero', join(dir, 'z.png'));
    writeFileSync(join(rig.d.dataDir, '.env'), `KIMI_API_KEY=${KIMI_KEY}\n`);
    symlinkSync(join(rig.d.dataDir, 'token'), join(dir, 'token.txt'));

    await refused(
      rig,
      { images: [join(dir, 'e.png')], model: VISION },
      /e\.png \(which resolves to \/proc\/\d+\/environ\) is in \/proc, a system folder/,
    );
    await refused(
      rig,
      { images: [join(dir, 'z.png')], model: VISION },
      /z\.png \(which resolves to \/dev\/zero\) is in \/dev/,
    );
    await refused(rig, { files: ['/dev/zero'] }, /files: \/dev\/zero is in \/dev, a system folder/);
    await refused(rig, { files: ['/proc/self/environ'] }, /is in \/proc/);
    await refused(rig, { files: ['/sys'] }, /is in \/sys/);
    await refused(
      rig,
      { files: [join(rig.d.dataDir, 'token')] },
      /is in .*, the daemon's data folder/,
    );
    await refused(rig, { files: [join(rig.d.dataDir, '.env')] }, /the daemon's data folder/);
    await refused(
      rig,
      { files: [join(dir, 'token.txt')] },
      /token\.txt \(which resolves to .*token\) is in .*the daemon's data folder/,
    );

    expect(rig.kimi.chatRequests).toHaveLength(0);
    expect(rig.glm.chatRequests).toHaveLength(0);
    expect(upstreamBodies(rig)).not.toContain(rig.d.token);
  });

  it('refuses paths outside the allowed roots, directly or through a symlink', async () => {
    const root = tempDataDir();
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_ALLOWED_ROOTS: root },
    });
    const outside = join(tempDataDir(), 'secret.txt');
    writeFileSync(outside, 'not yours');
    symlinkSync(outside, join(root, 'link.txt'));
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'sub', 'ok.txt'), 'inside the root');

    const outsideMessage =
      /is outside the folders tools may read \(.*\); add its folder to the allowedRoots setting \(EXAI_ALLOWED_ROOTS\)/;
    await refused(rig, { files: [outside] }, outsideMessage);
    await refused(
      rig,
      { files: [join(root, 'link.txt')] },
      /link\.txt \(which resolves to .*secret\.txt\) is outside/,
    );
    await refused(
      rig,
      { files: [join(root, 'sub', '..', '..', 'etc', 'passwd')] },
      /does not exist|is outside/,
    );
    await refused(rig, { files: ['/etc/passwd'] }, outsideMessage);
    expect(rig.glm.chatRequests).toHaveLength(0);

    const ok = await rig.call('chat', {
      prompt: 'Read',
      model: 'glm-4.5',
      files: [join(root, 'sub', 'ok.txt')],
    });
    expect(ok.isError).toBeFalsy();
    expect(upstreamBodies(rig)).toContain('inside the root');
    expect(upstreamBodies(rig)).not.toContain('not yours');
  });

  it(
    'refuses FIFOs without blocking, and the daemon still reads files afterwards',
    { timeout: 60_000 },
    async () => {
      const root = tempDataDir();
      const rig = await startDaemon({
        fakes: true,
        stopAfterTest: true,
        env: { EXAI_ALLOWED_ROOTS: root, EXAI_WS_CALL_TIMEOUT: '8' },
      });
      for (let i = 0; i < 6; i++) {
        const fifo = join(root, `pipe${i}.txt`);
        execFileSync('mkfifo', [fifo]);
        fifos.push(fifo);
      }
      const results = await Promise.all(
        fifos.map((fifo) => rig.call('chat', { prompt: 'Read', model: 'glm-4.5', files: [fifo] })),
      );
      for (const result of results) {
        expect(text(result)).toMatch(
          /^INVALID_ARGUMENTS: files: .*pipe\d\.txt is a FIFO, not a regular file/,
        );
      }
      writeFileSync(join(root, 'after.txt'), 'still reading');
      const ok = await rig.call('chat', {
        prompt: 'Read',
        model: 'glm-4.5',
        files: [join(root, 'after.txt')],
      });
      expect(text(ok)).not.toMatch(/TIMEOUT|INVALID/);
      expect(upstreamBodies(rig)).toContain('still reading');
    },
  );

  it('reads one file once however many ways it is spelled, and caps the files and bytes of a call', async () => {
    const root = tempDataDir();
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: {
        EXAI_ALLOWED_ROOTS: root,
        EXAI_MAX_FILES_PER_CALL: '3',
        EXAI_MAX_FILE_BYTES_PER_CALL: '30000',
      },
    });
    mkdirSync(join(root, 'sub'));
    const marker = 'MARKER-7f3a';
    writeFileSync(join(root, 'f.txt'), `${marker}\n${'x'.repeat(10_000)}`);
    symlinkSync(join(root, 'f.txt'), join(root, 'alias.txt'));
    const spellings = Array.from(
      { length: 3000 },
      (_, i) =>
        `${root}/${'./'.repeat(i % 60)}${'sub/../'.repeat(Math.floor(i / 60))}${i % 7 ? 'f' : 'alias'}.txt`,
    );
    expect(new Set(spellings).size).toBe(3000);
    const ok = await rig.call('chat', { prompt: 'Read', model: 'glm-4.5', files: spellings });
    expect(ok.isError).toBeFalsy();
    expect(upstreamBodies(rig).split(marker)).toHaveLength(2);

    for (const name of ['a', 'b', 'c', 'd'])
      writeFileSync(join(root, `${name}.txt`), 'y'.repeat(12_000));
    await refused(
      rig,
      { files: ['a', 'b', 'c'].map((n) => join(root, `${n}.txt`)) },
      /c\.txt would bring this call's files to 35\.2 KB, over the 29\.3 KB cap per call \(setting maxFileBytesPerCall\)/,
    );
    writeFileSync(join(root, 'e.txt'), 'small');
    await refused(
      rig,
      {
        files: [join(root, 'f.txt'), join(root, 'e.txt'), join(root, 'a.txt')],
        images: [`data:image/png;base64,${PNG_1PX}`],
        model: VISION,
      },
      /images: data URL #1 would be file number 4 of this call, over the 3-file cap \(setting maxFilesPerCall\)/,
    );
    expect(rig.glm.chatRequests).toHaveLength(1);
    expect(rig.kimi.chatRequests).toHaveLength(0);
  });

  it('sends only real images under the image cap', async () => {
    const root = tempDataDir();
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_ALLOWED_ROOTS: root, EXAI_IMAGE_SIZE_CAP: '4096' },
    });
    writeFileSync(join(root, 'notes.png'), `GLM_API_KEY=${GLM_KEY}\n`);
    const big = Buffer.concat([Buffer.from(PNG_1PX, 'base64'), Buffer.alloc(5000)]);
    writeFileSync(join(root, 'big.png'), big);
    writeFileSync(join(root, 'dot.jpg'), Buffer.from(PNG_1PX, 'base64'));

    await refused(
      rig,
      { images: [join(root, 'notes.png')], model: VISION },
      /images: .*notes\.png is not a supported image \(png, jpg, gif, webp\)/,
    );
    await refused(
      rig,
      {
        images: [`data:image/png;base64,${Buffer.from('hello').toString('base64')}`],
        model: VISION,
      },
      /data URL #1 is not a supported image/,
    );
    await refused(
      rig,
      { images: [join(root, 'big.png')], model: VISION },
      /big\.png is 5\.\d KB, over the 4\.0 KB file size cap \(setting imageSizeCapBytes\)/,
    );
    await refused(
      rig,
      { images: [`data:image/png;base64,${big.toString('base64')}`], model: VISION },
      /over the 4\.0 KB file size cap \(setting imageSizeCapBytes\)/,
    );
    expect(rig.kimi.chatRequests).toHaveLength(0);

    // The type comes from the contents, not the name: a PNG called .jpg goes as image/png.
    const ok = await rig.call('chat', {
      prompt: 'What?',
      model: VISION,
      images: [join(root, 'dot.jpg')],
    });
    expect(ok.isError).toBeFalsy();
    expect(upstreamBodies(rig)).toContain(`data:image/png;base64,${PNG_1PX}`);
    expect(upstreamBodies(rig)).not.toContain(GLM_KEY);
  });
});
