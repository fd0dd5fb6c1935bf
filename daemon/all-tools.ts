import type { ToolSpec } from './tools/tool.ts';
import { simpleAndProviderTools } from './tools/registry.ts';
import { workflowTools } from './workflows/workflow-tools.ts';

// Composed here, beside the daemon's composition root: workflows build on tools/ (ToolSpec,
// ToolError), so tools/ must not import workflows/ back.

/** Every tool the daemon serves, in tools/list order. */
export function defaultTools(): ToolSpec[] {
  return [...simpleAndProviderTools(), ...workflowTools];
}
