import type { EventChannel, EventPayloads, ExaiApi } from '../../preload/api.ts';

// Runs inside the page (page.addInitScript), in place of the preload: window.exai forwards
// invoke calls to the harness's Playwright binding, and the harness pushes events back through
// window.__exaiEmit. Self-contained: Playwright sends this function's source to the browser.

export interface ShimWindow {
  __exaiInvoke(channel: string, args: unknown[]): Promise<unknown>;
  __exaiEmit(event: EventChannel, payload: unknown): void;
}

export function installExaiShim(): void {
  type Listener = (payload: never) => void;
  const listeners = new Map<string, Set<Listener>>();
  const w = window as unknown as Window & ShimWindow;
  const api: ExaiApi = {
    invoke: (channel, ...args) => w.__exaiInvoke(channel, args) as never,
    on: <E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(event, set);
      return () => {
        set.delete(listener as Listener);
      };
    },
  };
  // Frozen and non-writable, like contextBridge's exposed object.
  Object.defineProperty(window, 'exai', { value: Object.freeze(api), enumerable: true });
  w.__exaiEmit = (event, payload) => {
    for (const l of [...(listeners.get(event) ?? [])]) (l as (p: unknown) => void)(payload);
  };
}
