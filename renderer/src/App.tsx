import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NoticeBar } from './components/NoticeBar.tsx';
import { Sidebar } from './components/Sidebar.tsx';
import { useHashRoute, type PageId } from './hooks/useHashRoute.ts';
import { useFirstRunRedirect } from './hooks/useFirstRunRedirect.ts';
import { useLive } from './hooks/useLive.ts';
import { useLanguageSync } from './i18n/index.ts';
import { StoreBanner } from './components/StoreBanner.tsx';
import { Connect } from './pages/Connect.tsx';
import { FirstRun } from './pages/FirstRun.tsx';
import { Health } from './pages/Health.tsx';
import { Logs } from './pages/Logs.tsx';
import { Overview } from './pages/Overview.tsx';
import { Providers } from './pages/Providers.tsx';
import { Sessions } from './pages/Sessions.tsx';
import { Settings } from './pages/Settings.tsx';
import { Tools } from './pages/Tools.tsx';
import { Usage } from './pages/Usage.tsx';

const PAGE_VIEWS: Record<PageId, () => React.JSX.Element> = {
  overview: Overview,
  providers: Providers,
  sessions: Sessions,
  health: Health,
  usage: Usage,
  tools: Tools,
  settings: Settings,
  logs: Logs,
  connect: Connect,
  setup: FirstRun,
};

export function App({ systemLanguages }: { systemLanguages: readonly string[] }) {
  const { t } = useTranslation();
  useLanguageSync(systemLanguages);
  const page = useHashRoute();
  useFirstRunRedirect(page);
  const loadError = useLive((s) => s.loadError);
  const mainRef = useRef<HTMLElement>(null);
  const View = PAGE_VIEWS[page];

  // Moving focus to the new page lets keyboard and screen-reader users continue from its heading.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [page]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <Sidebar page={page} />
      <main id="main" ref={mainRef} tabIndex={-1} aria-labelledby="page-title">
        <NoticeBar />
        <StoreBanner />
        {loadError && (
          <div className="banner banner-error" role="alert">
            {t('common.cannotReachApp', { error: loadError })}
          </div>
        )}
        <View />
      </main>
    </div>
  );
}
