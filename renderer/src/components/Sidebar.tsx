import { useTranslation } from 'react-i18next';
import { hrefFor, type PageId } from '../hooks/useHashRoute.ts';
import { useDaemonState, useStatus } from '../hooks/useLive.ts';
import { StateBadge } from './StateBadge.tsx';

const NAV: Array<{ id: PageId; icon: string }> = [
  { id: 'overview', icon: '◉' },
  { id: 'providers', icon: '⇄' },
  { id: 'sessions', icon: '☰' },
  { id: 'health', icon: '∿' },
  { id: 'usage', icon: '¤' },
  { id: 'tools', icon: '⚒' },
  { id: 'logs', icon: '≡' },
  { id: 'connect', icon: '⌁' },
  { id: 'settings', icon: '⚙' },
];

export function Sidebar({ page }: { page: PageId }) {
  const { t } = useTranslation();
  const daemon = useDaemonState();
  const sessions = useStatus()?.sessions.length ?? 0;
  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          EX
        </span>
        <span className="brand-name">EXAI Desktop</span>
      </div>
      <div className="sidebar-state">
        <StateBadge state={daemon?.state} />
      </div>
      <ul>
        {NAV.map((item) => (
          <li key={item.id}>
            <a href={hrefFor(item.id)} className="nav-link" aria-current={page === item.id ? 'page' : undefined}>
              <span className="nav-icon" aria-hidden="true">
                {item.icon}
              </span>
              <span className="nav-label">{t(`nav.${item.id}`)}</span>
              {item.id === 'sessions' && sessions > 0 && (
                <span
                  className="nav-count"
                  aria-label={t('nav.connectedCount', { count: sessions })}
                >
                  {sessions}
                </span>
              )}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
