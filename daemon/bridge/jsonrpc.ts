// Just enough JSON-RPC shape for a transparent relay: the bridge routes by kind and id and
// passes everything else through untouched.
export type JsonRpcId = string | number;
export type JsonRpcMessage = Record<string, unknown>;

export function isRequest(
  m: JsonRpcMessage,
): m is JsonRpcMessage & { id: JsonRpcId; method: string } {
  return typeof m.method === 'string' && isId(m.id);
}

export function isNotification(m: JsonRpcMessage): m is JsonRpcMessage & { method: string } {
  return typeof m.method === 'string' && m.id === undefined;
}

export function isResponse(m: JsonRpcMessage): m is JsonRpcMessage & { id: JsonRpcId } {
  return m.method === undefined && isId(m.id) && ('result' in m || 'error' in m);
}

export function isId(value: unknown): value is JsonRpcId {
  return typeof value === 'string' || typeof value === 'number';
}

/** Server error range (-32000…-32099): the bridge's own failures. */
export const BRIDGE_ERROR = -32000;
export const PARSE_ERROR = -32700;

export function errorResponse(id: JsonRpcId | null, code: number, message: string): JsonRpcMessage {
  return { jsonrpc: '2.0', id, error: { code, message } };
}

/** Parses one line of the stdio stream; `undefined` for a line that is not a JSON object. */
export function parseLine(line: string): JsonRpcMessage | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonRpcMessage)
      : undefined;
  } catch {
    return undefined;
  }
}
