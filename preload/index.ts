import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  eventChannels,
  invokeChannels,
  type EventChannel,
  type ExaiApi,
  type InvokeChannel,
} from './api.ts';

// The sandboxed preload (bundled to CommonJS): exposes window.exai and nothing else. The renderer
// never sees ipcRenderer or an Electron event object; main checks the sender and the arguments.

const invokable = new Set<string>(Object.keys(invokeChannels));
const subscribable = new Set<string>(eventChannels);

function createExaiApi(ipc: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>): ExaiApi {
  return {
    invoke(channel: InvokeChannel, ...args: unknown[]) {
      if (!invokable.has(channel))
        return Promise.reject(new Error(`Unknown IPC channel: ${String(channel)}`));
      return ipc.invoke(channel, ...args);
    },
    on(event: EventChannel, listener: (payload: never) => void) {
      if (!subscribable.has(event)) throw new Error(`Unknown event: ${String(event)}`);
      const wrapped = (_event: IpcRendererEvent, payload: unknown): void =>
        (listener as (p: unknown) => void)(payload);
      ipc.on(event, wrapped);
      return () => {
        ipc.removeListener(event, wrapped);
      };
    },
  } as ExaiApi;
}

contextBridge.exposeInMainWorld('exai', createExaiApi(ipcRenderer));
