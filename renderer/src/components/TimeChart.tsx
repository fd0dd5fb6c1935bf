import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useColorScheme } from '../hooks/useColorScheme.ts';
import { HISTORY_WINDOW_S, type HealthSample } from '../store/health-history.ts';

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

const HEIGHT = 170;
const MIN_SPAN_S = 120;

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

function toData(history: HealthSample[], series: ChartSeries[]): uPlot.AlignedData {
  return [history.map((s) => s.t), ...series.map((se) => history.map(se.value))];
}

// One uPlot instance per chart, created once per theme; new samples only call setData.
export function TimeChart({
  title,
  unit,
  history,
  series,
  format = (v) => v.toFixed(v < 10 ? 2 : 0),
}: Props) {
  const { t, i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const scheme = useColorScheme();
  const latest = history.at(-1);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const clock = new Intl.DateTimeFormat(i18n.language, {
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    const axis = {
      stroke: cssVar('--muted'),
      grid: { stroke: cssVar('--grid'), width: 1 },
      ticks: { stroke: cssVar('--grid'), width: 1 },
    };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] },
      },
      axes: [
        // Clock times in the window's language (uPlot's own format is English: "3:45pm").
        { ...axis, values: (_u, ticks) => ticks.map((s) => clock.format(s * 1000)) },
        { ...axis, size: 48, values: (_u, ticks) => ticks.map((v) => format(v)) },
      ],
      series: [
        { label: t('health.time') },
        ...series.map((s) => ({
          label: s.label,
          stroke: cssVar(s.colorVar),
          width: 1.5,
          fill: `${cssVar(s.colorVar)}22`,
          points: { show: false },
        })),
      ],
    };
    const u = new uPlot(opts, toData([], series), el);
    plot.current = u;
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Series and format are static per chart; only the theme recreates it.
  }, [scheme]);

  useEffect(() => {
    const max = Math.max(Date.now() / 1000, latest?.t ?? 0);
    // Up to 15 minutes; while there is less history, the chart spans what exists (at least 2 min)
    // instead of squeezing it into a sliver at the right edge.
    const first = history[0]?.t ?? max;
    const min = Math.max(max - HISTORY_WINDOW_S, Math.min(first, max - MIN_SPAN_S));
    plot.current?.setData(toData(history, series), false);
    plot.current?.setScale('x', { min, max });
  }, [history, series, latest]);

  return (
    <figure className="card chart">
      <figcaption>
        <span className="chart-title">{title}</span>
        <span className="chart-latest" aria-live="off">
          {latest ? series.map((s) => `${s.label} ${format(s.value(latest))}`).join(' · ') : '—'} {unit}
        </span>
      </figcaption>
      <div
        ref={box}
        className="chart-box"
        role="img"
        aria-label={t('health.chartLabel', { title })}
      />
    </figure>
  );
}
