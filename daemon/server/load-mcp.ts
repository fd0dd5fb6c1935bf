import type * as McpModules from './mcp-modules.ts';

let loading: Promise<typeof McpModules> | undefined;

/**
 * The MCP SDK (hundreds of zod schemas, its Server, the HTTP transport) is about 5 MB of heap. A
 * daemon no MCP client has reached yet (idle in the tray, or serving only legacy clients) does
 * without it; the first MCP WebSocket or /mcp request loads it, once.
 */
export function loadMcp(): Promise<typeof McpModules> {
  return (loading ??= import('./mcp-modules.ts'));
}
