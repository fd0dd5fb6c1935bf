import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExaiApi } from '../../preload/api.ts';

// Electron is mocked only at the edge: contextBridge and ipcRenderer.
const exposed = new Map<string, unknown>();
const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (..._a: unknown[]) => 'ok'),
});
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer,
}));

let api: ExaiApi;
beforeEach(async () => {
  await import('../../preload/index.ts');
  api = exposed.get('exai') as ExaiApi;
  ipcRenderer.invoke.mockClear();
});

describe('preload', () => {
  it('exposes only window.exai, with invoke and on — no raw ipcRenderer', () => {
    expect([...exposed.keys()]).toEqual(['exai']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards invoke with its arguments and refuses channels outside the contract', async () => {
    await api.invoke('settings:set-key', 'kimi', 'sk-123456789');
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('settings:set-key', 'kimi', 'sk-123456789');
    await expect((api.invoke as (c: string) => Promise<unknown>)('fs:read')).rejects.toThrow(
      /Unknown IPC channel/,
    );
    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(1);
  });

  it('delivers only the payload (never the Electron event) and unsubscribes', () => {
    const got: unknown[][] = [];
    const off = api.on('daemon:state', (...args: unknown[]) => got.push(args));
    ipcRenderer.emit('daemon:state', { sender: 'electron-event' }, { state: 'running' });
    expect(got).toEqual([[{ state: 'running' }]]);
    off();
    ipcRenderer.emit('daemon:state', { sender: 'electron-event' }, { state: 'stopped' });
    expect(got).toHaveLength(1);
    expect(ipcRenderer.listenerCount('daemon:state')).toBe(0);
  });

  it('refuses to subscribe to an undeclared event', () => {
    expect(() => (api.on as (e: string, l: () => void) => void)('ipc:raw', () => {})).toThrow(
      /Unknown event/,
    );
  });
});
