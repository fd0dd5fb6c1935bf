import { describe, expect, it } from 'vitest';
import type { ToolError } from '../../daemon/tools/tool-error.ts';
import { makeRig, runtimeCounters, settle, text } from './runner-rig.ts';
import { until } from '../helpers/poll.ts';

const base = { resultTtlS: 0, coalesceDisabledFor: ['work'] };

describe('limits: session, global and provider, each with a bounded wait queue', () => {
  it('a call past the session limit waits its turn and then runs', async () => {
    const rig = makeRig({ ...base, limits: { session: 1 } });
    const results = await Promise.all([
      rig.call({ args: { key: 'a', ms: 40 } }),
      rig.call({ args: { key: 'b', ms: 1 } }),
    ]);
    expect(results.map(text)).toEqual(['done a #1', 'done b #2']);
  });

  it('OVER_CAPACITY with retry_after only once the queue is full', async () => {
    const rig = makeRig({ ...base, limits: { session: 1, queueLength: 1 } });
    const running = rig.call({ args: { key: 'a', ms: 80 } });
    const waiting = rig.call({ args: { key: 'b' } });
    const refused = (await rig.call({ args: { key: 'c' } }).catch((e: unknown) => e)) as ToolError;
    expect(refused.code).toBe('OVER_CAPACITY');
    expect(refused.retryAfter).toBeGreaterThan(0);
    expect(refused.message).toContain('session limit of 1');
    await Promise.all([running, waiting]);
    expect(await rig.metrics.text()).toMatch(
      /exai_tool_calls_total\{tool="work",outcome="over_capacity"\} 1/,
    );
  });

  it('OVER_CAPACITY when the wait runs out (EXAI_QUEUE_WAIT)', async () => {
    const rig = makeRig({ ...base, limits: { global: 1, queueWaitS: 0.05 } });
    const running = rig.call({ args: { key: 'a', ms: 300 } });
    await expect(
      rig.call({ args: { key: 'b' }, session: rig.session('s2') }),
    ).rejects.toMatchObject({ code: 'OVER_CAPACITY', message: expect.stringContaining('global') });
    await running;
  });

  it('one session at its limit does not block another session', async () => {
    const rig = makeRig({ ...base, limits: { session: 1, queueLength: 0 } });
    const busy = rig.call({ args: { key: 'a', ms: 100 } });
    expect(text(await rig.call({ args: { key: 'b' }, session: rig.session('s2') }))).toContain(
      'done b',
    );
    await busy;
  });

  it('provider slots: the provider limit queues upstream requests across sessions', async () => {
    const rig = makeRig({ ...base, limits: { kimi: 1, queueLength: 0 } });
    const first = rig.call({ args: { key: 'a', ms: 100, provider: 'kimi' } });
    await until(
      () => runtimeCounters(rig).kimiInflight === 1,
      'the first call holding the Kimi slot',
    );
    expect(rig.sessions.snapshot()[0]!.inflight[0]).toMatchObject({
      tool: 'work',
      provider: 'kimi',
      model: 'kimi-model',
    });
    await expect(
      rig.call({ args: { key: 'b', provider: 'kimi' }, session: rig.session('s2') }),
    ).rejects.toMatchObject({ code: 'OVER_CAPACITY', message: expect.stringContaining('kimi') });
    // GLM has its own limit.
    expect(
      text(await rig.call({ args: { key: 'c', provider: 'glm' }, session: rig.session('s3') })),
    ).toContain('done c');
    await first;
    expect(runtimeCounters(rig).kimiInflight).toBe(0);
  });

  it('a provider slot the tool forgot to release is released when the call ends', async () => {
    const rig = makeRig({ ...base, limits: { glm: 1 } });
    await rig.call({ args: { key: 'a', provider: 'glm', leakProvider: true } });
    expect(runtimeCounters(rig).glmInflight).toBe(0);
    expect(text(await rig.call({ args: { key: 'b', provider: 'glm' } }))).toContain('done b');
  });

  it('a waiting call that is cancelled leaves the queue and frees nothing it did not hold', async () => {
    const rig = makeRig({ ...base, limits: { session: 1 } });
    const running = rig.call({ args: { key: 'a', ms: 80 } });
    const controller = new AbortController();
    const waiting = rig
      .call({ args: { key: 'b' }, signal: controller.signal })
      .catch((e: unknown) => e);
    await until(() => runtimeCounters(rig).sessionQueued === 1, 'the second call queued');
    controller.abort();
    expect(await waiting).toMatchObject({ code: 'CANCELLED' });
    expect(runtimeCounters(rig).sessionQueued).toBe(0);
    await running;
    await settle(rig);
    expect(Object.values(runtimeCounters(rig)).every((n) => n === 0)).toBe(true);
  });
});

describe('deadlines and heartbeats', () => {
  it('deadlines nest: the call cap, a tool default and the client can only shorten', () => {
    const rig = makeRig({ callTimeoutS: 90 });
    expect(rig.runner.deadlineFor('work')).toBe(90);
    expect(rig.runner.deadlineFor('work', 5)).toBe(5);
    expect(rig.runner.deadlineFor('work', 500)).toBe(90);
  });

  it('a call that would hang ends with TIMEOUT at its deadline, and its work is aborted', async () => {
    const rig = makeRig({ ...base, callTimeoutS: 0.15 });
    const error = (await rig
      .call({ args: { outcome: 'hang', provider: 'kimi' } })
      .catch((e: unknown) => e)) as ToolError;
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('0.15s deadline');
    expect(rig.executions[0]!.signal.aborted).toBe(true);
    expect(rig.runner.stats.timeouts).toBe(1);
    await settle(rig);
    expect(Object.values(runtimeCounters(rig)).every((n) => n === 0)).toBe(true);
  });

  it('the time spent waiting for a slot counts against the deadline', async () => {
    const rig = makeRig({ ...base, callTimeoutS: 0.2, limits: { session: 1 } });
    const first = rig.call({ args: { key: 'a', outcome: 'hang' } }).catch((e: unknown) => e);
    await expect(rig.call({ args: { key: 'b' }, timeoutS: 0.05 })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    expect(await first).toMatchObject({ code: 'TIMEOUT' });
  });

  it('states the deadline first, then heartbeats at the interval without cancelling or delaying the call', async () => {
    const rig = makeRig({ ...base, progressIntervalS: 0.05 });
    const updates: Array<{ message: string; progress: number }> = [];
    const result = await rig.call({
      args: { key: 'slow', ms: 400 },
      onProgress: (u) => updates.push(u),
    });
    expect(text(result)).toContain('done slow');
    expect(result.meta?.deadline_s).toBe(90);
    expect(updates[0]!.message).toBe('work accepted; deadline 90s');
    const beats = updates.filter((u) => u.message.includes('still running'));
    expect(beats.length).toBeGreaterThanOrEqual(2);
    const progress = updates.map((u) => u.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress).size).toBe(progress.length);
    expect(rig.executions[0]!.signal.aborted).toBe(true); // aborted only after it finished: cleanup
  });
});
