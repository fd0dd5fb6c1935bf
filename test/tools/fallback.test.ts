import { describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startDaemon, text } from '../helpers/daemon.ts';

async function kimiBreaker(
  client: Client,
): Promise<{ breaker: string; consecutiveFailures: number; lastError?: string }> {
  const result = await client.callTool({ name: 'status', arguments: {} });
  const providers = (
    result.structuredContent as {
      providers: Array<{
        id: string;
        breaker: string;
        consecutiveFailures: number;
        lastError?: string;
      }>;
    }
  ).providers;
  return providers.find((p) => p.id === 'kimi')!;
}

describe('retries, fallback and the circuit breaker, through a real MCP client', () => {
  it('a 429 is retried on the same model after its Retry-After', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    rig.glm.script(
      { kind: 'status', status: 429, retryAfterS: 1, message: 'slow down' },
      { kind: 'reply', text: 'after the wait' },
    );
    const result = await rig.call('chat', { prompt: 'hi', model: 'glm-4.5' });
    expect(result.isError).toBeFalsy();
    expect(result.content[0]).toEqual({ type: 'text', text: 'after the wait' });
    const [first, second] = rig.glm.chatRequests;
    expect([first?.step, second?.step]).toEqual(['status', 'reply']);
    expect(second?.model).toBe('glm-4.5');
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(990);
    expect(rig.kimi.chatRequests).toHaveLength(0);
  });

  it('with auto, Kimi failing means GLM answers, and the metadata says so', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_SPEED_MODEL: 'kimi-k2-turbo-preview' },
    });
    rig.kimi.script({ kind: 'status', status: 503 });
    const result = await rig.call('chat', { prompt: 'hi' });
    expect(result.isError).toBeFalsy();
    expect(result._meta).toMatchObject({
      provider: 'glm',
      // GLM's equivalent of a speed model: the catalog's first speed-tier GLM model.
      model: 'glm-4.5-air',
      fallback_from: [
        {
          provider: 'kimi',
          model: 'kimi-k2-turbo-preview',
          error: expect.stringContaining('Kimi failed (503)'),
        },
      ],
    });
    expect(rig.kimi.chatRequests.map((r) => r.model)).toEqual(['kimi-k2-turbo-preview']);
    expect(rig.glm.chatRequests.map((r) => r.model)).toEqual(['glm-4.5-air']);
  });

  it('a dropped connection also falls back', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_SPEED_MODEL: 'kimi-k2-turbo-preview' },
    });
    rig.kimi.script({ kind: 'reset', tokens: ['half an '] });
    const result = await rig.call('chat', { prompt: 'hi' });
    expect(result._meta).toMatchObject({ provider: 'glm' });
  });

  it('the breaker opens after consecutive failures, rests the provider, probes after the cooldown and closes', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_SPEED_MODEL: 'kimi-k2-turbo-preview' },
      config: { breakerFailureThreshold: 2, breakerCooldownS: 3 },
    });
    rig.kimi.script({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    for (let i = 0; i < 2; i += 1)
      expect((await rig.call('chat', { prompt: `try ${i}` }))._meta).toMatchObject({
        provider: 'glm',
      });
    expect(await kimiBreaker(rig.client)).toMatchObject({
      breaker: 'open',
      consecutiveFailures: 2,
      lastError: expect.stringContaining('500'),
    });
    const health = (await (await fetch(`${rig.d.baseUrl}/healthz`)).json()) as {
      providers: Record<string, { breaker: string }>;
    };
    expect(health.providers.kimi?.breaker).toBe('open');
    const listed = await rig.call('listmodels', {});
    expect(text(listed)).toContain('KIMI — configured, circuit open');

    // Open: Kimi is not even asked.
    const rested = await rig.call('chat', { prompt: 'while open' });
    expect(rested._meta).toMatchObject({
      provider: 'glm',
      fallback_from: [{ provider: 'kimi', error: expect.stringContaining('resting') }],
    });
    expect(rig.kimi.chatRequests).toHaveLength(2);
    // The parent (the app) sees it in its status messages too.
    await expect
      .poll(
        () =>
          rig.d.messages.some(
            (m) =>
              m.type === 'status' &&
              m.snapshot.providers.some((p) => p.id === 'kimi' && p.breaker === 'open'),
          ),
        { timeout: 3000 },
      )
      .toBe(true);

    // After its cooldown the breaker lets one probe through.
    await expect
      .poll(async () => (await kimiBreaker(rig.client)).breaker, { timeout: 10_000, interval: 200 })
      .toBe('half-open');
    const probe = await rig.call('chat', { prompt: 'probe' });
    expect(probe._meta).toMatchObject({ provider: 'kimi', model: 'kimi-k2-turbo-preview' });
    expect(await kimiBreaker(rig.client)).toMatchObject({
      breaker: 'closed',
      consecutiveFailures: 0,
    });
  });

  it('an explicit model is never silently switched', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    rig.kimi.script({ kind: 'status', status: 500, message: 'upstream exploded' });
    const result = await rig.call('chat', { prompt: 'hi', model: 'kimi-latest' });
    expect(result.isError).toBe(true);
    expect(text(result)).toBe('UPSTREAM_ERROR: Kimi failed (500): upstream exploded');
    expect(rig.glm.chatRequests).toHaveLength(0);
  });

  it('an explicit model falls back when the user turned that on', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_FALLBACK_EXPLICIT_MODEL: 'true' },
    });
    rig.kimi.script({ kind: 'status', status: 500 });
    const result = await rig.call('chat', { prompt: 'hi', model: 'kimi-k2-0905-preview' });
    expect(result._meta).toMatchObject({ provider: 'glm', model: 'glm-4.6' });
  });

  it('a provider timeout shorter than the call moves auto along the chain', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_PROVIDER_TIMEOUT: '1', EXAI_WS_CALL_TIMEOUT: '20' },
    });
    rig.glm.script({ kind: 'hang' });
    const result = await rig.call('chat', { prompt: 'hi' });
    expect(result._meta).toMatchObject({
      provider: 'kimi',
      fallback_from: [{ provider: 'glm', error: 'GLM did not answer in time' }],
    });
  });
});
