import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GLM_KEY, KIMI_KEY, startDaemon, tempDataDir } from '../helpers/daemon.ts';

const DOTENV_GLM_KEY = 'glm-from-dotenv-0123456789';

describe('headless keys from a .env file: the environment, then ./.env, then <data-dir>/.env', () => {
  it('reads the original variable names from <data-dir>/.env, and the environment wins over it', async () => {
    // Fakes without keys in the environment: Kimi's key comes only from .env (its original name,
    // MOONSHOT_API_KEY); GLM's is in both, and only the environment's is the one the fake accepts.
    const d = await startDaemon({
      fakes: true,
      headless: true,
      keys: [],
      env: { GLM_API_KEY: GLM_KEY },
      dotenv: `MOONSHOT_API_KEY=${KIMI_KEY}\nGLM_API_KEY=${DOTENV_GLM_KEY}\n`,
      stopAfterTest: true,
    });
    const listed = JSON.stringify((await d.call('listmodels', {})).structuredContent);
    expect(listed).not.toContain('not configured');
    const auth = (fake: typeof d.kimi) =>
      fake.requests.filter((r) => r.path === '/models').map((r) => r.headers.authorization);
    // The daemon asks each configured provider for its live model list, with the key it uses.
    await expect
      .poll(() => auth(d.kimi).length + auth(d.glm).length >= 2, { timeout: 10_000 })
      .toBe(true);
    expect(auth(d.kimi)).toContain(`Bearer ${KIMI_KEY}`);
    expect(auth(d.glm)).toContain(`Bearer ${GLM_KEY}`);
    expect(auth(d.glm)).not.toContain(`Bearer ${DOTENV_GLM_KEY}`);
    expect(d.stderr()).not.toContain(KIMI_KEY);
    expect(d.stderr()).not.toContain(DOTENV_GLM_KEY);
  });

  it("prefers the current folder's .env to the data folder's", async () => {
    const cwd = tempDataDir();
    writeFileSync(join(cwd, '.env'), `GLM_API_KEY=${GLM_KEY}\n`);
    const d = await startDaemon({
      fakes: true,
      headless: true,
      keys: [],
      cwd,
      dotenv: `GLM_API_KEY=${DOTENV_GLM_KEY}\n`,
      stopAfterTest: true,
    });
    await d.call('listmodels', {});
    const auth = () =>
      d.glm.requests.filter((r) => r.path === '/models').map((r) => r.headers.authorization);
    await expect.poll(() => auth().length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(auth()).toEqual([`Bearer ${GLM_KEY}`]);
  });
});
