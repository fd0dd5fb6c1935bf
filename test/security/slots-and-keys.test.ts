// Attack suite, capacity and keys: a saturated provider cannot starve the other, and a refused
// key is reported and routed around (issue 11, defect 12).
import { describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { makeRig, runtimeCounters, settle, text } from '../runtime/runner-rig.ts';
import { startDaemon, text as resultText } from '../helpers/daemon.ts';

async function providerStatus(client: Client, id: string): Promise<Record<string, unknown>> {
  const result = await client.callTool({ name: 'status', arguments: {} });
  const providers = (result.structuredContent as { providers: Array<Record<string, unknown>> })
    .providers;
  return providers.find((p) => p.id === id)!;
}

describe('provider slots', () => {
  it('a GLM call does not wait behind calls queued for a saturated Kimi', async () => {
    const rig = makeRig({
      resultTtlS: 0,
      coalesceDisabledFor: ['work'],
      limits: { global: 2, kimi: 1, queueWaitS: 5 },
    });
    const controller = new AbortController();
    // One Kimi call holds Kimi's only slot; two more wait for it.
    const holder = rig
      .call({ args: { key: 'k0', provider: 'kimi', outcome: 'hang' }, signal: controller.signal })
      .catch((e: unknown) => e);
    await expect.poll(() => runtimeCounters(rig).kimiInflight, { timeout: 15_000 }).toBe(1);
    const waiting = [1, 2].map((i) =>
      rig.call({ args: { key: `k${i}`, provider: 'kimi' }, session: rig.session(`s-k${i}`) }),
    );
    await expect.poll(() => runtimeCounters(rig).kimiQueued, { timeout: 15_000 }).toBe(2);

    const glm = await rig.call({
      args: { key: 'g', provider: 'glm' },
      session: rig.session('s-g'),
    });
    expect(text(glm)).toContain('done g');
    expect(runtimeCounters(rig).kimiInflight).toBe(1);

    controller.abort();
    expect(await holder).toMatchObject({ code: 'CANCELLED' });
    expect((await Promise.all(waiting)).map(text)).toEqual([
      expect.stringContaining('done k1'),
      expect.stringContaining('done k2'),
    ]);
    await settle(rig);
    expect(Object.values(runtimeCounters(rig)).every((n) => n === 0)).toBe(true);
  });
});

describe('a refused key', () => {
  it('is marked "key rejected" in status, and auto moves on to the other provider', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    rig.glm.apiKey = 'a-different-key-so-ours-is-refused';
    const result = await rig.call('chat', { prompt: 'hi' });
    expect(resultText(result)).not.toMatch(/UPSTREAM_ERROR/);
    expect(result._meta).toMatchObject({
      provider: 'kimi',
      fallback_from: [{ provider: 'glm', kind: 'auth' }],
    });
    expect(await providerStatus(rig.client, 'glm')).toMatchObject({ keyRejected: true });
    expect(await providerStatus(rig.client, 'kimi')).not.toHaveProperty('keyRejected');

    // A model named explicitly is not switched; the error says the key was rejected.
    const named = await rig.call('chat', { prompt: 'hi', model: 'glm-4.5' });
    expect(resultText(named)).toMatch(/^UPSTREAM_ERROR: GLM rejected the API key \(401\)/);

    // Once the key works again the mark goes away.
    rig.glm.apiKey = undefined;
    expect((await rig.call('chat', { prompt: 'hi', model: 'glm-4.5' })).isError).toBeFalsy();
    expect(await providerStatus(rig.client, 'glm')).not.toHaveProperty('keyRejected');
  });
});
