import { describe, expect, it } from 'vitest';
import { startDaemon, text } from '../helpers/daemon.ts';

interface Listed {
  providers: Array<{
    id: string;
    configured: boolean;
    breaker: string;
    models: Array<{ name: string; source: string; context_window: number }>;
  }>;
}

describe("providers' live /models lists", () => {
  it('are merged into listmodels and usable by name; a failing /models never breaks a call', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      prepare: (kimi, glm) => {
        kimi.models = ['kimi-k2-0905-preview', 'moonshot-v2-32k-experimental'];
        glm.modelsStatus = 500;
      },
    });
    const chat = await rig.call('chat', { prompt: 'hi', model: 'moonshot-v2-32k-experimental' });
    expect(chat.isError).toBeFalsy();
    expect(chat._meta).toMatchObject({ provider: 'kimi', model: 'moonshot-v2-32k-experimental' });

    const listed = await rig.call('listmodels', {});
    const kimi = (listed.structuredContent as unknown as Listed).providers.find(
      (p) => p.id === 'kimi',
    )!;
    expect(kimi.models.find((m) => m.name === 'moonshot-v2-32k-experimental')).toMatchObject({
      source: 'live',
      context_window: 32768,
    });
    expect(kimi.models.filter((m) => m.name === 'kimi-k2-0905-preview')).toHaveLength(1);
    expect(text(listed)).toContain('moonshot-v2-32k-experimental [listed by the provider]');

    const glm = await rig.call('chat', { prompt: 'hi', model: 'glm-4.5' });
    expect(glm.isError).toBeFalsy();
    expect(rig.glm.requests.some((r) => r.path === '/models')).toBe(true);
  });
});
