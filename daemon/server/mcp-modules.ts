// Everything the MCP front ends take from the MCP SDK, in one module that load-mcp.ts imports
// with the first MCP connection or /mcp request.
export { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
export { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
export { createMcpServer } from './mcp-server-factory.ts';
export { serveMcpWebSocket } from './mcp-ws.ts';
