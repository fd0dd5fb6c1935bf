// Child stdio arrives in arbitrary chunks; the supervisor wants whole lines for its log tail.
export class LineSplitter {
  private partial = '';
  private readonly onLine: (line: string) => void;

  constructor(onLine: (line: string) => void) {
    this.onLine = onLine;
  }

  push(chunk: string | Buffer): void {
    const text = this.partial + chunk.toString();
    const lines = text.split(/\r?\n/);
    this.partial = lines.pop() ?? '';
    for (const line of lines) if (line.length > 0) this.onLine(line);
    // A child that never prints a newline should not grow this without bound.
    if (this.partial.length > 64 * 1024) this.flush();
  }

  flush(): void {
    if (this.partial.length > 0) this.onLine(this.partial);
    this.partial = '';
  }
}
