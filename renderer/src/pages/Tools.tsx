import { useTranslation } from 'react-i18next';
import type { ToolInfo, ToolStat } from '../../../preload/api.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatNumber, formatPercent } from '../format.ts';
import { useSettings } from '../hooks/useLive.ts';
import { toggleTool } from '../tools/tool-lists.ts';
import { ToolProfileSelect } from '../tools/ToolProfileSelect.tsx';
import { useToolSettings } from '../tools/useToolSettings.ts';
import { useToolsView } from '../tools/useToolsView.ts';

const FAMILY_ORDER = ['simple', 'workflow', 'provider', 'utility'];

export function Tools() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const settings = useSettings();
  const { running, ...view } = useToolsView();
  const { apply, busy, error } = useToolSettings();
  const toggle = (tool: ToolInfo, on: boolean) => {
    if (!settings) return;
    void apply(tool.name, toggleTool(settings, tool.name, on, tool.inProfile));
  };

  const stats = new Map<string, ToolStat>((view.data?.stats ?? []).map((s) => [s.tool, s]));
  const family = (c: string) =>
    FAMILY_ORDER.includes(c) ? FAMILY_ORDER.indexOf(c) : FAMILY_ORDER.length;
  const tools = [...(view.data?.tools ?? [])].sort(
    (a, b) => family(a.category) - family(b.category) || a.name.localeCompare(b.name),
  );
  const shown = tools.filter((x) => x.enabled).length;

  return (
    <>
      <PageHeader
        title={t('tools.title')}
        subtitle={t('tools.subtitle')}
        actions={
          <div className="row gap tools-profile">
            <ToolProfileSelect
              id="tool-profile"
              value={settings?.toolProfile ?? 'standard'}
              disabled={!settings || busy !== null}
              onPick={(toolProfile) => void apply('profile', { toolProfile })}
            />
          </div>
        }
      />
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {view.error && (
        <div className="banner banner-error" role="alert">
          {t('tools.loadFailed', { error: view.error })}
        </div>
      )}
      {!running && !view.data ? (
        <EmptyState title={t('tools.notRunningTitle')}>
          {t('tools.notRunningBefore')}
          <a href="#/overview">{t('tools.notRunningLink')}</a>
          {t('tools.notRunningAfter')}
        </EmptyState>
      ) : (
        <>
          <p className="muted small" role="status">
            {t('tools.shownCount', { shown, total: tools.length })}
          </p>
          <div className="table-wrap">
            <table className="table tools-table" aria-label={t('tools.table')}>
              <thead>
                <tr>
                  <th>{t('tools.col.enabled')}</th>
                  <th>{t('tools.col.tool')}</th>
                  <th>{t('tools.col.family')}</th>
                  <th className="num">{t('tools.col.calls')}</th>
                  <th className="num">{t('tools.col.p50')}</th>
                  <th className="num">{t('tools.col.errorRate')}</th>
                  <th className="num">{t('tools.col.tokens')}</th>
                </tr>
              </thead>
              <tbody>
                {tools.map((tool) => {
                  const s = stats.get(tool.name);
                  return (
                    <tr
                      key={tool.name}
                      data-tool={tool.name}
                      className={tool.enabled ? undefined : 'is-off'}
                    >
                      <td>
                        <label className="switch">
                          <input
                            type="checkbox"
                            role="switch"
                            checked={tool.enabled}
                            disabled={!settings || busy !== null}
                            aria-label={t('tools.toggle', { tool: tool.name })}
                            onChange={(e) => toggle(tool, e.target.checked)}
                          />
                        </label>
                      </td>
                      <td>
                        <code className="tool-name">{tool.name}</code>
                        <div className="muted small tool-desc">
                          {/* In the window's language; a tool the catalog does not know keeps the daemon's words. */}
                          {t(`tools.desc.${tool.name}`, { defaultValue: tool.description })}
                        </div>
                      </td>
                      <td>
                        <span className="badge">
                          {t(`tools.family.${tool.category}`, { defaultValue: tool.category })}
                        </span>
                      </td>
                      <td className="num">{s ? formatNumber(lang, s.calls) : '—'}</td>
                      <td className="num">
                        {s ? t('tools.ms', { ms: formatNumber(lang, s.p50_ms) }) : '—'}
                      </td>
                      <td className="num">{s ? formatPercent(lang, s.errors, s.calls) : '—'}</td>
                      <td className="num">{s ? formatNumber(lang, s.tokens) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="muted small">{t('tools.statsNote')}</p>
        </>
      )}
    </>
  );
}
