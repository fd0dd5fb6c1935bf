// Everything the MCP front ends take from the MCP SDK, in one module that load-mcp.ts imports
// with the first MCP connection or /mcp request.
export { NodeStreamableHttpTransport } from './node-streamable-http.ts';
export { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
export { createMcpServer } from './mcp-server-factory.ts';
export { serveMcpWebSocket } from './mcp-ws.ts';
