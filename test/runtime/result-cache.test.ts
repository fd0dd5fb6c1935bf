import { describe, expect, it } from 'vitest';
import { makeRig, text } from './runner-rig.ts';

describe('result cache: successes only, per scope, TTL, LRU, per tool, fresh on request', () => {
  it('a repeated call is answered from the cache, marked as a hit and counted', async () => {
    const rig = makeRig();
    const first = await rig.call({ args: { key: 'x' } });
    const second = await rig.call({ args: { key: 'x' } });
    expect(rig.executions).toHaveLength(1);
    expect(text(second)).toBe(text(first));
    expect(first.meta?.cache).toBe('miss');
    expect(second.meta?.cache).toBe('hit');
    expect(rig.runner.stats.cacheHits).toBe(1);
    expect(await rig.metrics.text()).toMatch(/exai_cache_hits_total\{tool="work"\} 1/);
  });

  it('never caches failures or error results', async () => {
    const rig = makeRig();
    await expect(rig.call({ args: { key: 'x', outcome: 'fail' } })).rejects.toThrow();
    await expect(rig.call({ args: { key: 'x', outcome: 'fail' } })).rejects.toThrow();
    expect((await rig.call({ args: { key: 'y', outcome: 'error-result' } })).isError).toBe(true);
    expect((await rig.call({ args: { key: 'y', outcome: 'error-result' } })).meta?.cache).toBe(
      'miss',
    );
    expect(rig.executions).toHaveLength(4);
    expect(rig.runner.cache.entries).toBe(0);
  });

  it('is per session: another session runs the call itself; its entries go when the session ends', async () => {
    const rig = makeRig();
    await rig.call({ args: { key: 'x' } });
    const other = await rig.call({ args: { key: 'x' }, session: rig.session('s2') });
    expect(other.meta?.cache).toBe('miss');
    expect(rig.runner.cache.entries).toBe(2);
    rig.sessions.remove('s2');
    expect(rig.runner.cache.entries).toBe(1);
  });

  it('a caller asking for a fresh answer gets one, and it replaces the cached answer', async () => {
    const rig = makeRig();
    await rig.call({ args: { key: 'x' } });
    const fresh = await rig.call({ args: { key: 'x' }, fresh: true });
    expect(fresh.meta?.cache).toBe('miss');
    expect(rig.executions).toHaveLength(2);
    const after = await rig.call({ args: { key: 'x' } });
    expect(after.meta?.cache).toBe('hit');
    expect(text(after)).toBe(text(fresh));
  });

  it('expires after EXAI_WS_RESULT_TTL', async () => {
    const clock = { t: 1_000 };
    const rig = makeRig({ resultTtlS: 10 }, [], clock);
    await rig.call({ args: { key: 'x' } });
    clock.t += 9_999;
    expect((await rig.call({ args: { key: 'x' } })).meta?.cache).toBe('hit');
    clock.t += 2;
    expect((await rig.call({ args: { key: 'x' } })).meta?.cache).toBe('miss');
  });

  it('is bounded by count and by bytes, least recently used out first', async () => {
    const rig = makeRig({ cacheMaxEntries: 2 });
    await rig.call({ args: { key: 'a' } });
    await rig.call({ args: { key: 'b' } });
    await rig.call({ args: { key: 'a' } }); // a is now the most recently used
    await rig.call({ args: { key: 'c' } }); // evicts b
    expect(rig.runner.cache.entries).toBe(2);
    expect((await rig.call({ args: { key: 'a' } })).meta?.cache).toBe('hit');
    expect((await rig.call({ args: { key: 'b' } })).meta?.cache).toBe('miss');

    const small = makeRig({ cacheMaxBytes: 3_000 });
    const big = 'x'.repeat(1_000);
    for (const key of ['a', 'b', 'c', 'd']) await small.call({ args: { key, payload: big } });
    expect(small.runner.cache.bytes).toBeLessThanOrEqual(3_000);
    expect(small.runner.cache.entries).toBeLessThan(4);
    await small.call({ args: { key: 'huge', payload: 'y'.repeat(5_000) } });
    expect(
      (await small.call({ args: { key: 'huge', payload: 'y'.repeat(5_000) } })).meta?.cache,
    ).toBe('miss');
  });

  it('tools in EXAI_CACHE_DISABLE_FOR_TOOLS, or TTL 0, are never cached', async () => {
    const rig = makeRig({ cacheDisabledFor: ['work'] });
    await rig.call({ args: { key: 'x' } });
    const again = await rig.call({ args: { key: 'x' } });
    expect(again.meta?.cache).toBeUndefined();
    expect(rig.executions).toHaveLength(2);
    const off = makeRig({ resultTtlS: 0 });
    await off.call({ args: { key: 'x' } });
    await off.call({ args: { key: 'x' } });
    expect(off.executions).toHaveLength(2);
  });
});
