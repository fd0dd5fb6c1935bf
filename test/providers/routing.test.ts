import { describe, expect, it } from 'vitest';
import { ModelCatalog } from '../../daemon/catalog/catalog.ts';
import { configSchema, type ConfigInput, type ProviderId } from '../../daemon/config/schema.ts';
import { CircuitBreaker } from '../../daemon/providers/circuit-breaker.ts';
import { chooseModels, type ModelChoiceRequest } from '../../daemon/routing/model-choice.ts';

function choose(
  request: ModelChoiceRequest,
  configured: ProviderId[] = ['kimi', 'glm'],
  config: Partial<ConfigInput> = {},
) {
  return chooseModels(
    {
      catalog: ModelCatalog.fromFile(),
      config: configSchema.parse({ dataDir: '/tmp/x', ...config }),
      isConfigured: (id) => configured.includes(id),
      notConfiguredMessage: (id) => `${id} is not configured`,
      label: (id) => (id === 'kimi' ? 'Kimi' : 'GLM'),
    },
    request,
  );
}

const names = (r: ReturnType<typeof choose>) => r.chain.map((m) => m.name);

describe('model choice', () => {
  it('auto takes the speed model for fast tools and the quality model for deep ones, the other provider next', () => {
    expect(names(choose({ category: 'fast', prompt: 'hi' }))[0]).toBe('glm-4.5-flash');
    expect(names(choose({ category: 'fast', prompt: 'hi' }))[1]).toBe('kimi-k2-turbo-preview');
    expect(names(choose({ category: 'deep', prompt: 'hi' })).slice(0, 2)).toEqual([
      'kimi-k2-0905-preview',
      'glm-4.6',
    ]);
  });

  it('a mostly-CJK prompt prefers Kimi', () => {
    expect(choose({ category: 'fast', prompt: '为什么这个测试失败了？' }).chain[0]?.provider).toBe(
      'kimi',
    );
  });

  it('only configured providers are candidates', () => {
    expect(
      choose({ category: 'deep', prompt: 'hi' }, ['glm']).chain.every((m) => m.provider === 'glm'),
    ).toBe(true);
    expect(
      choose({ category: 'fast', prompt: '为什么这个测试失败了？' }, ['glm']).chain[0]?.provider,
    ).toBe('glm');
    expect(() => choose({ category: 'fast', prompt: 'hi' }, [])).toThrow(
      /No provider is configured/,
    );
  });

  it('an explicit model is the whole chain unless fallback for explicit models is on', () => {
    expect(choose({ model: 'kimi-k2', category: 'fast', prompt: 'hi' })).toEqual({
      chain: [expect.objectContaining({ name: 'kimi-k2-0905-preview' })],
      explicit: true,
    });
    expect(
      names(
        choose({ model: 'kimi-k2', category: 'fast', prompt: 'hi' }, ['kimi', 'glm'], {
          fallbackForExplicitModel: true,
        }),
      ).slice(0, 2),
    ).toEqual(['kimi-k2-0905-preview', 'glm-4.6']);
    expect(() => choose({ model: 'glm-4.5', category: 'fast', prompt: 'hi' }, ['kimi'])).toThrow(
      /glm-4.5 needs GLM\. glm is not configured/,
    );
  });

  it('capabilities filter the chain: images need a vision model', () => {
    const chain = choose({ category: 'fast', prompt: 'hi', needs: ['images'] }).chain;
    expect(chain.every((m) => m.capabilities.includes('images'))).toBe(true);
    expect(() =>
      choose({ model: 'moonshot-v1-8k', category: 'fast', prompt: 'hi', needs: ['images'] }),
    ).toThrow(/does not support images/);
  });
});

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures, lets one probe through after the cooldown, closes on success', () => {
    const now = { t: 0 };
    const b = new CircuitBreaker({ threshold: () => 3, cooldownMs: () => 1000, now: () => now.t });
    b.failure();
    b.failure();
    b.success();
    b.failure();
    b.failure();
    expect(b.state).toBe('closed');
    b.failure();
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    now.t = 1000;
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false); // one probe at a time
    b.success();
    expect(b.state).toBe('closed');
    expect(b.consecutiveFailures).toBe(0);
  });

  it('a failed probe opens it again for another cooldown; a cancelled probe lets the next caller probe', () => {
    const now = { t: 0 };
    const b = new CircuitBreaker({ threshold: () => 1, cooldownMs: () => 1000, now: () => now.t });
    b.failure();
    now.t = 1000;
    expect(b.tryAcquire()).toBe(true);
    b.failure();
    expect(b.state).toBe('open');
    expect(b.retryInMs()).toBe(1000);
    now.t = 2000;
    expect(b.tryAcquire()).toBe(true);
    b.release();
    expect(b.tryAcquire()).toBe(true);
  });
});
