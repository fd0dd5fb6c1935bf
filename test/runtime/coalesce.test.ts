import { describe, expect, it } from 'vitest';
import { ToolError } from '../../daemon/tools/tool-error.ts';
import { makeRig, runtimeCounters, settle, text } from './runner-rig.ts';
import { until } from '../helpers/poll.ts';

const noCache = { resultTtlS: 0 };

describe('coalescing: identical in-flight calls share one execution', () => {
  it('two identical calls run once and both get the result; the join is counted', async () => {
    const rig = makeRig(noCache);
    const [a, b] = await Promise.all([
      rig.call({ args: { key: 'x', ms: 50 } }),
      rig.call({ args: { ms: 50, key: 'x' } }), // same arguments, other key order
    ]);
    expect(rig.executions).toHaveLength(1);
    expect(text(a)).toBe(text(b));
    expect(b.meta?.coalesced).toBe(true);
    expect(rig.runner.stats.coalesced).toBe(1);
    expect(await rig.metrics.text()).toMatch(/exai_coalesced_calls_total\{tool="work"\} 1/);
  });

  it('different arguments, or the same call in another session, run separately by default', async () => {
    const rig = makeRig(noCache);
    await Promise.all([
      rig.call({ args: { key: 'x', ms: 30 } }),
      rig.call({ args: { key: 'y', ms: 30 } }),
      rig.call({ args: { key: 'x', ms: 30 }, session: rig.session('s2') }),
    ]);
    expect(rig.executions).toHaveLength(3);
    expect(rig.runner.stats.coalesced).toBe(0);
  });

  it('with EXAI_COALESCE_SCOPE=global, identical calls from different sessions share one execution', async () => {
    const rig = makeRig({ ...noCache, coalesceScope: 'global' });
    await Promise.all([
      rig.call({ args: { key: 'x', ms: 30 } }),
      rig.call({ args: { key: 'x', ms: 30 }, session: rig.session('s2') }),
    ]);
    expect(rig.executions).toHaveLength(1);
  });

  it('tools in EXAI_WS_DISABLE_COALESCE_FOR_TOOLS never coalesce', async () => {
    const rig = makeRig({ ...noCache, coalesceDisabledFor: ['work'] });
    await Promise.all([
      rig.call({ args: { key: 'x', ms: 30 } }),
      rig.call({ args: { key: 'x', ms: 30 } }),
    ]);
    expect(rig.executions).toHaveLength(2);
  });

  it('one caller cancelling does not cancel the shared work; the other still gets the result', async () => {
    const rig = makeRig(noCache);
    const controller = new AbortController();
    const first = rig.call({ args: { key: 'x', ms: 150 }, signal: controller.signal });
    const second = rig.call({ args: { key: 'x', ms: 150 } });
    await until(
      () => rig.runner.inflightCount === 2 && rig.executions.length === 1,
      'both callers on one execution',
    );
    controller.abort();
    await expect(first).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(rig.executions[0]!.signal.aborted).toBe(false);
    expect(text(await second)).toContain('done x');
    expect(rig.executions).toHaveLength(1);
    await settle(rig);
    expect(Object.values(runtimeCounters(rig)).every((n) => n === 0)).toBe(true);
  });

  it('the shared work is cancelled once every caller has cancelled', async () => {
    const rig = makeRig(noCache);
    const c1 = new AbortController();
    const c2 = new AbortController();
    const calls = [
      rig.call({ args: { key: 'x', outcome: 'hang' }, signal: c1.signal }),
      rig.call({ args: { key: 'x', outcome: 'hang' }, signal: c2.signal }),
    ].map((p) =>
      p.then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    await until(
      () => rig.runner.inflightCount === 2 && rig.executions.length === 1,
      'both callers on one execution',
    );
    c1.abort();
    await until(() => rig.runner.inflightCount === 1, 'the first caller gone');
    expect(rig.executions[0]!.signal.aborted).toBe(false);
    c2.abort();
    for (const call of calls) expect(await call).toMatchObject({ code: 'CANCELLED' });
    expect(rig.executions[0]!.signal.aborted).toBe(true);
    await settle(rig);
    expect(runtimeCounters(rig)).toMatchObject({
      executions: 0,
      globalInflight: 0,
      sessionInflight: 0,
    });
  });

  it('a failure reaches every caller, and a call after the shared one ends runs again', async () => {
    const rig = makeRig(noCache);
    const both = await Promise.allSettled([
      rig.call({ args: { key: 'x', ms: 30, outcome: 'fail' } }),
      rig.call({ args: { key: 'x', ms: 30, outcome: 'fail' } }),
    ]);
    for (const r of both)
      expect(r).toMatchObject({ status: 'rejected', reason: expect.any(ToolError) });
    expect(rig.executions).toHaveLength(1);
    await expect(rig.call({ args: { key: 'x', ms: 1, outcome: 'fail' } })).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
    });
    expect(rig.executions).toHaveLength(2);
  });

  it("every caller hears the shared execution's progress", async () => {
    const rig = makeRig({ ...noCache, progressIntervalS: 0.05 });
    const heard: string[][] = [[], []];
    await Promise.all(
      [0, 1].map((i) =>
        rig.call({ args: { key: 'x', ms: 200 }, onProgress: (u) => heard[i]!.push(u.message) }),
      ),
    );
    for (const messages of heard)
      expect(messages.some((m) => m.includes('still running'))).toBe(true);
  });
});
