import { describe, expect, it } from 'vitest';
import { KIMI_KEY, startDaemon, text } from '../helpers/daemon.ts';

describe('changing provider keys while the daemon runs, and losing the client', () => {
  it("the app's configure message adds a key without a restart; a running call finishes on the old key", async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true, keys: [] });
    const before = await rig.call('chat', { prompt: 'hi', model: 'kimi-latest' });
    expect(text(before)).toContain(
      'Kimi is not configured: add an API key in Settings → Providers, or set KIMI_API_KEY',
    );

    rig.d.child.send({ type: 'configure', kimi: { apiKey: KIMI_KEY } });
    await expect
      .poll(
        async () =>
          (await rig.call('chat', { prompt: 'now?', model: 'kimi-latest' })).isError ?? false,
        { timeout: 5000 },
      )
      .toBe(false);

    // Rotate while a slow call runs: it keeps its client, the next call gets the new key.
    rig.kimi.apiKey = undefined;
    rig.kimi.script({
      kind: 'reply',
      chunks: ['slow ', 'answer ', 'on ', 'the ', 'old ', 'key'],
      tokenDelayMs: 150,
    });
    const slow = rig.call('chat', { prompt: 'slow', model: 'kimi-latest' });
    await rig.kimi.waitFor(
      (f) => f.chatRequests.length >= 2 && f.chatRequests.at(-1)!.step === 'reply',
    );
    rig.d.child.send({ type: 'configure', kimi: { apiKey: 'sk-rotated-e2e-key-42424242' } });
    await expect
      .poll(
        async () => {
          await rig.call('chat', { prompt: 'fresh', model: 'kimi-latest' });
          return rig.kimi.chatRequests.at(-1)?.headers.authorization;
        },
        { timeout: 5000 },
      )
      .toBe('Bearer sk-rotated-e2e-key-42424242');
    const slowResult = await slow;
    expect(text(slowResult)).toContain('slow answer on the old key');
    const slowRequest = rig.kimi.chatRequests.find((r) =>
      JSON.stringify(r.messages).includes('"slow"'),
    );
    expect(slowRequest?.headers.authorization).toBe(`Bearer ${KIMI_KEY}`);
    expect(slowRequest?.aborted).toBe(false);
  });
});
