import type { ProviderId } from './provider-id.ts';

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

export interface ProviderSlot {
  release(): void;
}

/** What the runtime hands every layer below it for one call. */
export interface CallContext {
  /** The tool being run (for the usage ledger). */
  readonly tool: string;
  /**
   * The call's one signal: aborted on client cancel, disconnect, deadline or shutdown, with a
   * ToolError (CANCELLED or TIMEOUT) as its reason. Pass it to every I/O call.
   */
  readonly signal: AbortSignal;
  /** Epoch milliseconds by which the tool must have answered. */
  readonly deadline: number;
  readonly session: CallerSession;
  /** Scope key for conversations, cache and coalescing (the session id, or '*' when shared). */
  readonly scope: string;
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
