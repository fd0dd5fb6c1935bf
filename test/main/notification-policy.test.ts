import { describe, expect, it } from 'vitest';
import { notificationsFor, type NotifyReading } from '../../main/notify/notification-policy.ts';
import type { ProviderStatus } from '../../preload/api.ts';

const provider = (
  id: 'kimi' | 'glm',
  breaker: ProviderStatus['breaker'],
  lastError?: string,
): ProviderStatus => ({
  id,
  configured: true,
  baseUrl: 'https://example.invalid/v1',
  breaker,
  consecutiveFailures: 0,
  inflight: 0,
  limit: 4,
  models: [],
  ...(lastError && { lastError }),
});

const reading = (
  state: NotifyReading['daemon']['state'],
  breakers: Record<'kimi' | 'glm', ProviderStatus['breaker']> = { kimi: 'closed', glm: 'closed' },
  reason?: string,
): NotifyReading => ({
  daemon: { state, ...(reason && { reason }) },
  providers: [
    provider('kimi', breakers.kimi, breakers.kimi === 'open' ? 'HTTP 503' : undefined),
    provider('glm', breakers.glm),
  ],
});

const on = { circuitNotifications: true };
const off = { circuitNotifications: false };

describe('desktop notifications', () => {
  it.each([
    [
      'crashed → failed (the supervisor gave up)',
      reading('crashed'),
      reading('failed', undefined, 'Stopped retrying after 5 crashes'),
      [{ kind: 'crash-loop', reason: 'Stopped retrying after 5 crashes' }],
    ],
    [
      'backing-off → failed',
      reading('backing-off'),
      reading('failed', undefined, 'x'),
      [{ kind: 'crash-loop', reason: 'x' }],
    ],
    [
      'starting → failed (bad config: the window says it)',
      reading('starting'),
      reading('failed', undefined, 'bad'),
      [],
    ],
    ['failed → failed (no repeat)', reading('failed'), reading('failed'), []],
    ['running → running', reading('running'), reading('running'), []],
  ])('%s', (_name, prev, next, expected) => {
    expect(notificationsFor(prev, next, off)).toEqual(expected);
  });

  it('tells of a circuit opening and closing only when the setting is on', () => {
    const open = reading('running', { kimi: 'open', glm: 'closed' });
    expect(notificationsFor(reading('running'), open, off)).toEqual([]);
    expect(notificationsFor(reading('running'), open, on)).toEqual([
      { kind: 'circuit-open', provider: 'kimi', lastError: 'HTTP 503' },
    ]);
    expect(
      notificationsFor(open, reading('running', { kimi: 'half-open', glm: 'closed' }), on),
    ).toEqual([]);
    expect(
      notificationsFor(
        reading('running', { kimi: 'half-open', glm: 'closed' }),
        reading('running'),
        on,
      ),
    ).toEqual([{ kind: 'circuit-closed', provider: 'kimi' }]);
  });

  it('says nothing on the first reading', () => {
    expect(
      notificationsFor(undefined, reading('running', { kimi: 'open', glm: 'open' }), on),
    ).toEqual([]);
  });
});
