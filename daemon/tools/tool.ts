import type { z } from 'zod';
import type { CallContext } from '../core/call-context.ts';
import type { ToolResult } from '../core/tool-result.ts';
import type { DaemonServices } from './services.ts';

// Tool authors import everything they need from here.
export type { CallerSession, ProgressUpdate, ProviderSlot } from '../core/call-context.ts';
export type { ToolResult } from '../core/tool-result.ts';
export { ToolError, isToolError, type ToolErrorCode } from '../core/tool-error.ts';

export type ToolCategory = 'utility' | 'simple' | 'workflow' | 'provider' | 'diagnostic';

/** The call's context from the runtime, plus the daemon's services. */
export interface ToolContext extends CallContext {
  readonly services: DaemonServices;
}

export interface ToolSpec<Shape extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  title?: string;
  description: string;
  category: ToolCategory;
  inputSchema: Shape;
  outputSchema?: z.ZodRawShape;
  /** Default deadline for one call, before the call-wide cap. */
  timeoutS?: number;
  /** A workflow call's step, shown with it among its session's in-flight calls ("step 2 of 4"). */
  stepOf?(args: z.infer<z.ZodObject<Shape>>): { number: number; total: number } | undefined;
  handler(args: z.infer<z.ZodObject<Shape>>, ctx: ToolContext): Promise<ToolResult>;
}

export function defineTool<Shape extends z.ZodRawShape>(spec: ToolSpec<Shape>): ToolSpec<Shape> {
  return spec;
}

export function textResult(text: string, extra?: Omit<ToolResult, 'content'>): ToolResult {
  return { content: [{ type: 'text', text }], ...extra };
}
