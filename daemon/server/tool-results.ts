import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ToolResult } from '../core/tool-result.ts';
import { isToolError } from '../core/tool-error.ts';

export function toCallToolResult(result: ToolResult): CallToolResult {
  return {
    content: result.content,
    ...(result.structuredContent ? { structuredContent: result.structuredContent } : {}),
    ...(result.isError ? { isError: true } : {}),
    ...(result.meta ? { _meta: result.meta } : {}),
  };
}

/** MCP tool errors carry the daemon's error code so scripts can branch on it. */
export function errorResult(error: unknown): CallToolResult {
  if (isToolError(error)) {
    return {
      isError: true,
      content: [{ type: 'text', text: `${error.code}: ${error.message}` }],
      _meta: {
        code: error.code,
        ...(error.retryAfter !== undefined ? { retry_after: error.retryAfter } : {}),
      },
    };
  }
  return {
    isError: true,
    content: [{ type: 'text', text: `EXEC_ERROR: ${(error as Error)?.message ?? String(error)}` }],
  };
}
