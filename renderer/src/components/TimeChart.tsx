import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { HISTORY_WINDOW_S, type HealthSample } from '../store/health-history.ts';
import { Chart } from './Chart.tsx';

export interface ChartSeries {
  label: string;
  /** A CSS custom property holding the line color, e.g. "--chart-1". */
  colorVar: string;
  value: (s: HealthSample) => number;
}

interface Props {
  title: string;
  unit: string;
  history: HealthSample[];
  series: ChartSeries[];
  format?: (v: number) => string;
}

const MIN_SPAN_S = 120;
const defaultFormat = (v: number) => v.toFixed(v < 10 ? 2 : 0);

/** The Health page's live charts: the last 15 minutes of status samples. */
export function TimeChart({ title, unit, history, series, format = defaultFormat }: Props) {
  const { t, i18n } = useTranslation();
  const latest = history.at(-1);
  const clock = useMemo(
    () =>
      new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', hour12: false }),
    [i18n.language],
  );
  const data = useMemo(
    () =>
      [history.map((s) => s.t), ...series.map((se) => history.map(se.value))] as [
        number[],
        ...number[][],
      ],
    [history, series],
  );
  const max = Math.max(Date.now() / 1000, latest?.t ?? 0);
  // Up to 15 minutes; while there is less history, the chart spans what exists (at least 2 min)
  // instead of squeezing it into a sliver at the right edge.
  const first = history[0]?.t ?? max;
  const min = Math.max(max - HISTORY_WINDOW_S, Math.min(first, max - MIN_SPAN_S));
  const xRange = useMemo(() => ({ min, max }), [min, max]);
  return (
    <Chart
      title={title}
      caption={`${latest ? series.map((s) => `${s.label} ${format(s.value(latest))}`).join(' · ') : '—'} ${unit}`}
      xLabel={t('health.time')}
      lines={series}
      data={data}
      xFormat={(s) => clock.format(s * 1000)}
      yFormat={format}
      xRange={xRange}
    />
  );
}
