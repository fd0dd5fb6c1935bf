import { hrefFor, type PageId } from '../hooks/useHashRoute.ts';
import { useDaemonState, useStatus } from '../hooks/useLive.ts';
import { StateBadge } from './StateBadge.tsx';

const NAV: Array<{ id: PageId; label: string; icon: string }> = [
  { id: 'overview', label: 'Overview', icon: '◉' },
  { id: 'providers', label: 'Providers', icon: '⇄' },
  { id: 'sessions', label: 'Sessions', icon: '☰' },
  { id: 'health', label: 'Health', icon: '∿' },
  { id: 'logs', label: 'Logs', icon: '≡' },
  { id: 'connect', label: 'Connect a client', icon: '⌁' },
  { id: 'settings', label: 'Settings', icon: '⚙' },
];

export function Sidebar({ page }: { page: PageId }) {
  const daemon = useDaemonState();
  const sessions = useStatus()?.sessions.length ?? 0;
  return (
    <nav className="sidebar" aria-label="Dashboard">
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
              <span>{item.label}</span>
              {item.id === 'sessions' && sessions > 0 && (
                <span className="nav-count" aria-label={`${sessions} connected`}>
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
