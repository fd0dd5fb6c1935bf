import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRig, runtimeCounters, settle } from './runner-rig.ts';

// Every slot is released exactly once: whatever mix of successes, failures, timeouts,
// cancellations and disconnects runs, every counter the runtime keeps is back at zero after.
const callArb = fc.record({
  key: fc.constantFrom('a', 'b', 'c'),
  session: fc.constantFrom('s1', 's2', 's3'),
  outcome: fc.constantFrom('ok', 'ok', 'fail', 'error-result', 'hang'),
  ms: fc.integer({ min: 0, max: 30 }),
  startAfterMs: fc.integer({ min: 0, max: 30 }),
  provider: fc.constantFrom(undefined, 'kimi', 'glm'),
  leakProvider: fc.boolean(),
  doubleRelease: fc.boolean(),
  cancelAfterMs: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  clientTimeoutS: fc.option(fc.constantFrom(0.02, 0.05, 0.1), { nil: undefined }),
  fresh: fc.boolean(),
});

const setupArb = fc.record({
  global: fc.integer({ min: 1, max: 3 }),
  session: fc.integer({ min: 1, max: 2 }),
  kimi: fc.integer({ min: 1, max: 2 }),
  glm: fc.integer({ min: 1, max: 2 }),
  queueLength: fc.integer({ min: 0, max: 3 }),
  queueWaitS: fc.constantFrom(0.02, 0.08, 1),
  coalesce: fc.boolean(),
  cache: fc.boolean(),
  coalesceScope: fc.constantFrom('session' as const, 'global' as const),
  /** Sessions whose connection drops, and when. */
  disconnects: fc.array(
    fc.record({
      session: fc.constantFrom('s1', 's2', 's3'),
      afterMs: fc.integer({ min: 0, max: 80 }),
    }),
    { maxLength: 2 },
  ),
});

describe('property: every slot is released exactly once', () => {
  it('random mixes of success, failure, timeout, cancellation and disconnects leave every counter at zero', async () => {
    await fc.assert(
      fc.asyncProperty(
        setupArb,
        fc.array(callArb, { minLength: 1, maxLength: 10 }),
        async (setup, calls) => {
          const rig = makeRig({
            callTimeoutS: 0.25,
            resultTtlS: setup.cache ? 5 : 0,
            coalesceDisabledFor: setup.coalesce ? [] : ['work'],
            coalesceScope: setup.coalesceScope,
            limits: {
              global: setup.global,
              session: setup.session,
              kimi: setup.kimi,
              glm: setup.glm,
              queueLength: setup.queueLength,
              queueWaitS: setup.queueWaitS,
            },
          });
          // A connection: dropping it aborts every call it has in flight, as the MCP SDK does.
          const connections = new Map(['s1', 's2', 's3'].map((s) => [s, new AbortController()]));
          const timers: NodeJS.Timeout[] = [];
          for (const d of setup.disconnects) {
            timers.push(
              setTimeout(() => {
                connections.get(d.session)!.abort();
                rig.sessions.remove(d.session);
              }, d.afterMs),
            );
          }
          const outcomes = calls.map(
            (c) =>
              new Promise<string>((resolve) => {
                timers.push(
                  setTimeout(() => {
                    const own = new AbortController();
                    if (c.cancelAfterMs !== undefined)
                      timers.push(setTimeout(() => own.abort(), c.cancelAfterMs));
                    const signal = AbortSignal.any([
                      own.signal,
                      connections.get(c.session)!.signal,
                    ]);
                    rig
                      .call({
                        session: rig.session(c.session),
                        signal,
                        fresh: c.fresh,
                        ...(c.clientTimeoutS !== undefined ? { timeoutS: c.clientTimeoutS } : {}),
                        args: {
                          key: c.key,
                          ms: c.ms,
                          outcome: c.outcome as 'ok',
                          ...(c.provider ? { provider: c.provider as 'kimi' } : {}),
                          leakProvider: c.leakProvider,
                          doubleRelease: c.doubleRelease,
                        },
                      })
                      .then(
                        () => resolve('ok'),
                        (e: { code?: string }) => resolve(e.code ?? 'throw'),
                      );
                  }, c.startAfterMs),
                );
              }),
          );
          // Every call ends (result or error) well within its deadline plus the longest queue wait.
          const ended = await Promise.race([
            Promise.all(outcomes),
            new Promise<'hung'>((r) => setTimeout(() => r('hung'), 5_000)),
          ]);
          for (const t of timers) clearTimeout(t);
          expect(ended).not.toBe('hung');
          await settle(rig, 2_000);
          expect(runtimeCounters(rig)).toEqual(
            Object.fromEntries(Object.keys(runtimeCounters(rig)).map((k) => [k, 0])),
          );
          for (const code of ended as string[])
            expect(['ok', 'UPSTREAM_ERROR', 'TIMEOUT', 'CANCELLED', 'OVER_CAPACITY']).toContain(
              code,
            );
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);
});
