import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useColorScheme } from '../hooks/useColorScheme.ts';

export interface ChartLine {
  label: string;
  /** A CSS custom property holding the line color, e.g. "--chart-1". */
  colorVar: string;
}

interface Props {
  title: string;
  /** Shown after the title: the latest values, a total… */
  caption: string;
  /** Name of the x values in the legend ("Time", "Day"). */
  xLabel: string;
  lines: ChartLine[];
  /** [x in seconds, ...one array per line]. */
  data: uPlot.AlignedData;
  /** x tick labels; `spanS` is the x range shown, so a short window can add seconds. */
  xFormat: (seconds: number, spanS: number) => string;
  yFormat: (v: number) => string;
  /** The hover read-out of x and of each value (default: xFormat, yFormat). */
  xHoverFormat?: (seconds: number) => string;
  valueFormat?: (v: number) => string;
  /** The y-axis' unit ("calls/s", "MB"), shown as text above its numbers. */
  axisLabel?: string;
  xRange?: { min: number; max: number };
  /** Draw points (sparse daily data) rather than a bare line. */
  points?: boolean;
  /** Least pixels between x ticks (uPlot's `space`); wider labels such as dates need more. */
  xSpace?: number;
  /** Changing it rebuilds the chart (the set of lines changed). */
  shape?: string;
}

const HEIGHT = 170;

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

// One uPlot instance per chart, created once per theme and line set; new data only calls setData.
// The Health page (TimeChart) and the Usage page draw through it.
export function Chart({
  title,
  caption,
  xLabel,
  lines,
  data,
  xFormat,
  yFormat,
  xRange,
  points,
  xSpace,
  shape,
  xHoverFormat,
  valueFormat,
  axisLabel,
}: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const scheme = useColorScheme();
  const latest = useRef({ data, xRange, xFormat, yFormat, xHoverFormat, valueFormat });
  latest.current = { data, xRange, xFormat, yFormat, xHoverFormat, valueFormat };

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axis = {
      stroke: cssVar('--muted'),
      grid: { stroke: cssVar('--grid'), width: 1 },
      ticks: { stroke: cssVar('--grid'), width: 1 },
    };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      // The legend follows the cursor: hovering the chart reads each value at that moment.
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] },
      },
      axes: [
        // Times in the window's language (uPlot's own format is English: "3:45pm").
        {
          ...axis,
          ...(xSpace !== undefined && { space: xSpace }),
          values: (u, ticks) => {
            const span = (u.scales.x?.max ?? 0) - (u.scales.x?.min ?? 0);
            return ticks.map((s) => latest.current.xFormat(s, span));
          },
        },
        {
          ...axis,
          // Wide enough for the longest label ("US$0.20", "200K"), measured roughly per character.
          size: (_u, values) => Math.max(48, ...(values ?? []).map((v) => v.length * 7 + 18)),
          values: (_u, ticks) => ticks.map((v) => latest.current.yFormat(v)),
        },
      ],
      series: [
        {
          label: xLabel,
          value: (_u: uPlot, v: number | null) =>
            v == null
              ? '—'
              : (latest.current.xHoverFormat ?? ((x: number) => latest.current.xFormat(x, 0)))(v),
        },
        ...lines.map((s) => ({
          label: s.label,
          value: (_u: uPlot, v: number | null) =>
            v == null ? '—' : (latest.current.valueFormat ?? latest.current.yFormat)(v),
          stroke: cssVar(s.colorVar),
          width: 1.5,
          fill: `${cssVar(s.colorVar)}22`,
          points: { show: Boolean(points), size: 5 },
        })),
      ],
    };
    const u = new uPlot(opts, latest.current.data, el);
    plot.current = u;
    if (latest.current.xRange) u.setScale('x', latest.current.xRange);
    const ro = new ResizeObserver(() =>
      u.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }),
    );
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Lines are fixed per shape; the theme recreates the chart to pick up its colors.
  }, [scheme, shape]);

  useEffect(() => {
    // With a fixed window the x scale is set here; without one, uPlot fits the scales to the data.
    plot.current?.setData(data, !xRange);
    if (xRange) plot.current?.setScale('x', xRange);
  }, [data, xRange]);

  return (
    <figure className="card chart">
      <figcaption>
        <span className="chart-title">{title}</span>
        <span className="chart-latest" aria-live="off">
          {caption}
        </span>
      </figcaption>
      {/* The y-axis' unit as text above its numbers (uPlot's own label would be canvas, unread by screen readers). */}
      {axisLabel && (
        <div className="chart-axis-label" data-testid="axis-label">
          {axisLabel}
        </div>
      )}
      <div
        ref={box}
        className="chart-box"
        role="img"
        aria-label={t('health.chartLabel', { title })}
      />
    </figure>
  );
}
