import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportFileName, saveExport } from '../../main/logs/save-export.ts';
import { FileSaver } from '../../main/shell/save-to-file.ts';
import { createFakeElectron, saveDialogOf } from './fake-electron.ts';

describe('saving an export', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('suggests a dated name in local time and writes the text where the user chose', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exai-export-'));
    dirs.push(dir);
    const now = new Date(2026, 10, 29, 9, 7);
    expect(exportFileName(now)).toBe('exai-logs-2026-11-29-0907.txt');
    const fake = createFakeElectron({ userData: dir });
    const offered = 'exai-logs-2026-11-29-0907.txt';
    fake.saveAnswers.push(join(dir, offered));
    const saved = await saveExport('line 1\nline 2', new FileSaver(saveDialogOf(fake)), now);
    expect(fake.saveDialogs[0]!.options).toEqual({
      title: 'Export…',
      defaultPath: join(dir, 'downloads', offered),
      filters: [{ name: 'Text', extensions: ['txt', 'log'] }],
    });
    expect(saved).toEqual({ path: join(dir, offered) });
    expect(readFileSync(join(dir, offered), 'utf8')).toBe('line 1\nline 2\n');
    if (process.platform !== 'win32') expect(statSync(join(dir, offered)).mode & 0o777).toBe(0o600);
  });

  it('a cancelled dialog writes nothing and says so with null', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exai-export-'));
    dirs.push(dir);
    const fake = createFakeElectron({ userData: dir });
    const saved = await saveExport('x', new FileSaver(saveDialogOf(fake)));
    expect(saved).toBeNull();
    expect(fake.saveDialogs).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});
