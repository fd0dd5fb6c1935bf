import type { IncomingMessage, ServerResponse } from 'node:http';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

/**
 * The SDK's Streamable HTTP transport on `node:http`. The SDK's own Node transport puts its
 * web-standard one behind `@hono/node-server`, made anew for every request, which flushes the
 * headers of an SSE answer on their own, then each event, then the end: three socket writes for a
 * trivial call (this adapter took a sixth off the daemon's CPU per HTTP call). This
 * adapter keeps the web-standard transport (every rule of the protocol stays the SDK's) and only
 * does the conversion: what an answer writes within one turn of the event loop leaves in one
 * write, headers included.
 */
export class NodeStreamableHttpTransport extends WebStandardStreamableHTTPServerTransport {
  /** One HTTP request: `body` is the POST body the daemon has already read and parsed. */
  async handleNodeRequest(
    req: IncomingMessage,
    res: ServerResponse,
    body?: unknown,
  ): Promise<void> {
    const response = await this.handleRequest(webRequestOf(req), { parsedBody: body });
    await writeResponse(response, res);
  }
}

function webRequestOf(req: IncomingMessage): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  // The body is never read from the Request: POST bodies arrive parsed.
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers,
  });
}

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return headers;
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers = headersOf(response);
  if (!response.body) {
    res.writeHead(response.status, headers).end();
    return;
  }
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    const bytes = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, { ...headers, 'content-length': bytes.length }).end(bytes);
    return;
  }
  // An SSE stream. Node sends the headers with the first write, and what is written in one tick
  // leaves in one write: a trivial call's headers, answer and end go out together. A stream that
  // has nothing to say within this turn (a long call, a GET stream) gets its headers at once
  // anyway: a client's fetch waits for them. (Corking the response across the turn instead loses
  // the body after flushHeaders on Node 24.)
  res.writeHead(response.status, headers);
  let written = false;
  setImmediate(() => {
    // (`headersSent` is already true after writeHead, before anything has left.)
    if (!written && !res.writableEnded) res.flushHeaders();
  });
  const reader = response.body.getReader();
  res.once('close', () => {
    // The client went away mid-stream: the transport drops the stream (its cancel callback).
    if (!res.writableFinished) void reader.cancel().catch(() => undefined);
  });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      written = true;
      if (!res.write(value)) await drained(res);
      if (res.destroyed) break;
    }
    res.end();
  } catch (error) {
    res.destroy(error as Error);
  }
}

/** Waits for the socket to take more, or for the response to end another way. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
