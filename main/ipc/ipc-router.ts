import { invokeChannels, type InvokeChannel } from '../../preload/api.ts';
import type { IpcHandlers } from './ipc-handlers.ts';
import { tr } from '../i18n.ts';
import { ValidationError } from '../validation-error.ts';

// The checks every invoke passes before a handler runs: a known channel, a trusted sender, and
// arguments that match the contract's zod schema. Kept free of Electron so tests can drive it.

class UntrustedSenderError extends Error {
  constructor(channel: string) {
    super(`Refused ${channel}: the request did not come from an EXAI window.`);
    this.name = 'UntrustedSenderError';
  }
}

function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.hasOwn(invokeChannels, name);
}

export type InvokeRoute = (senderId: number, channel: string, args: unknown[]) => Promise<unknown>;

export function createInvokeRouter(
  handlers: IpcHandlers,
  isTrustedSender: (id: number) => boolean,
): InvokeRoute {
  return async (senderId, channel, args) => {
    if (!isInvokeChannel(channel)) throw new Error(`Unknown IPC channel: ${channel}`);
    if (!isTrustedSender(senderId)) throw new UntrustedSenderError(channel);
    const parsed = invokeChannels[channel].safeParse(args);
    if (!parsed.success)
      throw new ValidationError(
        tr('validation.invalidArguments', { channel }),
        parsed.error.issues,
      );
    const handler = handlers[channel] as (...a: unknown[]) => Promise<unknown>;
    return handler(...(parsed.data as unknown[]));
  };
}
