import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export type EnvelopeCheck =
  | { ok: true; message: JSONRPCMessage }
  | { ok: false; id: string | number | null; message: string };

function usableId(id: unknown): id is string | number {
  return typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The JSON-RPC envelope MCP accepts, checked before the SDK sees a message: the SDK drops what
 * its schemas reject (ids that are not safe integers, params that are not objects) without an
 * answer, leaving the client to its own timeout. Method params are the SDK's to check.
 */
export function checkEnvelope(value: unknown): EnvelopeCheck {
  if (!isObject(value) || value.jsonrpc !== '2.0') {
    const id = isObject(value) && usableId(value.id) ? value.id : null;
    return { ok: false, id, message: 'Invalid Request: not a JSON-RPC 2.0 message' };
  }
  if ('id' in value && !usableId(value.id)) {
    return {
      ok: false,
      id: null,
      message: `Invalid Request: id must be a string or a safe integer, not ${JSON.stringify(value.id) ?? typeof value.id}`,
    };
  }
  const id = usableId(value.id) ? value.id : null;
  if (typeof value.method === 'string') {
    if ('params' in value && !isObject(value.params)) {
      return { ok: false, id, message: 'Invalid Request: params must be an object' };
    }
    return { ok: true, message: value as unknown as JSONRPCMessage };
  }
  if (id !== null && ('result' in value || 'error' in value)) {
    return { ok: true, message: value as unknown as JSONRPCMessage };
  }
  return { ok: false, id, message: 'Invalid Request: not a JSON-RPC 2.0 message' };
}

/** The ids of the requests (not notifications or responses) in a POST body. */
export function requestIds(body: unknown): Array<string | number> {
  const messages = Array.isArray(body) ? body : [body];
  return messages.flatMap((m) =>
    isObject(m) && typeof m.method === 'string' && usableId(m.id) ? [m.id] : [],
  );
}
