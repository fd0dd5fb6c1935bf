import { z } from 'zod';
import type { ToolSpec } from './tool.ts';
import { versionTool } from './version.ts';
import { statusTool } from './status.ts';
import { listmodelsTool } from './listmodels.ts';
import { chatTool } from './chat.ts';
import { challengeTool } from './challenge.ts';
import { providerTools } from './provider/provider-tools.ts';

/** A tool's argument and answer schemas, built once: zod compiles them on first use. */
export interface ToolSchemas {
  input: z.ZodObject;
  output: z.ZodObject | undefined;
}

/** Every tool the daemon serves. One list, shared by every session and transport. */
export class ToolRegistry {
  private readonly tools = new Map<string, ToolSpec>();
  private readonly compiled = new Map<string, ToolSchemas>();

  constructor(tools: readonly ToolSpec[]) {
    for (const tool of tools) {
      if (this.tools.has(tool.name)) throw new Error(`tool "${tool.name}" registered twice`);
      this.tools.set(tool.name, tool);
    }
  }

  /**
   * Built on first use, then shared by every session and every call: building them per call or
   * per connection cost more than the rest of a trivial call together, and an idle daemon needs
   * none of them.
   */
  schemas(name: string): ToolSchemas | undefined {
    let schemas = this.compiled.get(name);
    const tool = this.tools.get(name);
    if (!schemas && tool) {
      schemas = {
        input: z.object(tool.inputSchema).strict(),
        output: tool.outputSchema ? z.object(tool.outputSchema) : undefined,
      };
      this.compiled.set(name, schemas);
    }
    return schemas;
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

/** The simple and provider tools; the daemon adds the workflow tools (daemon/all-tools.ts). */
export function simpleAndProviderTools(): ToolSpec[] {
  return [
    ...([versionTool, statusTool, listmodelsTool, chatTool, challengeTool] as ToolSpec[]),
    ...providerTools,
  ];
}
