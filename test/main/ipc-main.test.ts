import { describe, expect, it } from 'vitest';
import type { IpcMain, WebContents } from 'electron';
import { registerIpc } from '../../main/ipc/ipc-main.ts';
import type { IpcService } from '../../main/ipc/ipc-handlers.ts';
import { TypedEmitter } from '../../main/typed-emitter.ts';
import { TrustedSenders } from '../../main/ipc/trusted-senders.ts';
import { invokeChannels, type EventPayloads } from '../../preload/api.ts';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (ch: string, fn: Handler) => handlers.set(ch, fn),
    removeHandler: (ch: string) => handlers.delete(ch),
  } as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>;
  const events = new TypedEmitter<EventPayloads>();
  const calls: unknown[][] = [];
  const service = {
    // Each handler answers with its own channel and arguments, so a test can see which one ran.
    handlers: new Proxy(
      {},
      {
        get:
          (_t, ch) =>
          async (...args: unknown[]) => (calls.push([ch, ...args]), { answeredBy: ch, args }),
      },
    ),
    events,
    dispose: () => {},
  } as unknown as IpcService;
  const trusted = new TrustedSenders<WebContents>();
  const makeContents = (id: number) => {
    const sent: unknown[][] = [];
    let destroyed = false;
    const onDestroyed: Array<() => void> = [];
    const wc = {
      id,
      isDestroyed: () => destroyed,
      once: (_e: string, fn: () => void) => onDestroyed.push(fn),
      send: (...a: unknown[]) => sent.push(a),
      destroy: () => {
        destroyed = true;
        onDestroyed.forEach((f) => f());
      },
    };
    return { wc: wc as unknown as WebContents & { destroy(): void }, sent };
  };
  const off = registerIpc(ipcMain, service, trusted);
  const topFrame = { parent: null };
  const invoke = (senderId: number, ch: string, ...args: unknown[]) =>
    handlers.get(ch)!({ sender: { id: senderId }, senderFrame: topFrame }, ...args);
  return { handlers, events, calls, trusted, makeContents, off, invoke };
}

describe('registerIpc (Electron transport)', () => {
  it('registers a handler for every channel of the contract and removes them on dispose', () => {
    const { handlers, off } = setup();
    expect([...handlers.keys()].sort()).toEqual(Object.keys(invokeChannels).sort());
    off();
    expect(handlers.size).toBe(0);
  });

  it('serves a trusted window, refuses others and windows that were closed', async () => {
    const { trusted, makeContents, invoke, calls } = setup();
    const { wc } = makeContents(7);
    trusted.add(wc);
    // The window gets what the service's handler for that channel returned for those arguments.
    expect(await invoke(7, 'settings:clear-key', 'glm')).toEqual({
      answeredBy: 'settings:clear-key',
      args: ['glm'],
    });
    await expect(invoke(8, 'settings:clear-key', 'glm')).rejects.toThrow(
      /did not come from an EXAI window/,
    );
    wc.destroy();
    await expect(invoke(7, 'token:reveal')).rejects.toThrow(/did not come from an EXAI window/);
    expect(calls).toEqual([['settings:clear-key', 'glm']]);
  });

  it('rejects bad arguments before the handler runs', async () => {
    const { trusted, makeContents, invoke, calls } = setup();
    trusted.add(makeContents(1).wc);
    await expect(invoke(1, 'logs:recent', 999_999)).rejects.toThrow(
      /Invalid arguments for logs:recent: 0: /,
    );
    expect(calls).toEqual([]);
  });

  it('refuses calls from embedded frames', async () => {
    const { trusted, makeContents, handlers } = setup();
    trusted.add(makeContents(1).wc);
    const call = handlers.get('token:reveal')!({ sender: { id: 1 }, senderFrame: { parent: {} } });
    await expect(call).rejects.toThrow(/embedded frames/);
  });

  it('pushes events only to live trusted windows', () => {
    const { trusted, makeContents, events } = setup();
    const a = makeContents(1);
    const b = makeContents(2);
    trusted.add(a.wc);
    trusted.add(b.wc);
    b.wc.destroy();
    events.emit('notices:changed', [
      { id: 'x', level: 'warn', message: 'hi', text: { key: 'notice.x' } },
    ]);
    expect(a.sent).toEqual([
      ['notices:changed', [{ id: 'x', level: 'warn', message: 'hi', text: { key: 'notice.x' } }]],
    ]);
    expect(b.sent).toEqual([]);
  });
});
