import type { LogLine } from '../../preload/api.ts';

/** The last N daemon log lines, so a freshly opened window can show what happened before it. */
export class LogBuffer {
  private readonly lines: LogLine[] = [];
  private readonly capacity: number;

  constructor(capacity = 5_000) {
    this.capacity = capacity;
  }

  push(line: LogLine): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
  }

  recent(count: number): LogLine[] {
    return this.lines.slice(-count);
  }
}
