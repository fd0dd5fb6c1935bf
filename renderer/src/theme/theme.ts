import type { ThemePreference } from '../../../preload/api.ts';

// Settings → Theme: light, dark, or the OS's. The page carries the theme in effect as
// <html data-theme="light|dark">, which the stylesheet's tokens and the charts' canvas colours
// both follow.

export type Theme = 'light' | 'dark';

export function effectiveTheme(
  preference: ThemePreference | undefined,
  systemDark: boolean,
): Theme {
  if (preference === 'light' || preference === 'dark') return preference;
  return systemDark ? 'dark' : 'light';
}

export const darkQuery = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)');

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}
