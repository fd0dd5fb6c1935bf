import type { ToolSpec } from './tool.ts';
import { versionTool } from './version.ts';
import { statusTool } from './status.ts';
import { listmodelsTool } from './listmodels.ts';
import { chatTool } from './chat.ts';
import { challengeTool } from './challenge.ts';

/** Every tool the daemon serves. One list, shared by every session and transport. */
export class ToolRegistry {
  private readonly tools = new Map<string, ToolSpec>();

  constructor(tools: readonly ToolSpec[]) {
    for (const tool of tools) {
      if (this.tools.has(tool.name)) throw new Error(`tool "${tool.name}" registered twice`);
      this.tools.set(tool.name, tool);
    }
  }

  get(name: string): ToolSpec | undefined {
    return this.tools.get(name);
  }

  list(): ToolSpec[] {
    return [...this.tools.values()];
  }

  names(): string[] {
    return [...this.tools.keys()];
  }
}

export function defaultTools(): ToolSpec[] {
  return [versionTool, statusTool, listmodelsTool, chatTool, challengeTool] as ToolSpec[];
}
