import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../components/Chart.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PriceEditor } from '../components/PriceEditor.tsx';
import { Stat } from '../components/Stat.tsx';
import { formatNumber } from '../format.ts';
import { useInvoke } from '../hooks/useInvoke.ts';
import { useDaemonState, useSettings, useStatus } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';
import {
  daySeries,
  DIMENSIONS,
  formatCost,
  formatMoney,
  formatSpend,
  mainCurrency,
  OTHER,
  utcOffsetMinutes,
  windowDays,
  windowStart,
  type Dimension,
} from '../usage/usage-view.ts';

const COLORS = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--muted'];

export function Usage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const daemon = useDaemonState();
  const running = daemon?.state === 'running';
  const [split, setSplit] = useState<Dimension>('provider');
  const [exportNote, setExportNote] = useState<{ ok: boolean; text: string } | null>(null);
  // The window is fixed when the page opens (and when the day rolls over on a reload).
  const tz = utcOffsetMinutes();
  const since = windowStart(Date.now(), tz);
  // Read again when a call finishes (it may have spent tokens) and when new prices recost everything.
  const calls = useStatus()?.counters.calls;
  const prices = JSON.stringify(useSettings()?.prices ?? {});
  const report = useInvoke(
    () => invoke('usage:report', since, tz),
    [running, since, tz, prices, calls],
  );
  const rows = report.data?.rows ?? [];
  const days = useMemo(() => windowDays(Date.now(), tz), [since, tz]);
  const currency = report.data ? mainCurrency(report.data) : null;

  const charts = useMemo(() => {
    const x = days.map((d) => d.x);
    const label = (g: string) => (g === OTHER ? t('usage.other') : g);
    const tokens = daySeries(rows, days, split, 'tokens', null);
    const cost = daySeries(rows, days, split, 'cost', currency);
    return {
      tokens: {
        lines: tokens.groups.map((g, i) => ({ label: label(g), colorVar: COLORS[i]! })),
        data: [x, ...tokens.values] as [number[], ...number[][]],
        shape: tokens.groups.join('|'),
      },
      cost: {
        lines: cost.groups.map((g, i) => ({ label: label(g), colorVar: COLORS[i]! })),
        data: [x, ...cost.values] as [number[], ...number[][]],
        shape: cost.groups.join('|'),
      },
    };
  }, [rows, days, split, currency, t]);
  const dayFormat = useMemo(
    () => new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', timeZone: 'UTC' }),
    [lang],
  );
  // Chart x values are local midnights; shift by the offset so a UTC formatter names the user's day.
  const xFormat = (s: number) => dayFormat.format(s * 1000 + tz * 60_000);
  const compact = useMemo(
    () => new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }),
    [lang],
  );

  const exportCsv = async () => {
    setExportNote(null);
    try {
      const result = await invoke('usage:export-csv', since, tz);
      if (result.saved)
        setExportNote({ ok: true, text: t('usage.exported', { path: result.path ?? '' }) });
    } catch (e) {
      setExportNote({ ok: false, text: t('usage.exportFailed', { error: readableError(e) }) });
    }
  };

  const totals = report.data?.totals;
  return (
    <>
      <PageHeader
        title={t('usage.title')}
        subtitle={t('usage.subtitle', { days: days.length })}
        actions={
          <button
            type="button"
            className="btn"
            onClick={() => void exportCsv()}
            disabled={!running}
          >
            {t('usage.exportCsv')}
          </button>
        }
      />
      {exportNote && (
        <div
          className={`banner ${exportNote.ok ? 'banner-info' : 'banner-error'}`}
          role={exportNote.ok ? 'status' : 'alert'}
        >
          {exportNote.text}
        </div>
      )}
      {report.error && (
        <div className="banner banner-error" role="alert">
          {t('usage.loadFailed', { error: report.error })}
        </div>
      )}
      {!running && !report.data ? (
        <EmptyState title={t('usage.notRunningTitle')}>
          {t('usage.notRunningBefore')}
          <a href="#/overview">{t('usage.notRunningLink')}</a>
          {t('usage.notRunningAfter')}
        </EmptyState>
      ) : (
        <>
          <div className="stats">
            <Stat
              label={t('usage.spend')}
              value={totals ? formatSpend(lang, totals.cost) : '—'}
              hint={
                totals && totals.unpriced_tokens > 0
                  ? t('usage.unpricedHint', { tokens: formatNumber(lang, totals.unpriced_tokens) })
                  : undefined
              }
            />
            <Stat
              label={t('usage.inputTokens')}
              value={totals ? formatNumber(lang, totals.input_tokens) : '—'}
            />
            <Stat
              label={t('usage.outputTokens')}
              value={totals ? formatNumber(lang, totals.output_tokens) : '—'}
            />
            <Stat
              label={t('usage.requests')}
              value={totals ? formatNumber(lang, totals.requests) : '—'}
            />
          </div>
          <div className="row gap usage-split">
            <label htmlFor="usage-split">{t('usage.splitBy')}</label>
            <select
              id="usage-split"
              value={split}
              onChange={(e) => setSplit(e.target.value as Dimension)}
            >
              {DIMENSIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`usage.dimension.${d}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="charts">
            <Chart
              key={`cost-${lang}`}
              title={t('usage.spendPerDay')}
              caption={currency ? currencyName(lang, currency) : t('usage.noPrices')}
              xLabel={t('usage.day')}
              lines={charts.cost.lines}
              data={charts.cost.data}
              shape={charts.cost.shape}
              xFormat={xFormat}
              yFormat={(v) => (currency ? formatMoney(lang, v, currency) : formatNumber(lang, v))}
              points
              // Room for dates such as "11月28日" or "Nov 28" without overlapping.
              xSpace={72}
            />
            <Chart
              key={`tokens-${lang}`}
              title={t('usage.tokensPerDay')}
              caption={t('usage.tokensUnit')}
              xLabel={t('usage.day')}
              lines={charts.tokens.lines}
              data={charts.tokens.data}
              shape={charts.tokens.shape}
              xFormat={xFormat}
              yFormat={(v) => compact.format(v)}
              points
              // Room for dates such as "11月28日" or "Nov 28" without overlapping.
              xSpace={72}
            />
          </div>
          {rows.length === 0 ? (
            report.data && (
              <EmptyState title={t('usage.emptyTitle')}>{t('usage.emptyBody')}</EmptyState>
            )
          ) : (
            <div className="table-wrap">
              <table className="table" aria-label={t('usage.table')}>
                <thead>
                  <tr>
                    <th>{t('usage.col.day')}</th>
                    <th>{t('usage.dimension.provider')}</th>
                    <th>{t('usage.dimension.model')}</th>
                    <th>{t('usage.dimension.tool')}</th>
                    <th>{t('usage.dimension.client')}</th>
                    <th className="num">{t('usage.col.requests')}</th>
                    <th className="num">{t('usage.col.input')}</th>
                    <th className="num">{t('usage.col.output')}</th>
                    <th className="num">{t('usage.col.cost')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...rows].reverse().map((r) => (
                    <tr key={`${r.day}|${r.provider}|${r.model}|${r.tool}|${r.client}`}>
                      <td>{dayFormat.format(Date.parse(`${r.day}T00:00:00Z`))}</td>
                      <td>{r.provider}</td>
                      <td>
                        <code>{r.model}</code>
                      </td>
                      <td>
                        <code>{r.tool}</code>
                      </td>
                      <td>
                        <code>{r.client}</code>
                      </td>
                      <td className="num">{formatNumber(lang, r.requests)}</td>
                      <td className="num">
                        <Estimated on={r.estimated} />
                        {formatNumber(lang, r.input_tokens)}
                      </td>
                      <td className="num">
                        <Estimated on={r.estimated} />
                        {formatNumber(lang, r.output_tokens)}
                      </td>
                      <td
                        className="num"
                        title={r.cost === null ? t('usage.noPrice', { model: r.model }) : undefined}
                      >
                        {formatCost(lang, r.cost, r.currency)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {rows.some((r) => r.estimated) && (
            <p className="muted small">{t('usage.estimatedNote')}</p>
          )}
        </>
      )}
      <PriceEditor seenModels={rows.map((r) => r.model)} />
    </>
  );
}

function Estimated({ on }: { on: boolean }) {
  const { t } = useTranslation();
  if (!on) return null;
  return (
    <abbr className="estimated" title={t('usage.estimated')} aria-label={t('usage.estimated')}>
      {t('usage.estimatedMark')}
    </abbr>
  );
}

/** "US Dollar" / "美元": the chart's unit, named in the window's language. */
function currencyName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}
