/** A tool's answer, the same for every transport. */
export interface ToolResult {
  content: Array<{ type: 'text'; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  /** Returned to MCP clients as `_meta`: provider, model, usage, cache hit, … */
  meta?: Record<string, unknown>;
}
