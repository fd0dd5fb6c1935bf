import { useCallback, useEffect, useRef, useState } from 'react';

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
  'about',
  'setup',
] as const;
export type PageId = (typeof PAGES)[number];

function read(): PageId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return (PAGES as readonly string[]).includes(id) ? (id as PageId) : 'overview';
}

// A page with unsaved edits (Settings) registers a guard; leaving it then asks first.
let leaveGuard: (() => boolean) | null = null;

/** Returns the function that removes the guard. */
export function setLeaveGuard(guard: () => boolean): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

export interface Route {
  page: PageId;
  /** The page the user tried to open while the current one had unsaved edits. */
  pending: PageId | null;
  leave(): void;
  stay(): void;
}

export function useHashRoute(): Route {
  const [page, setPage] = useState(read);
  const [pending, setPending] = useState<PageId | null>(null);
  const current = useRef(page);
  const allowNext = useRef(false);
  useEffect(() => {
    const onChange = () => {
      const next = read();
      if (next !== current.current && !allowNext.current && leaveGuard?.()) {
        // Put the address back and ask; the page keeps its edits meanwhile.
        window.history.replaceState(null, '', hrefFor(current.current));
        setPending(next);
        return;
      }
      allowNext.current = false;
      current.current = next;
      setPage(next);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const leave = useCallback(() => {
    setPending(null);
    if (!pending) return;
    allowNext.current = true;
    window.location.hash = hrefFor(pending);
  }, [pending]);
  const stay = useCallback(() => setPending(null), []);
  return { page, pending, leave, stay };
}

export const hrefFor = (page: PageId) => `#/${page}`;
