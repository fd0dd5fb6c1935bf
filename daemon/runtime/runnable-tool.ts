import type { z } from 'zod';
import type { Config } from '../config/schema.ts';
import type { CallContext } from '../core/call-context.ts';
import type { ToolResult } from '../core/tool-result.ts';

// What the runtime needs of the tools above it. tools/ implements these (ToolSpec, ToolRegistry);
// the runtime never imports tools/, so the services a handler gets pass through it untyped.

/** The daemon's services, as far as the runtime reads them. */
export interface RuntimeServices {
  config(): Config;
}

export interface RunContext extends CallContext {
  readonly services: RuntimeServices;
}

export interface RunnableTool {
  readonly name: string;
  /** Default deadline for one call, before the call-wide cap. */
  readonly timeoutS?: number | undefined;
  /** 'workflow': each call changes its thread, so it is never cached nor coalesced. */
  readonly category?: string;
  /** A workflow call's step, shown with it among its session's in-flight calls. */
  stepOf?(args: never): { number: number; total: number } | undefined;
  handler(args: never, ctx: RunContext): Promise<ToolResult>;
}

export interface ToolLookup {
  get(name: string): RunnableTool | undefined;
  names(): string[];
  schemas(name: string): { input: z.ZodType<Record<string, unknown>> } | undefined;
}
