import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeProvider } from '../fixtures/fake-provider.ts';
import { startDaemon, type RunningDaemon } from '../helpers/daemon.ts';

const KEY = 'sk-test-route-0123456789abcdef';
let fake: FakeProvider;
let d: RunningDaemon;

beforeAll(async () => {
  fake = new FakeProvider({ apiKey: KEY });
  const url = await fake.start();
  d = await startDaemon({ env: { KIMI_API_KEY: KEY, KIMI_API_URL: url } });
});
afterAll(async () => {
  await d?.stop();
  await fake?.stop();
});

async function test(id: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${d.baseUrl}/providers/${id}/test`, {
    method: 'POST',
    headers: { authorization: `Bearer ${d.token}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('POST /providers/<id>/test', () => {
  it('lists the provider’s models with the latency', async () => {
    const { status, body } = await test('kimi');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      message: '2 models listed',
      models: ['fake-model-a', 'fake-model-b'],
    });
    expect(typeof body.latencyMs).toBe('number');
    expect(fake.requests.some((r) => r.path.endsWith('/models'))).toBe(true);
  });

  it('says which setting to fill in for a provider without a key', async () => {
    expect((await test('glm')).body).toMatchObject({
      ok: false,
      message: expect.stringContaining('GLM_API_KEY'),
    });
  });

  it('reports a rejected key readably, without repeating the key', async () => {
    fake.apiKey = 'sk-some-other-key-000000000';
    try {
      const { body } = await test('kimi');
      expect(body.ok).toBe(false);
      expect(String(body.message)).toContain('check the API key');
      expect(JSON.stringify(body)).not.toContain(KEY);
    } finally {
      fake.apiKey = KEY;
    }
  });

  it('needs the token', async () => {
    const res = await fetch(`${d.baseUrl}/providers/kimi/test`, { method: 'POST' });
    expect(res.status).toBe(401);
  });
});
