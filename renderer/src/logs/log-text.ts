import type { LogLine } from '../../../preload/api.ts';

// How a log line reads as text: fields as key=value (logfmt-style), the way people grep logs,
// rather than a JSON blob. The same text is shown, copied and exported.

function valueText(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'string') return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** `tool=chat ms=1200 msg="two words"`; nested values as compact JSON. */
export function fieldsText(fields: Record<string, unknown> | undefined): string {
  if (!fields) return '';
  return Object.entries(fields)
    .map(([k, v]) => `${k}=${valueText(v)}`)
    .join(' ');
}

/** One line for Copy and Export: ISO time, level, message, fields. */
export function lineText(l: LogLine): string {
  const fields = fieldsText(l.fields);
  return `${new Date(l.time).toISOString()} ${l.level.toUpperCase()} ${l.msg}${fields ? ` ${fields}` : ''}`;
}

export function exportText(lines: readonly LogLine[]): string {
  return lines.map(lineText).join('\n');
}
