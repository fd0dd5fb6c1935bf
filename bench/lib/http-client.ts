import { Agent, request } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * One HTTP client as an MCP client holds it: one keep-alive connection, one request at a time.
 * `node:http` rather than fetch, because the clients share the machine's two cores with the
 * server they measure and fetch's streams cost the client several times more per request.
 */
export class HttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private readonly url: URL;

  constructor(url: string) {
    this.url = new URL(url);
  }

  send(method: string, headers: Record<string, string>, body?: string): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          path: this.url.pathname,
          method,
          headers:
            body === undefined
              ? headers
              : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The JSON-RPC answer in a JSON body, or the last `data:` line of an SSE body that holds one. */
export function rpcAnswerOf(text: string): Record<string, unknown> {
  if (text.startsWith('{')) return JSON.parse(text) as Record<string, unknown>;
  const data = [...text.matchAll(/^data: (.*)$/gm)].map((m) => m[1]!);
  const answer = data.reverse().find((d) => d.includes('"result"') || d.includes('"error"'));
  return JSON.parse(answer ?? '{}') as Record<string, unknown>;
}
