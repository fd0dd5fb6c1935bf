import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDaemon, tempDataDir } from '../helpers/daemon.ts';

// Tests never reach a real provider: the test process refuses non-loopback connections, and a
// test daemon refuses a provider base URL that is not loopback, which fails the test that started it.
describe('the loopback-only guard', () => {
  it('refuses a connection from the test process to anything but loopback', async () => {
    const error = (await fetch('https://api.moonshot.ai/v1/models').catch(
      (e: unknown) => e,
    )) as Error & { cause?: Error };
    expect(String(error.cause ?? error)).toMatch(
      /test loopback guard: .*api\.moonshot\.ai refused/,
    );
  });

  it("makes a daemon with a key and the provider's real base URL refuse the request, and its stop() fail", async () => {
    const d = await startDaemon({ env: { KIMI_API_KEY: 'sk-not-a-real-key-0123456789' } });
    const answer = JSON.stringify(await d.call('chat', { prompt: 'hi', model: 'kimi-latest' }));
    expect(answer).not.toMatch(/Fake answer/);
    expect(d.stderr()).toMatch(
      /EXAI_TEST_LOOPBACK_ONLY: refused an upstream request to api\.moonshot\.ai/,
    );
    await expect(d.stop()).rejects.toThrow(/a test daemon tried to reach a real provider/);
  });

  it('reaches daemons the app launches with a cleaned environment (NodeLauncher forks with its own env)', async () => {
    const script = join(tempDataDir(), 'flag.mjs');
    writeFileSync(script, 'process.stdout.write(process.env.EXAI_TEST_LOOPBACK_ONLY ?? "unset")');
    const child = fork(script, [], { env: { PATH: process.env.PATH }, stdio: 'pipe' });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((resolve) => child.once('exit', resolve));
    expect(out).toBe('1');
  });
});
