import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from './node-http.ts';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Refuses a WebSocket upgrade with a plain HTTP answer, so the request never reaches MCP. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

export class BodyTooLargeError extends Error {}

/**
 * Reads a request body up to `maxBytes`. A bigger one is read to its end and thrown away (up to
 * four times the limit) so the client gets its 413 instead of a reset connection mid-upload.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const drainLimit = Math.max(4 * maxBytes, 64 * 1024 * 1024);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else if (chunks.length) chunks.length = 0;
      if (size > drainLimit) req.destroy();
    });
    req.on('end', () => {
      if (size > maxBytes) {
        reject(
          new BodyTooLargeError(`request body over the ${maxBytes}-byte limit (EXAI_WS_MAX_BYTES)`),
        );
      } else {
        resolve(Buffer.concat(chunks).toString('utf8'));
      }
    });
    req.on('error', reject);
  });
}
