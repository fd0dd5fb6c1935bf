import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { cleanEnv, EXAI_ENTRY } from '../helpers/daemon.ts';

export interface BridgedClient {
  client: Client;
  transport: StdioClientTransport;
  stderr(): string;
  /** Errors the SDK saw on the stdio stream (e.g. a stdout line that is not JSON-RPC). */
  errors: Error[];
}

/** The SDK's own stdio client spawning `exai bridge` (Node 24), as Claude Desktop would. */
export async function connectViaBridge(
  bridgeArgs: string[],
  env: Record<string, string> = {},
  name = 'bridge-test-client',
): Promise<BridgedClient> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [EXAI_ENTRY, 'bridge', ...bridgeArgs],
    env: cleanEnv(env) as Record<string, string>,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const client = new Client({ name, version: '2.3.4' });
  const errors: Error[] = [];
  client.onerror = (error) => {
    // The SDK client handles a response before a progress notification read in the same chunk
    // and reports that progress as "unknown token": its own ordering (the bridge writes the
    // progress first), so it is not counted against the bridge.
    if (!/progress notification for an unknown token/.test(error.message)) errors.push(error);
  };
  try {
    await client.connect(transport);
  } catch (error) {
    // Say what the bridge said: a bridge that exits at start is otherwise just "Connection closed".
    throw new Error(
      `${(error as Error).message}; the bridge wrote on stderr: ${stderr || '(nothing)'}`,
      {
        cause: error,
      },
    );
  }
  return { client, transport, stderr: () => stderr, errors };
}
