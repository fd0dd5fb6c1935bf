import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ToolInfo, ToolProfile, ToolStat } from '../../../preload/api.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatNumber, formatPercent } from '../format.ts';
import { useInvoke } from '../hooks/useInvoke.ts';
import { useDaemonState, useLiveStore, useSettings, useStatus } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';
import { toggleTool } from '../tools/tool-lists.ts';

const PROFILES: readonly ToolProfile[] = ['core', 'standard', 'full'];
const FAMILY_ORDER = ['simple', 'workflow', 'provider', 'utility'];

export function Tools() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const daemon = useDaemonState();
  const settings = useSettings();
  const store = useLiveStore();
  const running = daemon?.state === 'running';
  // Settings changes re-read the list (the daemon is the judge of what clients now see), and so
  // does a finished call (its numbers).
  const calls = useStatus()?.counters.calls;
  const view = useInvoke(
    () => invoke('tools:list'),
    [
      running,
      calls,
      settings?.toolProfile,
      settings?.enabledTools.join(','),
      settings?.disabledTools.join(','),
    ],
  );
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  const apply = async (what: string, patch: Parameters<typeof invoke<'settings:update'>>[1]) => {
    setBusy(what);
    setError('');
    try {
      store.patch({ settings: await invoke('settings:update', patch) });
    } catch (e) {
      setError(t('tools.saveFailed', { error: readableError(e) }));
    } finally {
      setBusy(null);
    }
  };
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
            <label htmlFor="tool-profile">{t('tools.profile')}</label>
            <select
              id="tool-profile"
              value={settings?.toolProfile ?? 'standard'}
              disabled={!settings || busy !== null}
              onChange={(e) =>
                void apply('profile', { toolProfile: e.target.value as ToolProfile })
              }
            >
              {PROFILES.map((p) => (
                <option key={p} value={p}>
                  {t(`tools.profiles.${p}`)}
                </option>
              ))}
            </select>
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
