import type { ToolResult } from '../core/tool-result.ts';

/** One finished tool call, as the `activity` tool shows it. Never the arguments: prompts stay private. */
export interface ActivityEntry {
  /** ISO time the call started. */
  time: string;
  session: string;
  transport: string;
  tool: string;
  provider?: string;
  model?: string;
  duration_ms: number;
  /** ok, or the error code in lower case (timeout, cancelled, invalid_arguments, …). */
  outcome: string;
  tokens?: { prompt: number; completion: number; total: number };
}

const KEEP = 200;

/** The last calls of this daemon, newest first; a small ring the runtime feeds as calls end. */
export class ActivityLog {
  private readonly entries: ActivityEntry[] = [];

  record(entry: ActivityEntry): void {
    this.entries.unshift(entry);
    if (this.entries.length > KEEP) this.entries.length = KEEP;
  }

  recent(limit: number): ActivityEntry[] {
    return this.entries.slice(0, Math.max(0, limit));
  }
}

/** What a result's `_meta` says about the model and tokens of a call (chat-like tools set them). */
export function modelAndTokens(
  result: ToolResult | undefined,
): Pick<ActivityEntry, 'provider' | 'model' | 'tokens'> {
  const meta = result?.meta;
  if (!meta) return {};
  const usage = meta.usage as
    { prompt_tokens?: unknown; completion_tokens?: unknown; total_tokens?: unknown } | undefined;
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  return {
    ...(typeof meta.provider === 'string' && { provider: meta.provider }),
    ...(typeof meta.model === 'string' && { model: meta.model }),
    ...(usage && {
      tokens: {
        prompt: num(usage.prompt_tokens),
        completion: num(usage.completion_tokens),
        total: num(usage.total_tokens),
      },
    }),
  };
}
