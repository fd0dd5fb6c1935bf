import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogLine } from '../../../preload/api.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatLogTime } from '../format.ts';
import { useLogs } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';

const LEVELS: LogLine['level'][] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const SHOWN_MAX = 1000;

function lineText(l: LogLine): string {
  const fields = l.fields && Object.keys(l.fields).length ? ` ${JSON.stringify(l.fields)}` : '';
  return `${new Date(l.time).toISOString()} ${l.level.toUpperCase()} ${l.msg}${fields}`;
}

export function Logs() {
  const { t, i18n } = useTranslation();
  const live = useLogs();
  const [minLevel, setMinLevel] = useState<LogLine['level']>('debug');
  const [query, setQuery] = useState('');
  const [paused, setPaused] = useState<LogLine[] | null>(null);
  const [error, setError] = useState('');
  const list = useRef<HTMLOListElement>(null);
  const stick = useRef(true);

  // Pausing freezes the view; the store keeps collecting, so nothing is lost on resume.
  const source = paused ?? live;
  const newWhilePaused = paused ? live.length - paused.length : 0;
  const shown = useMemo(() => {
    const min = LEVELS.indexOf(minLevel);
    const q = query.trim().toLowerCase();
    const out = source.filter((l) => LEVELS.indexOf(l.level) >= min && (!q || lineText(l).toLowerCase().includes(q)));
    return out.length > SHOWN_MAX ? out.slice(out.length - SHOWN_MAX) : out;
  }, [source, minLevel, query]);

  useEffect(() => {
    const el = list.current;
    if (el && stick.current && !paused) el.scrollTop = el.scrollHeight;
  }, [shown, paused]);

  const openFolder = async () => {
    setError('');
    try {
      await invoke('logs:open-folder');
    } catch (e) {
      setError(readableError(e));
    }
  };

  return (
    <div className="logs-page">
      <PageHeader
        title={t('logs.title')}
        subtitle={t('logs.subtitle')}
        actions={
          <button type="button" className="btn" onClick={openFolder}>
            {t('logs.openFolder')}
          </button>
        }
      />
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      <div className="toolbar" role="toolbar" aria-label={t('logs.filters')}>
        <label className="inline-label">
          {t('logs.level')}
          <select
            value={minLevel}
            onChange={(e) => setMinLevel(e.target.value as LogLine['level'])}
          >
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {l === 'fatal' ? l : t('logs.levelAndAbove', { level: l })}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-label grow">
          <span className="sr-only">{t('logs.search')}</span>
          <input
            type="search"
            placeholder={t('logs.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
        <button
          type="button"
          className={`btn${paused ? ' btn-primary' : ''}`}
          aria-pressed={paused !== null}
          onClick={() => setPaused(paused ? null : live)}
        >
          {paused
            ? newWhilePaused > 0
              ? t('logs.resumeNew', { count: newWhilePaused })
              : t('logs.resume')
            : t('logs.pause')}
        </button>
        <span className="muted small" aria-live="polite">
          {t('logs.shownOf', { shown: shown.length, count: source.length })}
        </span>
      </div>
      {source.length === 0 ? (
        <EmptyState title={t('logs.emptyTitle')}>{t('logs.emptyBody')}</EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState title={t('logs.noMatchTitle')}>{t('logs.noMatchBody')}</EmptyState>
      ) : (
        <ol
          className="log-list"
          ref={list}
          role="log"
          aria-label={t('logs.list')}
          tabIndex={0}
          onScroll={(e) => {
            const el = e.currentTarget;
            stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          }}
        >
          {shown.map((l, i) => (
            <li key={`${l.time}-${i}`} className={`log-line level-${l.level}`}>
              <span className="log-time">{formatLogTime(i18n.language, l.time)}</span>
              <span className="log-level">{l.level}</span>
              <span className="log-msg">
                {l.msg}
                {l.fields && Object.keys(l.fields).length > 0 && <span className="log-fields"> {JSON.stringify(l.fields)}</span>}
              </span>
              <span className="log-copy">
                <CopyButton text={lineText(l)} label={t('logs.copyLine')} compact />
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
