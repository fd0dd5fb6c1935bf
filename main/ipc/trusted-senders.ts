// The webContents ids allowed to call IPC handlers: only windows this app created with its own
// preload. A webContents is forgotten when destroyed, so a recycled id is never trusted.

export interface TrackableContents {
  readonly id: number;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

export class TrustedSenders<C extends TrackableContents = TrackableContents> {
  private readonly contents = new Map<number, C>();

  add(wc: C): void {
    this.contents.set(wc.id, wc);
    wc.once('destroyed', () => this.contents.delete(wc.id));
  }

  has(id: number): boolean {
    const wc = this.contents.get(id);
    return wc !== undefined && !wc.isDestroyed();
  }

  live(): C[] {
    return [...this.contents.values()].filter((wc) => !wc.isDestroyed());
  }
}
