import { afterEach, describe, expect, it, vi } from 'vitest';
import { SlotQueue } from '../../daemon/runtime/slot-queue.ts';
import { ToolError } from '../../daemon/tools/tool-error.ts';

function queue(limit: number, queueLength: number, queueWaitMs = 5_000) {
  let idle = 0;
  const q = new SlotQueue({
    name: 'test',
    limit: () => limit,
    queueLength: () => queueLength,
    queueWaitMs: () => queueWaitMs,
    onIdle: () => (idle += 1),
  });
  return { q, idle: () => idle };
}

describe('SlotQueue: bounded waiting instead of the original 1 ms try', () => {
  it('queues a call past the limit and hands it the slot when one is released, in order', async () => {
    const { q } = queue(1, 5);
    const first = await q.acquire();
    const order: number[] = [];
    const second = q.acquire().then((s) => (order.push(2), s));
    const third = q.acquire().then((s) => (order.push(3), s));
    expect(q.queued).toBe(2);
    first.release();
    const s2 = await second;
    expect(order).toEqual([2]);
    s2.release();
    (await third).release();
    expect(order).toEqual([2, 3]);
    expect(q.inflight).toBe(0);
  });

  it('refuses with OVER_CAPACITY and retry_after only when the queue is full', async () => {
    const { q } = queue(1, 1);
    const held = await q.acquire();
    const waiting = q.acquire();
    const refused = await q.acquire().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ToolError);
    expect((refused as ToolError).code).toBe('OVER_CAPACITY');
    expect((refused as ToolError).retryAfter).toBeGreaterThan(0);
    expect((refused as ToolError).message).toContain('test limit of 1');
    held.release();
    (await waiting).release();
  });

  it('refuses with OVER_CAPACITY when the wait runs out, and the waiter leaves the queue', async () => {
    const { q } = queue(1, 4, 50);
    const held = await q.acquire();
    const error = (await q.acquire().catch((e: unknown) => e)) as ToolError;
    expect(error.code).toBe('OVER_CAPACITY');
    expect(error.message).toMatch(/within 0\.1s|within 0\.05s|within 0s/);
    expect(q.queued).toBe(0);
    held.release();
    expect(q.inflight).toBe(0);
  });

  it('a caller that gives up while waiting leaves the queue with its own reason', async () => {
    const { q, idle } = queue(1, 4);
    const held = await q.acquire();
    const controller = new AbortController();
    const waiting = q.acquire(controller.signal).catch((e: unknown) => e);
    controller.abort(new ToolError('CANCELLED', 'client gave up'));
    expect(((await waiting) as ToolError).message).toBe('client gave up');
    expect(q.queued).toBe(0);
    held.release();
    expect(q.inflight).toBe(0);
    expect(idle()).toBeGreaterThanOrEqual(1);
  });

  it('releasing a slot twice frees it once (the original semaphore drifted upwards)', async () => {
    const { q } = queue(2, 0);
    const a = await q.acquire();
    const b = await q.acquire();
    a.release();
    a.release();
    expect(a.released).toBe(true);
    expect(q.inflight).toBe(1);
    // Still only one free place: a third caller gets it, a fourth is refused (queue length 0).
    const c = await q.acquire();
    await expect(q.acquire()).rejects.toMatchObject({ code: 'OVER_CAPACITY' });
    b.release();
    c.release();
    expect(q.inflight).toBe(0);
  });

  it('an already aborted caller is refused without taking a slot', async () => {
    const { q } = queue(1, 1);
    await expect(q.acquire(AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    expect(q.inflight).toBe(0);
  });

  it('a call coming back for a slot goes ahead of new arrivals and is not refused for a full queue', async () => {
    const { q } = queue(1, 1);
    const held = await q.acquire();
    const order: string[] = [];
    const fresh = q.acquire().then((s) => (order.push('new'), s));
    // The queue is full (one waiting), yet the returning call is taken, and served first.
    const back = q.acquire(undefined, { ahead: true }).then((s) => (order.push('back'), s));
    expect(q.queued).toBe(2);
    await expect(q.acquire()).rejects.toMatchObject({ code: 'OVER_CAPACITY' });
    held.release();
    (await back).release();
    (await fresh).release();
    expect(order).toEqual(['back', 'new']);
    expect(q.inflight).toBe(0);
  });

  describe('retry_after', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('follows how long slots are really held, in tenths of a second, not whole seconds', async () => {
      vi.useFakeTimers();
      const { q } = queue(1, 1);
      // Slots held 50 ms each: the estimate falls from its first guess (1 s) towards 0.05 s.
      for (let i = 0; i < 10; i += 1) {
        const s = await q.acquire();
        vi.advanceTimersByTime(50);
        s.release();
      }
      const held = await q.acquire();
      const waiting = q.acquire();
      const refused = (await q.acquire().catch((e: unknown) => e)) as ToolError;
      // Two calls ahead of a retry (the holder and the waiter), ≈ 0.15 s each: 0.4 s, not 1 s.
      expect(refused.retryAfter).toBe(0.4);
      held.release();
      (await waiting).release();
    });
  });
});
