import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format.ts';
import { useInvoke } from '../hooks/useInvoke.ts';
import { useSettings, useStatus } from '../hooks/useLive.ts';
import { invoke } from '../ipc.ts';
import {
  dayKey,
  dayTotal,
  formatSpend,
  startOfDay,
  utcOffsetMinutes,
} from '../usage/usage-view.ts';
import { Stat } from './Stat.tsx';

/** Today's spend and tokens on the Overview, from the daemon's usage ledger; a link to the Usage page. */
export function TodayUsage({ running }: { running: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const calls = useStatus()?.counters.calls;
  const prices = JSON.stringify(useSettings()?.prices ?? {});
  const tz = utcOffsetMinutes();
  const now = Date.now();
  const since = startOfDay(now, tz);
  // A finished call may have spent tokens: re-read when the daemon's call count moves.
  const report = useInvoke(
    () => (running ? invoke('usage:report', since, tz) : Promise.resolve(null)),
    [running, since, tz, calls, prices],
  );
  const today = report.data ? dayTotal(report.data.rows, dayKey(now, tz)) : null;
  return (
    <>
      <a className="stat-link" href="#/usage" data-testid="today-spend">
        <Stat
          label={t('overview.todaySpend')}
          value={today ? formatSpend(lang, today.cost) : '—'}
          hint={today?.unpriced ? t('overview.todayUnpriced') : undefined}
        />
      </a>
      <a className="stat-link" href="#/usage" data-testid="today-tokens">
        <Stat
          label={t('overview.todayTokens')}
          value={today ? formatNumber(lang, today.tokens) : '—'}
          hint={today?.estimated ? t('overview.todayEstimated') : undefined}
        />
      </a>
    </>
  );
}
