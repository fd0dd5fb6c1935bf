import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAI_ENTRY, cleanEnv, tempDataDir } from '../helpers/daemon.ts';

describe('headless keys from a .env file', () => {
  it('reads the original variable names from <data-dir>/.env beside the environment', async () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, '.env'), 'MOONSHOT_API_KEY=sk-from-dotenv-0123456789\nGLM_API_KEY=glm-from-dotenv-0123456789\n');
    const child = spawn(process.execPath, [EXAI_ENTRY, 'daemon', '--port', '0', '--data-dir', dataDir], {
      env: cleanEnv({ GLM_API_KEY: 'glm-from-env-0123456789' }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start: ${stderr}`)), 15_000);
        child.stderr.on('data', () => {
          const m = /ws:\/\/127\.0\.0\.1:(\d+)\//.exec(stderr);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
      });
      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { providers: Record<string, { configured: boolean }> };
      expect(health.providers.kimi!.configured).toBe(true);
      expect(health.providers.glm!.configured).toBe(true);
      expect(stderr).not.toContain('sk-from-dotenv-0123456789');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
