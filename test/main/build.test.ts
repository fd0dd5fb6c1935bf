import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv } from '../../main/settings/daemon-env.ts';
import { NodeLauncher } from '../../main/supervision/node-launcher.ts';
import { Supervisor } from '../../main/supervision/supervisor.ts';

// `npm run build` output, built into a temporary folder outside the repo: there is no
// node_modules next to it, so the daemon bundle must be self-contained to start at all.
const root = resolve(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'exai-dist-'));
const dataDir = mkdtempSync(join(tmpdir(), 'exai-dist-data-'));
let sup: Supervisor | undefined;

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build.ts'), 'main', 'preload', 'daemon'], {
    cwd: root,
    env: { ...process.env, EXAI_DIST: out },
    stdio: 'pipe',
  });
}, 120_000);

afterAll(async () => {
  await sup?.dispose();
  rmSync(out, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run build', () => {
  it(
    'the bundled daemon starts under the supervisor and answers /healthz',
    { timeout: 60_000 },
    async () => {
      sup = new Supervisor({
        launcher: new NodeLauncher({ entry: join(out, 'daemon/exai.mjs'), cwd: out }),
        launchSpec: () => ({
          host: '127.0.0.1',
          port: 0,
          dataDir,
          env: { ...cleanEnv(process.env), EXAI_WS_TOKEN: 'bundle-test-token-0123456789abcdef' },
        }),
      });
      const st = await sup.start();
      expect(st.state, st.reason).toBe('running');
      const res = await fetch(`http://127.0.0.1:${st.port}/healthz`);
      expect(res.status).toBe(200);
      await res.body?.cancel();
      expect((await sup.stop()).state).toBe('stopped');
    },
  );

  it('the preload bundle is CommonJS and loads nothing but electron', () => {
    const code = readFileSync(join(out, 'preload/index.cjs'), 'utf8');
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(code).not.toMatch(/^import /m);
  });

  it('the main bundle is ESM and imports only electron and node: built-ins', () => {
    const code = readFileSync(join(out, 'main/index.js'), 'utf8');
    const imported = new Set([...code.matchAll(/^import .* from "([^"]+)"/gm)].map((m) => m[1]));
    expect(imported.has('electron')).toBe(true);
    expect([...imported].filter((m) => m !== 'electron' && !m!.startsWith('node:'))).toEqual([]);
  });
});
