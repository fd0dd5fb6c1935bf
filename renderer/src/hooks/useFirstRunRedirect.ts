import { useEffect, useRef } from 'react';
import type { SettingsView } from '../../../preload/api.ts';
import { hrefFor, type PageId } from './useHashRoute.ts';
import { useSettings } from './useLive.ts';

/** No provider key yet and the setup neither finished nor skipped: a new user. */
export function needsFirstRun(s: SettingsView): boolean {
  return !s.firstRunDone && !s.keys.kimi.configured && !s.keys.glm.configured;
}

// Decided once, when the settings first arrive: the window opens on the setup instead of the
// Overview. A link the window was opened with (another page) is respected.
export function useFirstRunRedirect(page: PageId): void {
  const settings = useSettings();
  const decided = useRef(false);
  useEffect(() => {
    if (decided.current || !settings) return;
    decided.current = true;
    if (page === 'overview' && needsFirstRun(settings)) window.location.hash = hrefFor('setup');
  }, [settings]);
}
