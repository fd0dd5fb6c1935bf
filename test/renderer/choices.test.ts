import { describe, expect, it } from 'vitest';
import type { StatusSnapshot } from '../../preload/api.ts';
import {
  isLoopbackHost,
  modelGroups,
  presetOf,
  saveWarnings,
} from '../../renderer/src/settings/choices.ts';

const status = {
  providers: [
    {
      id: 'kimi',
      models: ['kimi-k2-0905-preview', 'moonshot-v1-8k'],
      aliases: { 'kimi-k2-0905-preview': ['kimi-k2'] },
    },
    { id: 'glm', models: ['glm-4.6'] },
  ],
} as unknown as StatusSnapshot;

describe('Settings choices', () => {
  it('lists every model per provider with its aliases', () => {
    expect(modelGroups(status, 'auto')).toEqual({
      groups: [
        {
          provider: 'kimi',
          models: [
            { name: 'kimi-k2-0905-preview', aliases: ['kimi-k2'] },
            { name: 'moonshot-v1-8k', aliases: [] },
          ],
        },
        { provider: 'glm', models: [{ name: 'glm-4.6', aliases: [] }] },
      ],
    });
  });

  it('keeps a saved model the daemon does not list (so opening Settings never changes it), but not an alias or auto', () => {
    expect(modelGroups(status, 'my-finetune').unknown).toBe('my-finetune');
    expect(modelGroups(status, 'kimi-k2').unknown).toBeUndefined();
    expect(modelGroups(status, 'AUTO').unknown).toBeUndefined();
    expect(modelGroups(null, 'glm-4.6').unknown).toBe('glm-4.6');
  });

  it('offers only the allowed models of a provider with a list, matching names or aliases in any case; auto stays', () => {
    const { groups, notAllowed, unknown } = modelGroups(status, 'auto', {
      kimi: ['KIMI-K2'],
      glm: [],
    });
    expect(groups).toEqual([
      { provider: 'kimi', models: [{ name: 'kimi-k2-0905-preview', aliases: ['kimi-k2'] }] },
      { provider: 'glm', models: [{ name: 'glm-4.6', aliases: [] }] },
    ]);
    expect(notAllowed).toBeUndefined();
    expect(unknown).toBeUndefined();
    // A provider none of whose models is allowed has no group at all.
    expect(modelGroups(status, 'auto', { glm: ['glm-9'] }).groups.map((g) => g.provider)).toEqual([
      'kimi',
    ]);
  });

  it('flags a saved default the allowed lists now exclude, by name or alias, instead of keeping it silently', () => {
    const allowed = { kimi: ['moonshot-v1-8k'] };
    expect(modelGroups(status, 'kimi-k2-0905-preview', allowed).notAllowed).toEqual({
      name: 'kimi-k2-0905-preview',
      provider: 'kimi',
    });
    expect(modelGroups(status, ' kimi-k2 ', allowed).notAllowed).toEqual({
      name: 'kimi-k2',
      provider: 'kimi',
    });
    // Allowed, another provider's model, auto and unknown names are not flagged.
    expect(modelGroups(status, 'moonshot-v1-8k', allowed).notAllowed).toBeUndefined();
    expect(modelGroups(status, 'glm-4.6', allowed).notAllowed).toBeUndefined();
    expect(modelGroups(status, 'auto', allowed).notAllowed).toBeUndefined();
    const finetune = modelGroups(status, 'my-finetune', allowed);
    expect([finetune.unknown, finetune.notAllowed]).toEqual(['my-finetune', undefined]);
  });

  it('knows the base URL presets, ignoring a trailing slash', () => {
    expect(presetOf('kimi', 'https://api.moonshot.cn/v1/')).toBe('china');
    expect(presetOf('kimi', 'https://api.moonshot.ai/v1')).toBe('global');
    expect(presetOf('glm', 'https://open.bigmodel.cn/api/paas/v4')).toBe('china');
    expect(presetOf('glm', 'https://api.z.ai/api/paas/v4')).toBe('global');
    expect(presetOf('glm', 'http://127.0.0.1:9999/v1')).toBe('custom');
  });

  it('warns before exposing the daemon or moving its port', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.1.2.3'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '192.168.1.5', 'my-pc.local', '::'])
      expect(isLoopbackHost(host)).toBe(false);
    expect(saveWarnings({ host: '0.0.0.0' })).toEqual(['exposed']);
    expect(saveWarnings({ host: 'localhost' })).toEqual([]);
    expect(saveWarnings({ port: 9000, limits: { global: 3 } })).toEqual(['port']);
    expect(saveWarnings({ host: '10.0.0.2', port: 9000 })).toEqual(['exposed', 'port']);
    expect(saveWarnings({ callTimeoutS: 30 })).toEqual([]);
  });
});
