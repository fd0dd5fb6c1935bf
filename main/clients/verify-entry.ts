import { spawn } from 'node:child_process';

export interface VerifyResult {
  ok: boolean;
  message: string;
}

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'exai-connect-check', version: '1' },
  },
};

function serverName(message: unknown): string | undefined {
  const info = (message as { result?: { serverInfo?: { name?: string; version?: string } } }).result
    ?.serverInfo;
  return info?.name ? `${info.name} ${info.version ?? ''}`.trim() : undefined;
}

/** Connects the way an HTTP client would with this entry: an MCP initialize with its headers. */
export async function verifyHttpEntry(
  url: string,
  headers: Record<string, string>,
  timeoutMs = 10_000,
): Promise<VerifyResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body: JSON.stringify(INITIALIZE),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    if (!response.ok)
      return {
        ok: false,
        message: `HTTP ${response.status} from ${url}: ${body.trim().slice(0, 200)}`,
      };
    // Streamable HTTP may answer as one SSE event.
    const json = body.trimStart().startsWith('{') ? body : (/^data: (.*)$/m.exec(body)?.[1] ?? '');
    const name = serverName(JSON.parse(json));
    if (!name) return { ok: false, message: `${url} answered, but not as an MCP server` };
    const session = response.headers.get('mcp-session-id');
    if (session)
      void fetch(url, {
        method: 'DELETE',
        headers: { ...headers, 'mcp-session-id': session },
      }).catch(() => undefined);
    return { ok: true, message: `connected to ${name} over HTTP` };
  } catch (error) {
    return { ok: false, message: `could not reach ${url}: ${(error as Error).message}` };
  }
}

/** Starts the entry's command as a stdio client would, initializes, and stops it. */
export function verifyStdioEntry(
  command: string,
  args: readonly string[],
  timeoutMs = 15_000,
): Promise<VerifyResult> {
  return new Promise((resolve) => {
    let settled = false;
    let out = '';
    let err = '';
    const child = spawn(command, [...args], { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const done = (result: VerifyResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        done({
          ok: false,
          message: `${command} did not answer an MCP initialize within ${timeoutMs / 1000}s${err ? `: ${err.trim().slice(-200)}` : ''}`,
        }),
      timeoutMs,
    );
    child.on('error', (error) =>
      done({ ok: false, message: `could not start ${command}: ${error.message}` }),
    );
    child.on('exit', (code) =>
      done({
        ok: false,
        message: `${command} exited with ${code} before answering${err ? `: ${err.trim().slice(-200)}` : ''}`,
      }),
    );
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.trim().startsWith('{'));
      if (!line) return;
      try {
        const name = serverName(JSON.parse(line));
        done(
          name
            ? { ok: true, message: `connected to ${name} through the stdio bridge` }
            : { ok: false, message: `the bridge answered: ${line.slice(0, 200)}` },
        );
      } catch {
        // A partial line: wait for the rest.
      }
    });
    child.stdin.write(`${JSON.stringify(INITIALIZE)}\n`);
  });
}

/** Verifies an entry as read from a client's config file. */
export function verifyEntry(entry: Record<string, unknown>): Promise<VerifyResult> {
  const url = (entry.url ?? entry.serverUrl) as string | undefined;
  if (typeof url === 'string')
    return verifyHttpEntry(url, (entry.headers as Record<string, string> | undefined) ?? {});
  if (typeof entry.command === 'string')
    return verifyStdioEntry(entry.command, (entry.args as string[] | undefined) ?? []);
  return Promise.resolve({ ok: false, message: 'the entry has neither a url nor a command' });
}
