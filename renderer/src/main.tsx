import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { LiveStoreContext } from './hooks/useLive.ts';
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
  const store = new LiveStore(window.exai);
  store.start();
  createRoot(root).render(
    <LiveStoreContext.Provider value={store}>
      <App />
    </LiveStoreContext.Provider>,
  );
}

void boot();
