import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { eventChannels, invokeChannels, type EventPayloads } from '../../preload/api.ts';
import type { IpcService } from './ipc-handlers.ts';
import { createInvokeRouter } from './ipc-router.ts';
import type { TrustedSenders } from './trusted-senders.ts';

// Electron transport for the IPC contract: every channel of preload/api.ts gets an ipcMain
// handler behind the router's sender and argument checks; pushes go only to trusted windows.

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  service: IpcService,
  trusted: TrustedSenders<WebContents>,
): () => void {
  const route = createInvokeRouter(service.handlers, (id) => trusted.has(id));
  const channels = Object.keys(invokeChannels);
  for (const channel of channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      // Subframes (none exist today) would share the window's id; only the top frame may call.
      if (event.senderFrame && event.senderFrame.parent !== null) {
        throw new Error(`Refused ${channel}: IPC is not available to embedded frames.`);
      }
      return route(event.sender.id, channel, args);
    });
  }
  const offs = eventChannels.map((name) =>
    service.events.on(name, (payload: EventPayloads[typeof name]) => {
      for (const wc of trusted.live()) wc.send(name, payload);
    }),
  );
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
    for (const off of offs) off();
  };
}
