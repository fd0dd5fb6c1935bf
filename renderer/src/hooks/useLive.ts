import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LiveState, LiveStore } from '../store/live-store.ts';

export const LiveStoreContext = createContext<LiveStore | null>(null);

export function useLiveStore(): LiveStore {
  const store = useContext(LiveStoreContext);
  if (!store) throw new Error('LiveStoreContext is missing');
  return store;
}

/** Re-renders only when the selected slice changes identity. */
export function useLive<T>(select: (s: LiveState) => T): T {
  const store = useLiveStore();
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}

export const useDaemonState = () => useLive((s) => s.daemon);
export const useStatus = () => useLive((s) => s.status);
export const useSettings = () => useLive((s) => s.settings);
export const useNotices = () => useLive((s) => s.notices);
export const useLogs = () => useLive((s) => s.logs);
export const useHistory = () => useLive((s) => s.history);
