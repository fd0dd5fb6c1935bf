import type { z } from 'zod';
import type { DaemonServices } from '../services.ts';
import type { ProviderId } from '../config/schema.ts';

export type ToolCategory = 'utility' | 'simple' | 'workflow' | 'provider';

/** Who is calling: every transport (MCP-WS, MCP-HTTP, legacy, bridge) fills this in. */
export interface CallerSession {
  readonly id: string;
  readonly transport: 'mcp-ws' | 'mcp-http' | 'legacy-ws' | 'bridge';
}

export interface ProgressUpdate {
  message: string;
  /** Monotonic counter, e.g. tokens received so far. */
  progress?: number;
  total?: number;
}

export interface ToolContext {
  /** The tool being run (for the usage ledger). */
  readonly tool: string;
  /** Aborted on client cancel, disconnect, deadline or shutdown. Pass it to every I/O call. */
  readonly signal: AbortSignal;
  /** Epoch milliseconds by which the tool must have answered. */
  readonly deadline: number;
  readonly session: CallerSession;
  /** Scope key for conversations, cache and coalescing (the session id, or '*' when shared). */
  readonly scope: string;
  readonly services: DaemonServices;
  progress(update: ProgressUpdate): void;
  /**
   * Waits for a place under the provider's in-flight limit (EXAI_WS_KIMI_MAX_INFLIGHT /
   * EXAI_WS_GLM_MAX_INFLIGHT). Take it right before each upstream request, release it when that
   * request ends. Rejects with an OVER_CAPACITY ToolError (retryAfter set) when the provider's
   * queue is full or the wait runs out, or with `signal.reason` when the call ends first. A slot
   * still held when the call ends is released by the runtime; `release()` twice is harmless.
   * `model` shows in the session's in-flight list.
   */
  acquireProvider(provider: ProviderId, model?: string): Promise<ProviderSlot>;
}

export interface ProviderSlot {
  release(): void;
}

export interface ToolResult {
  content: Array<{ type: 'text'; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  /** Returned to MCP clients as `_meta`: provider, model, usage, cache hit, … */
  meta?: Record<string, unknown>;
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
  /** Which provider's in-flight limit this call takes; omitted = resolved at call time or none. */
  handler(args: z.infer<z.ZodObject<Shape>>, ctx: ToolContext): Promise<ToolResult>;
}

export function defineTool<Shape extends z.ZodRawShape>(spec: ToolSpec<Shape>): ToolSpec<Shape> {
  return spec;
}

export function textResult(text: string, extra?: Omit<ToolResult, 'content'>): ToolResult {
  return { content: [{ type: 'text', text }], ...extra };
}
