import { useTranslation } from 'react-i18next';
import { hrefFor, type PageId } from '../hooks/useHashRoute.ts';
import { useDaemonState, useStatus } from '../hooks/useLive.ts';
import { useReadiness } from '../hooks/useReadiness.ts';
import { invoke } from '../ipc.ts';
import { Icon, type IconName } from './Icon.tsx';
import { StateBadge } from './StateBadge.tsx';

const NAV: Array<{ id: PageId; icon: IconName }> = [
  { id: 'overview', icon: 'overview' },
  { id: 'providers', icon: 'providers' },
  { id: 'sessions', icon: 'sessions' },
  { id: 'health', icon: 'health' },
  { id: 'usage', icon: 'usage' },
  { id: 'tools', icon: 'tools' },
  { id: 'logs', icon: 'logs' },
  { id: 'connect', icon: 'connect' },
  { id: 'settings', icon: 'settings' },
  { id: 'about', icon: 'about' },
];

export function Sidebar({ page }: { page: PageId }) {
  const { t } = useTranslation();
  const daemon = useDaemonState();
  const ready = useReadiness();
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
        <StateBadge state={daemon?.state} readiness={ready} />
        {ready && ready !== 'ready' && (
          <a className="sidebar-fix small" href={hrefFor('settings')}>
            {t(`readiness.fix.${ready}`)}
          </a>
        )}
      </div>
      <ul>
        {NAV.map((item) => (
          <li key={item.id}>
            <a
              href={hrefFor(item.id)}
              className="nav-link"
              aria-current={page === item.id ? 'page' : undefined}
            >
              <Icon name={item.icon} className="nav-icon" />
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
      <button type="button" className="nav-link nav-quit" onClick={() => void invoke('app:quit')}>
        <Icon name="quit" className="nav-icon" />
        <span className="nav-label">{t('nav.quit')}</span>
      </button>
    </nav>
  );
}
