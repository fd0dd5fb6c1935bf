import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/**
 * A tool the profile hides is registered but disabled, so tools/list leaves it out; a call to it
 * would get the SDK's bare "Tool x disabled". This puts the reason (TOOL_PROFILE, DISABLED_TOOLS)
 * in front of the SDK's own tools/call handler instead. Call it before the first registerTool, on a
 * server whose options do not declare `tools` (the SDK would install its handler in the
 * constructor): the first registerTool installs it through the setRequestHandler wrapped here.
 */
export function explainHiddenToolCalls(
  server: McpServer,
  reason: (name: string) => string | undefined,
  refuse: (why: string) => CallToolResult,
): void {
  const inner = server.server;
  const set = inner.setRequestHandler.bind(inner) as (
    schema: unknown,
    handler: (...a: unknown[]) => unknown,
  ) => void;
  const wrapped = (schema: unknown, handler: (...a: unknown[]) => unknown) => {
    if (schema !== CallToolRequestSchema) return set(schema, handler);
    return set(schema, (request: unknown, extra: unknown) => {
      const name = (request as { params: { name: string } }).params.name;
      const why = reason(name);
      return why === undefined ? handler(request, extra) : refuse(why);
    });
  };
  inner.setRequestHandler = wrapped as typeof inner.setRequestHandler;
}
