const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};

/** A pino JSON line as one short human line for a terminal: "12:01:02 INFO  msg key=value". */
export function consoleLine(json: string): string {
  try {
    const {
      level,
      time,
      msg,
      pid: _pid,
      hostname: _h,
      ...fields
    } = JSON.parse(json) as Record<string, unknown>;
    const clock = new Date(Number(time)).toTimeString().slice(0, 8);
    const extra = Object.entries(fields)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    return `${clock} ${LEVELS[Number(level)] ?? 'INFO '} ${String(msg ?? '')}${extra ? `  ${extra}` : ''}\n`;
  } catch {
    return json;
  }
}
