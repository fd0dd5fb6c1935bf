import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { chartClock, tickClock, timeWindow } from '../store/chart-time.ts';
import { type HealthSample } from '../store/health-history.ts';
import { Chart } from './Chart.tsx';

export interface ChartSeries {
  label: string;
  /** A CSS custom property holding the line color, e.g. "--chart-1". */
  colorVar: string;
  value: (s: HealthSample) => number;
}

interface Props {
  title: string;
  /** Shown once after the latest values (e.g. "ms"); '' when the series labels carry it ("calls/s"). */
  unit: string;
  /** The y-axis' label: what the numbers on it count, with their unit. */
  axisLabel: string;
  history: HealthSample[];
  series: ChartSeries[];
  format?: (v: number) => string;
}

const defaultFormat = (v: number) => v.toFixed(v < 10 ? 2 : 0);

/** The Health page's live charts: the last 15 minutes of status samples. */
export function TimeChart({
  title,
  unit,
  axisLabel,
  history,
  series,
  format = defaultFormat,
}: Props) {
  const { t, i18n } = useTranslation();
  const latest = history.at(-1);
  // 24-hour local time, like the rest of the app; the hover shows seconds too.
  const clockS = useMemo(() => chartClock(i18n.language, true), [i18n.language]);
  const data = useMemo(
    () =>
      [history.map((s) => s.t), ...series.map((se) => history.map(se.value))] as [
        number[],
        ...number[][],
      ],
    [history, series],
  );
  // Up to 15 minutes; while there is less history, the chart spans what exists instead of
  // squeezing it into a sliver at the right edge.
  const { min, max } = timeWindow(history[0]?.t, latest?.t, Date.now() / 1000);
  const xRange = useMemo(() => ({ min, max }), [min, max]);
  return (
    <Chart
      title={title}
      caption={`${latest ? series.map((s) => `${s.label} ${format(s.value(latest))}`).join(' · ') : '—'}${unit ? ` ${unit}` : ''}`}
      xLabel={t('health.time')}
      lines={series}
      data={data}
      xFormat={(s, span) => tickClock(i18n.language, span).format(s * 1000)}
      xHoverFormat={(s) => clockS.format(s * 1000)}
      yFormat={format}
      valueFormat={(v) => (unit ? `${format(v)} ${unit}` : format(v))}
      axisLabel={axisLabel}
      xRange={xRange}
    />
  );
}
