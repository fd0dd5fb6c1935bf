import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { resolveLanguage } from '../../locales/index.ts';
import { App } from './App.tsx';
import { LiveStoreContext } from './hooks/useLive.ts';
import { createI18n } from './i18n/index.ts';
import { LiveStore } from './store/live-store.ts';
import './styles/app.css';

async function boot(): Promise<void> {
  // `vite renderer` (dev) has no preload: a simulated daemon stands in. Production builds drop this branch.
  if (import.meta.env.DEV && !('exai' in window)) {
    const { installMockExai } = await import('./dev/mock-exai.ts');
    installMockExai();
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from index.html');
  // The first paint is already in the right language: the OS's (from main) unless Settings says otherwise.
  const [systemLanguages, preference] = await Promise.all([
    window.exai.invoke('app:system-languages').catch(() => [...navigator.languages]),
    window.exai.invoke('settings:get').then(
      (s) => s.language,
      () => undefined,
    ),
  ]);
  const i18n = createI18n(resolveLanguage(preference, systemLanguages));
  const store = new LiveStore(window.exai);
  store.start();
  createRoot(root).render(
    <I18nextProvider i18n={i18n}>
      <LiveStoreContext.Provider value={store}>
        <App systemLanguages={systemLanguages} />
      </LiveStoreContext.Provider>
    </I18nextProvider>,
  );
}

void boot();
