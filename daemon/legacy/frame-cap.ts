import type { WebSocket } from 'ws';

/** Frames a legacy socket may send before its hello succeeds: a hello is a few hundred bytes. */
export const PRE_HELLO_MAX_BYTES = 64 * 1024;

interface ReceiverWithCap {
  _maxPayload?: unknown;
}

/**
 * Sets the largest frame this one socket accepts. `ws` takes maxPayload per server only, and its
 * receiver refuses an oversized frame from its header (1009, nothing buffered); lowering the
 * receiver's own cap keeps that for sockets that have not said hello. Returns false when the
 * receiver does not have the field (a `ws` upgrade changed it): the caller then checks sizes itself.
 */
export function setFrameCap(socket: WebSocket, maxBytes: number): boolean {
  const receiver = (socket as unknown as { _receiver?: ReceiverWithCap })._receiver;
  if (!receiver || typeof receiver._maxPayload !== 'number') return false;
  receiver._maxPayload = maxBytes;
  return true;
}
