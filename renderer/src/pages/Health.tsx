import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { TimeChart, type ChartSeries } from '../components/TimeChart.tsx';
import { formatNumber } from '../format.ts';
import { useHistory } from '../hooks/useLive.ts';

export function Health() {
  const { t, i18n } = useTranslation();
  const history = useHistory();
  const lang = i18n.language;
  // Memoized per language: the charts compare series by identity and are rebuilt only when it changes.
  const charts = useMemo(() => {
    const ms = (v: number) =>
      v >= 1000
        ? t('duration.seconds', { s: formatNumber(lang, v / 1000, 1) })
        : formatNumber(lang, v);
    const mb = (v: number) => formatNumber(lang, v);
    const series = (
      label: string,
      colorVar: string,
      value: ChartSeries['value'],
    ): ChartSeries[] => [{ label, colorVar, value }];
    return [
      {
        title: t('health.calls'),
        unit: '',
        series: series(t('health.seriesCalls'), '--chart-1', (s) => s.callsPerS),
      },
      {
        title: t('health.latency'),
        unit: 'ms',
        format: ms,
        series: [
          { label: 'p50', colorVar: '--chart-1', value: (s) => s.p50 },
          { label: 'p95', colorVar: '--chart-3', value: (s) => s.p95 },
        ] as ChartSeries[],
      },
      {
        title: t('health.errors'),
        unit: '',
        series: series(t('health.seriesErrors'), '--chart-err', (s) => s.errorsPerS),
      },
      {
        title: t('health.memory'),
        unit: 'MB',
        format: mb,
        series: series('RSS', '--chart-2', (s) => s.rssMB),
      },
      {
        title: t('health.cacheHits'),
        unit: t('health.perSecond'),
        series: series(t('health.seriesCache'), '--chart-2', (s) => s.cacheHitsPerS),
      },
      {
        title: t('health.coalesced'),
        unit: t('health.perSecond'),
        series: series(t('health.seriesCoalesced'), '--chart-4', (s) => s.coalescedPerS),
      },
    ];
  }, [t, lang]);
  return (
    <>
      <PageHeader title={t('health.title')} subtitle={t('health.subtitle')} />
      {history.length < 2 && (
        <EmptyState title={t('health.collecting')}>
          {t('health.collectingBefore')}
          <a href="#/overview">{t('health.collectingLink')}</a>
          {t('health.collectingAfter')}
        </EmptyState>
      )}
      <div className="charts">
        {charts.map((c) => (
          <TimeChart
            key={`${lang}-${c.title}`}
            title={c.title}
            unit={c.unit}
            history={history}
            series={c.series}
            format={c.format}
          />
        ))}
      </div>
    </>
  );
}
