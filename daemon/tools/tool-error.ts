// ToolError lives in daemon/core/ (every layer throws it); tool authors may import it from here or from tool.ts.
export { ToolError, isToolError, type ToolErrorCode } from '../core/tool-error.ts';
