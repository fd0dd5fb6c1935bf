import { useEffect, useRef } from 'react';
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

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

function toData(history: HealthSample[], series: ChartSeries[]): uPlot.AlignedData {
  return [history.map((s) => s.t), ...series.map((se) => history.map(se.value))];
}

// One uPlot instance per chart, created once per theme; new samples only call setData.
export function TimeChart({ title, unit, history, series, format = (v) => v.toFixed(v < 10 ? 2 : 0) }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const scheme = useColorScheme();
  const latest = history.at(-1);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axis = { stroke: cssVar('--muted'), grid: { stroke: cssVar('--grid'), width: 1 }, ticks: { stroke: cssVar('--grid'), width: 1 } };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true, range: (_u, _min, max) => [max - HISTORY_WINDOW_S, max] },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] },
      },
      axes: [axis, { ...axis, size: 48, values: (_u, ticks) => ticks.map((t) => format(t)) }],
      series: [
        {},
        ...series.map((s) => ({ label: s.label, stroke: cssVar(s.colorVar), width: 1.5, fill: `${cssVar(s.colorVar)}22`, points: { show: false } })),
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
    const now = Date.now() / 1000;
    // Pin the x range to "the last 15 minutes", even with few samples.
    plot.current?.setData(toData(history, series), false);
    plot.current?.setScale('x', { min: now - HISTORY_WINDOW_S, max: Math.max(now, latest?.t ?? now) });
  }, [history, series, latest]);

  return (
    <figure className="card chart">
      <figcaption>
        <span className="chart-title">{title}</span>
        <span className="chart-latest" aria-live="off">
          {latest ? series.map((s) => `${s.label} ${format(s.value(latest))}`).join(' · ') : '—'} {unit}
        </span>
      </figcaption>
      <div ref={box} className="chart-box" role="img" aria-label={`${title} over the last 15 minutes`} />
    </figure>
  );
}
