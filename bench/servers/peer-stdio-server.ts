// The peer: the smallest SDK stdio server with the same trivial `version` tool, which
// supergateway exposes over WebSocket. This is what a user would otherwise run.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

const server = new McpServer({ name: 'peer', version: '1.0.0' });
const started = Date.now();
server.registerTool('version', { description: 'version' }, async () => ({
  content: [
    {
      type: 'text',
      text: `EXAI daemon 0.1.0\nuptime ${Math.round((Date.now() - started) / 1000)}s`,
    },
  ],
}));
await server.connect(new StdioServerTransport());
