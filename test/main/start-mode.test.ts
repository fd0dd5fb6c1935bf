import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideStartMode } from '../../scripts/start-mode.ts';

const root = resolve(import.meta.dirname, '../..');

describe('npm start', () => {
  const files = (present: string[]) => ({
    exists: (p: string) => present.includes(p),
    read: () => 'electron\n',
  });
  const bin = join('/r/node_modules/electron/dist/electron');
  const pathTxt = '/r/node_modules/electron/path.txt';

  it('runs Electron when the binary and a display exist', () => {
    expect(
      decideStartMode({
        root: '/r',
        platform: 'linux',
        env: { DISPLAY: ':0' },
        ...files([pathTxt, bin]),
      }),
    ).toEqual({
      mode: 'electron',
      binary: bin,
    });
    expect(
      decideStartMode({ root: '/r', platform: 'win32', env: {}, ...files([pathTxt, bin]) }).mode,
    ).toBe('electron');
  });

  it('falls back to the headless daemon and says why', () => {
    expect(decideStartMode({ root: '/r', platform: 'darwin', env: {}, ...files([]) })).toEqual({
      mode: 'headless',
      why: 'the Electron binary is not installed',
    });
    expect(
      decideStartMode({ root: '/r', platform: 'linux', env: {}, ...files([pathTxt, bin]) }),
    ).toMatchObject({
      mode: 'headless',
      why: expect.stringMatching(/no display/),
    });
  });

  it(
    'here (no Electron binary) prints one line and serves the daemon headless',
    { timeout: 60_000 },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'exai-start-'));
      const child = spawn(
        process.execPath,
        [join(root, 'scripts/start.ts'), '--port', '0', '--data-dir', dataDir],
        {
          cwd: root,
          env: {
            ...process.env,
            EXAI_HEADLESS: '1',
            EXAI_WS_TOKEN: 'start-test-token-0123456789abcdef',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      try {
        await new Promise<void>((ok, fail) => {
          const t = setTimeout(() => fail(new Error(`no listening line:\n${out}`)), 45_000);
          const check = () => {
            if (/ws:\/\/127\.0\.0\.1:\d+/.test(out)) {
              clearTimeout(t);
              ok();
            }
          };
          child.stdout.on('data', check);
          child.stderr.on('data', check);
        });
        const lines = out.split('\n').filter((l) => l.startsWith('EXAI: Electron cannot run here'));
        expect(lines).toHaveLength(1);
        const port = /ws:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(res.status).toBe(200);
        await res.body?.cancel();
      } finally {
        const exited = new Promise((r) => child.on('exit', r));
        child.kill('SIGTERM');
        await exited;
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
