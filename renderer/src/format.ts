// How numbers, times and sizes read on screen, in the window's language: Intl for numbers and
// clock times, the catalogs (duration.*) for compound durations.

export type Translate = (key: string, params?: Record<string, unknown>) => string;

export function formatDuration(t: Translate, totalS: number): string {
  const s = Math.max(0, Math.floor(totalS));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return t('duration.dh', { d, h });
  if (h > 0) return t('duration.hm', { h, m });
  if (m > 0) return t('duration.ms', { m, s: s % 60 });
  return t('duration.s', { s });
}

export function formatElapsed(t: Translate, locale: string, ms: number): string {
  if (ms >= 10_000) return formatDuration(t, ms / 1000);
  const s = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(Math.max(0, ms) / 1000);
  return t('duration.seconds', { s });
}

export function formatClock(locale: string, time: number): string {
  return new Date(time).toLocaleTimeString(locale, { hour12: false });
}

export function formatDateTime(locale: string, time: number): string {
  return new Date(time).toLocaleString(locale);
}

export function formatLogTime(locale: string, time: number): string {
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
    hour12: false,
  }).format(time);
}

export function formatAgo(t: Translate, time: number, now: number): string {
  const s = Math.round((now - time) / 1000);
  return s < 5 ? t('duration.justNow') : t('duration.ago', { duration: formatDuration(t, s) });
}

export function formatPercent(locale: string, part: number, whole: number): string {
  if (whole <= 0) return '—';
  const p = part / whole;
  const digits = p < 0.1 && p > 0 ? 1 : 0;
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(p);
}

export function formatNumber(locale: string, n: number, maxFractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(n);
}
