import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportFileName, saveExport } from '../../main/logs/save-export.ts';

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
    let offered = '';
    const saved = await saveExport(
      'line 1\nline 2',
      {
        choosePath: async (name) => {
          offered = name;
          return join(dir, name);
        },
      },
      now,
    );
    expect(offered).toBe('exai-logs-2026-11-29-0907.txt');
    expect(saved).toEqual({ path: join(dir, offered) });
    expect(readFileSync(join(dir, offered), 'utf8')).toBe('line 1\nline 2\n');
    if (process.platform !== 'win32') expect(statSync(join(dir, offered)).mode & 0o777).toBe(0o600);
  });

  it('a cancelled dialog writes nothing and says so with null', async () => {
    let wrote = false;
    const saved = await saveExport('x', {
      choosePath: async () => undefined,
      write: async () => {
        wrote = true;
      },
    });
    expect(saved).toBeNull();
    expect(wrote).toBe(false);
  });
});
