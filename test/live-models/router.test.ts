import { describe, expect, it } from 'vitest';
import { callContext, startRig, userMessages } from '../providers/setup.ts';

describe('LiveModels and the router', () => {
  it('an unknown name triggers a /models look-up, and the listed model is then usable', async () => {
    const rig = await startRig();
    rig.kimi.models = ['kimi-brand-new-128k'];
    const choice = await rig.services.router.plan({
      model: 'kimi-brand-new-128k',
      category: 'fast',
      prompt: 'hi',
    });
    expect(choice.chain.map((m) => [m.name, m.provider, m.source, m.contextWindow])).toEqual([
      ['kimi-brand-new-128k', 'kimi', 'live', 131072],
    ]);
    const answer = await rig.services.router.complete(
      { choice, messagesFor: userMessages('hi') },
      callContext(),
    );
    expect(answer.model).toBe('kimi-brand-new-128k');
    expect(rig.services.liveModels.names('kimi')).toEqual(['kimi-brand-new-128k']);
  });

  it('a failing or hanging /models leaves the catalog as it was and the unknown-name error intact', async () => {
    const rig = await startRig();
    rig.kimi.modelsStatus = 503;
    rig.glm.modelsStatus = 500;
    await expect(
      rig.services.router.plan({ model: 'nope-1', category: 'fast', prompt: 'hi' }),
    ).rejects.toThrow(/Unknown model "nope-1". Known models: kimi-k2-0905-preview/);
    const choice = await rig.services.router.plan({ category: 'fast', prompt: 'hi' });
    const answer = await rig.services.router.complete(
      { choice, messagesFor: userMessages('hi') },
      callContext(),
    );
    expect(answer.provider).toBe('glm');
  });

  it('a new key makes the cached list stale', async () => {
    const rig = await startRig();
    await rig.services.liveModels.refresh();
    const before = rig.kimi.requests.filter((r) => r.path === '/models').length;
    await rig.services.liveModels.refresh();
    expect(rig.kimi.requests.filter((r) => r.path === '/models')).toHaveLength(before);
    rig.kimi.apiKey = 'sk-new-key-abcdefabcdef';
    rig.services.providers.configure('kimi', { apiKey: 'sk-new-key-abcdefabcdef' });
    await rig.services.liveModels.refresh();
    expect(rig.kimi.requests.filter((r) => r.path === '/models')).toHaveLength(before + 1);
    expect(rig.kimi.requests.at(-1)?.headers.authorization).toBe('Bearer sk-new-key-abcdefabcdef');
  });

  it("status lists each provider's models by name: the catalog at once, live-listed ones once fetched", async () => {
    const rig = await startRig();
    rig.kimi.models = ['kimi-k2-turbo-preview', 'kimi-brand-new-128k'];
    const models = (id: string) =>
      rig.services.providers.status().find((p) => p.id === id)?.models ?? [];
    expect(models('glm')).toEqual(expect.arrayContaining(['glm-4.6', 'glm-4.5-air']));
    expect(models('glm')).not.toContain('kimi-k2-turbo-preview');
    expect(models('kimi')).toContain('kimi-k2-turbo-preview');
    expect(models('kimi')).not.toContain('kimi-brand-new-128k');

    await rig.services.liveModels.refresh();
    expect(models('kimi')).toContain('kimi-brand-new-128k');
    // Each name once, names only.
    expect(new Set(models('kimi')).size).toBe(models('kimi').length);
    expect(models('kimi').every((m) => typeof m === 'string')).toBe(true);
  });
});
