import { useLayoutEffect, useSyncExternalStore } from 'react';
import { applyTheme, darkQuery, effectiveTheme, type Theme } from '../theme/theme.ts';
import { useSettings } from './useLive.ts';

function useSystemDark(): boolean {
  return useSyncExternalStore(
    (cb) => {
      const mq = darkQuery();
      mq.addEventListener('change', cb);
      return () => mq.removeEventListener('change', cb);
    },
    () => darkQuery().matches,
  );
}

/** The theme in effect (Settings' choice, or the OS's); charts paint with canvas colours and redraw when it flips. */
export function useColorScheme(): Theme {
  const preference = useSettings()?.theme;
  return effectiveTheme(preference, useSystemDark());
}

/** Keeps <html data-theme> in step with the theme in effect; mounted once, in App. */
export function useApplyTheme(): void {
  const theme = useColorScheme();
  // A layout effect: it lands before any chart (a passive effect) reads the colours.
  useLayoutEffect(() => applyTheme(theme), [theme]);
}
