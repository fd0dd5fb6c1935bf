// Attack suite, where secrets go: each key only to its own provider, the token to no provider,
// also when a call falls back from one provider to the other.
import { describe, expect, it } from 'vitest';
import type { FakeProvider } from '../fixtures/fake-provider.ts';
import { GLM_KEY, KIMI_KEY, startDaemon } from '../helpers/daemon.ts';

function everythingSent(fake: FakeProvider): string {
  return JSON.stringify(
    fake.requests.map((r) => ({ headers: r.headers, body: r.body, path: r.path })),
  );
}

describe('secrets go only to their own provider', () => {
  it('Kimi sees only the Kimi key, GLM only the GLM key, neither sees the token, fallback included', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_SPEED_MODEL: 'kimi-k2-turbo-preview' },
    });
    rig.kimi.script({ kind: 'status', status: 503 });
    const fellBack = await rig.call('chat', { prompt: 'fall back to GLM' });
    expect(fellBack._meta).toMatchObject({ provider: 'glm' });
    expect(
      (await rig.call('chat', { prompt: 'direct', model: 'kimi-k2-turbo-preview' })).isError,
    ).toBeFalsy();

    const chats = (fake: FakeProvider) =>
      fake.requests.filter((r) => r.path.endsWith('/chat/completions'));
    expect(chats(rig.kimi).length).toBeGreaterThanOrEqual(2);
    expect(chats(rig.glm).length).toBeGreaterThanOrEqual(1);
    for (const r of rig.kimi.requests) expect(r.headers.authorization).toBe(`Bearer ${KIMI_KEY}`);
    for (const r of rig.glm.requests) expect(r.headers.authorization).toBe(`Bearer ${GLM_KEY}`);
    expect(everythingSent(rig.kimi)).not.toContain(GLM_KEY);
    expect(everythingSent(rig.glm)).not.toContain(KIMI_KEY);
    for (const fake of [rig.kimi, rig.glm]) expect(everythingSent(fake)).not.toContain(rig.d.token);
  });
});
