import { useEffect, useState } from 'react';

// Hash routes work from file:// (Electron) and from the test harness's http server alike.
// 'setup' (first run) is not in the sidebar: the app opens on it, and Settings links to it.
export const PAGES = [
  'overview',
  'providers',
  'sessions',
  'health',
  'usage',
  'tools',
  'settings',
  'logs',
  'connect',
  'setup',
] as const;
export type PageId = (typeof PAGES)[number];

function read(): PageId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return (PAGES as readonly string[]).includes(id) ? (id as PageId) : 'overview';
}

export function useHashRoute(): PageId {
  const [page, setPage] = useState(read);
  useEffect(() => {
    const onChange = () => setPage(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return page;
}

export const hrefFor = (page: PageId) => `#/${page}`;
