import { describe, expect, it } from 'vitest';
import type { DaemonState, ProviderStatus, StatusSnapshot } from '../../preload/api.ts';
import { translator } from '../../main/i18n.ts';
import { DesktopNotifier } from '../../main/notify/desktop-notifier.ts';

// What the user sees pop up, in each language, for a sequence of supervisor readings.

const state = (s: DaemonState['state'], extra: Partial<DaemonState> = {}): DaemonState => ({
  state: s,
  restarts: 0,
  since: 0,
  ...extra,
});

const snapshot = (kimi: ProviderStatus['breaker'], lastError?: string): StatusSnapshot =>
  ({
    providers: [
      { id: 'kimi', breaker: kimi, ...(lastError && { lastError }) },
      { id: 'glm', breaker: 'closed' },
    ],
  }) as unknown as StatusSnapshot;

function notifier(language: 'en' | 'zh-CN', circuit = false) {
  const shown: Array<{ title: string; body: string }> = [];
  const n = new DesktopNotifier({
    show: (title, body) => shown.push({ title, body }),
    t: translator(language),
    circuitNotifications: () => circuit,
  });
  return { n, shown };
}

describe('desktop notifications', () => {
  it('tells once that the daemon stopped after a crash loop, with the reason, in English and Chinese', () => {
    for (const [language, title, reason] of [
      [
        'en',
        'EXAI daemon stopped',
        'Stopped retrying after 5 crashes within 60 s. Open EXAI Desktop',
      ],
      ['zh-CN', 'EXAI 守护进程已停止', '60 秒内崩溃 5 次，已停止自动重试。打开 EXAI Desktop'],
    ] as const) {
      const { n, shown } = notifier(language);
      n.daemonState(state('running'));
      n.daemonState(state('crashed'));
      n.daemonState(state('backing-off'));
      const failed = state('failed', {
        reason: 'It crashed 5 times in 60 s and was stopped.',
        reasonCode: 'crash-loop',
        reasonMessage: { key: 'reason.crashLoop', params: { count: 5, windowS: 60, reason: '' } },
      });
      n.daemonState(failed);
      n.daemonState(failed);
      expect(shown).toHaveLength(1);
      expect(shown[0]?.title).toBe(title);
      expect(shown[0]?.body).toContain(reason);
    }
  });

  it('says nothing when the daemon refuses to start (the window shows that) or is stopped by the user', () => {
    const { n, shown } = notifier('en');
    n.daemonState(state('starting'));
    n.daemonState(state('failed', { reasonCode: 'port-in-use' }));
    n.daemonState(state('running'));
    n.daemonState(state('stopping'));
    n.daemonState(state('stopped'));
    expect(shown).toEqual([]);
  });

  it('shows circuit opening and closing only when the setting is on', () => {
    for (const on of [false, true]) {
      const { n, shown } = notifier('en', on);
      n.daemonState(state('running'));
      n.status(snapshot('closed'));
      n.status(snapshot('open', '503 from upstream'));
      n.status(snapshot('half-open'));
      n.status(snapshot('closed'));
      expect(shown).toEqual(
        on
          ? [
              {
                title: 'Kimi is failing',
                body: 'Calls to Kimi are paused after repeated errors. 503 from upstream',
              },
              { title: 'Kimi is back', body: 'Calls to Kimi work again.' },
            ]
          : [],
      );
    }
  });

  it('says the circuit news in Chinese when the app is in Chinese', () => {
    const { n, shown } = notifier('zh-CN', true);
    n.daemonState(state('running'));
    n.status(snapshot('closed'));
    n.status(snapshot('open'));
    expect(shown).toEqual([{ title: 'Kimi 调用失败', body: 'Kimi 连续出错，调用已暂停。' }]);
  });
});
