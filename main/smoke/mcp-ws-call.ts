import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';

// One MCP tool call over the daemon's WebSocket endpoint with the SDK's own client, as an MCP
// client would make it. Used by the packaged app's smoke test.

export async function callToolOverWs(
  wsUrl: string,
  token: string,
  tool: string,
  args: Record<string, unknown> = {},
): Promise<string> {
  const url = new URL(wsUrl);
  url.searchParams.set('token', token);
  const client = new Client({ name: 'exai-smoke-test', version: '1.0.0' });
  await client.connect(new WebSocketClientTransport(url));
  try {
    const result = await client.callTool({ name: tool, arguments: args });
    const content = Array.isArray(result.content)
      ? (result.content as Array<{ type: string; text?: string }>)
      : [];
    const text = content
      .filter((c) => c.type === 'text')
      .map((c) => c.text ?? '')
      .join('\n');
    if (result.isError) throw new Error(`${tool} returned an error: ${text}`);
    return text;
  } finally {
    await client.close();
  }
}
