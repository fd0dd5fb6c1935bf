import { describe, expect, it } from 'vitest';
import { CrashPolicy } from '../../main/supervision/crash-policy.ts';

describe('CrashPolicy defaults', () => {
  it('waits 1 s, 2 s, 4 s, 8 s, then gives up on the fifth crash within 60 s', () => {
    const p = new CrashPolicy();
    const verdicts = [0, 2_000, 5_000, 10_000, 20_000].map((t) => p.recordCrash(t));
    expect(verdicts).toEqual([
      { action: 'retry', delayMs: 1_000 },
      { action: 'retry', delayMs: 2_000 },
      { action: 'retry', delayMs: 4_000 },
      { action: 'retry', delayMs: 8_000 },
      { action: 'give-up', crashes: 5 },
    ]);
  });

  it('keeps doubling up to 30 s for crashes spread over more than a minute', () => {
    const p = new CrashPolicy();
    const delays = [0, 40_000, 80_000, 120_000, 160_000, 200_000, 240_000].map((t) =>
      p.recordCrash(t),
    );
    expect(delays.map((v) => (v.action === 'retry' ? v.delayMs : -1))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
  });

  it('a daemon that ran stably is retried after 1 s again', () => {
    const p = new CrashPolicy();
    p.recordCrash(0);
    p.recordCrash(1_000);
    p.markStable();
    expect(p.recordCrash(100_000)).toEqual({ action: 'retry', delayMs: 1_000 });
  });
});
