import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../../main/i18n.ts';
import { FileSaver, saveError, type SaveRequest } from '../../main/shell/save-to-file.ts';
import { createFakeElectron, saveDialogOf, type FakeElectron } from './fake-electron.ts';

// The app's one "save as" path (Export CSV, Save diagnostics, log export) with the recording fake
// of Electron's dialog: where the dialog starts, what Cancel does, the atomic write, and what the
// user reads when the write fails.

const ROOT = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) {
    chmodSync(d, 0o700);
    rmSync(d, { recursive: true, force: true });
  }
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'exai-save-'));
  dirs.push(dir);
  return dir;
}

const REQUEST: SaveRequest = {
  title: 'Export CSV',
  defaultName: 'exai-usage-2026-03-11.csv',
  filters: [{ name: 'CSV', extensions: ['csv'] }],
};

function setup(): { fake: FakeElectron; saver: FileSaver; dir: string } {
  const dir = tempDir();
  const fake = createFakeElectron({ userData: dir });
  return { fake, saver: new FileSaver(saveDialogOf(fake)), dir };
}

describe('saving a file the user asked for', () => {
  it('offers the name in Downloads, modal to the focused window, and writes the whole file there', async () => {
    const { fake, saver, dir } = setup();
    const win = new fake.module.BrowserWindow({});
    win.focus();
    const target = join(dir, 'mine.csv');
    fake.saveAnswers.push(target);
    expect(await saver.save(REQUEST, 'a,b\n1,2\n')).toEqual({
      saved: true,
      path: target,
      bytes: 8,
    });
    expect(fake.saveDialogs).toEqual([
      {
        parent: win,
        options: {
          title: 'Export CSV',
          defaultPath: join(dir, 'downloads', 'exai-usage-2026-03-11.csv'),
          filters: [{ name: 'CSV', extensions: ['csv'] }],
        },
      },
    ]);
    expect(readFileSync(target, 'utf8')).toBe('a,b\n1,2\n');
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);
    // No temporary file is left beside it.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('replaces an existing file as a whole, and opens unparented from the tray', async () => {
    const { fake, saver, dir } = setup();
    const target = join(dir, 'old.zip');
    writeFileSync(target, 'an older, longer archive');
    fake.saveAnswers.push(target);
    const data = new Uint8Array([0x50, 0x4b, 3, 4]);
    expect(await saver.save(REQUEST, async () => data)).toMatchObject({ saved: true, bytes: 4 });
    expect(new Uint8Array(readFileSync(target))).toEqual(data);
    expect(fake.saveDialogs[0]!.parent).toBeUndefined();
  });

  it('Cancel makes nothing and writes nothing', async () => {
    const { fake, saver, dir } = setup();
    let made = 0;
    const outcome = await saver.save(REQUEST, async () => {
      made++;
      return 'x';
    });
    expect(outcome).toEqual({ saved: false });
    expect(made).toBe(0);
    expect(fake.saveDialogs).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('starts in Documents when the OS has no Downloads folder', async () => {
    const dir = tempDir();
    const fake = createFakeElectron({ userData: dir });
    const saver = new FileSaver({
      ...saveDialogOf(fake),
      getPath: (name) => {
        if (name === 'downloads') throw new Error('Failed to get downloads path');
        return join(dir, 'Documents');
      },
    });
    await saver.save(REQUEST, 'x');
    expect(fake.saveDialogs[0]!.options.defaultPath).toBe(
      join(dir, 'Documents', 'exai-usage-2026-03-11.csv'),
    );
  });

  it('a folder that went away is named in the error, in the user’s language', async () => {
    const { fake, saver, dir } = setup();
    const gone = join(dir, 'gone');
    fake.saveAnswers.push(join(gone, 'x.csv'));
    await expect(saver.save(REQUEST, 'x')).rejects.toThrow(
      `the folder ${gone} does not exist. Choose another folder.`,
    );
    const zh = new FileSaver(saveDialogOf(fake), translator('zh-CN'));
    fake.saveAnswers.push(join(gone, 'x.csv'));
    await expect(zh.save(REQUEST, 'x')).rejects.toThrow(
      `文件夹 ${gone} 不存在。请选择其他文件夹。`,
    );
  });

  it('a full disk says so and names the file', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
    });
    const error = saveError(full, '/media/usb/exai.zip', translator('en'));
    expect(error.message).toBe(
      'the disk is full: /media/usb/exai.zip was not saved. Free some space or choose another place.',
    );
    expect(error.code).toBe('ENOSPC');
    expect(error.cause).toBe(full);
  });

  it.skipIf(process.platform === 'win32')(
    'a read-only folder is refused with a clear message, leaving nothing behind',
    () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'keep.csv'), 'previous');
      chmodSync(dir, 0o555);
      // Root writes through any mode bits: the write runs as an unprivileged user then.
      const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      const script = `
        import { writeFileAtomic } from ${JSON.stringify(join(ROOT, 'main/shell/save-to-file.ts'))};
        try {
          await writeFileAtomic(${JSON.stringify(join(dir, 'keep.csv'))}, new TextEncoder().encode('new'));
          console.log(JSON.stringify({ ok: true }));
        } catch (e) {
          console.log(JSON.stringify({ name: e.name, code: e.code, message: e.message }));
        }`;
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        ...asNobody,
      });
      expect(JSON.parse(out)).toEqual({
        name: 'SaveError',
        code: 'EACCES',
        message: `you do not have permission to write in ${dir}. Choose another folder.`,
      });
      expect(readFileSync(join(dir, 'keep.csv'), 'utf8')).toBe('previous');
      expect(readdirSync(dir)).toEqual(['keep.csv']);
    },
  );
});
