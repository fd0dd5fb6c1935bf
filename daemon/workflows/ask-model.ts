import type { ModelInfo } from '../catalog/catalog.ts';
import { buildPrompt } from '../conversations/prompt-builder.ts';
import type { ThinkingMode } from '../providers/provider-dialect.ts';
import type { RoutedAnswer } from '../routing/chat-router.ts';
import type { ModelChoice } from '../routing/model-choice.ts';
import type { ToolContext } from '../tools/tool.ts';
import { ToolError, isToolError } from '../tools/tool-error.ts';
import { fitFiles, type FittedFiles } from './file-budget.ts';
import type { TextFile } from './workflow-files.ts';
import type { Thread } from '../conversations/conversation-store.ts';

export interface ModelQuestion {
  tool: string;
  choice: ModelChoice;
  system: string;
  /** The request up to the files. */
  prompt: string;
  /** Asked after the files, so it is the last thing the model reads. */
  closing: string;
  files: readonly TextFile[];
  lead?: { title: string; text: string } | undefined;
  /** Data URLs; the choice already holds only vision models when there are any. */
  images?: readonly string[];
  thread: Thread;
  temperature?: number | undefined;
  thinkingMode?: ThinkingMode | undefined;
  webSearch?: boolean | undefined;
  /** Who is asked, for progress ("expert analysis", "for stance of kimi-k2"). */
  label: string;
}

export interface ModelReply {
  answer: RoutedAnswer;
  fitted: FittedFiles;
}

/** Room left before the call's own deadline, so a slow expert is reported by name, not as a bare timeout. */
const DEADLINE_MARGIN_MS = 1_500;

/** Paths sent to a model earlier in this thread: not sent again. */
export function filesSentBefore(thread: Thread): Set<string> {
  return new Set(thread.turns.flatMap((t) => (t.role === 'user' ? (t.files ?? []) : [])));
}

/**
 * One request through the shared router (fallback, breakers, provider slots, progress), with the
 * files fitted to each model's budget. A failure becomes a ToolError naming provider, model and reason.
 */
export async function askModel(q: ModelQuestion, ctx: ToolContext): Promise<ModelReply> {
  const alreadySent = filesSentBefore(q.thread);
  let fitted: FittedFiles | undefined;
  let tried: ModelInfo | undefined;
  const margin = ctx.deadline - Date.now() > 4 * DEADLINE_MARGIN_MS ? DEADLINE_MARGIN_MS : 0;
  const deadline = ctx.deadline - margin;
  const controller = new AbortController();
  const stop = () => controller.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', stop, { once: true });
  if (ctx.signal.aborted) stop();
  const timer = setTimeout(
    () =>
      controller.abort(new ToolError('TIMEOUT', `no answer before the ${q.tool} call's deadline`)),
    Math.max(0, deadline - Date.now()),
  );
  try {
    const answer = await ctx.services.router.complete(
      {
        choice: q.choice,
        messagesFor: (model) => {
          tried = model;
          ctx.progress({ message: `${q.label}: asking ${model.name} (${model.provider})` });
          fitted = fitFiles(q.files, model, alreadySent, q.lead);
          const prompt = [q.prompt, fitted.text, q.closing].filter((p) => p).join('\n\n');
          return buildPrompt(
            {
              tool: q.tool,
              system: q.system,
              prompt,
              files: [],
              images: q.images ?? [],
              thread: q.thread,
            },
            model,
          ).messages;
        },
        temperature: q.temperature,
        thinkingMode: q.thinkingMode,
        webSearch: q.webSearch,
      },
      { ...ctx, signal: controller.signal, deadline },
    );
    return { answer, fitted: fitted! };
  } catch (error) {
    // The client's own cancel is passed on as it is.
    if (ctx.signal.aborted) throw error;
    const who = tried
      ? `${tried.name} (${tried.provider})`
      : q.choice.chain.map((m) => `${m.name} (${m.provider})`).join(', ') || 'no model';
    const code = isToolError(error) ? error.code : 'UPSTREAM_ERROR';
    const reason = (error as Error)?.message ?? String(error);
    throw new ToolError(code, `${q.label} by ${who} failed: ${reason}`, { cause: error });
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', stop);
  }
}

export interface ParsedAnalysis {
  format: 'json' | 'text';
  analysis: string;
  key_findings: string[];
  recommendations: string[];
  confidence?: string;
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : [];

/** The expert's JSON (possibly fenced), or its text kept as the analysis. */
export function parseAnalysis(text: string): ParsedAnalysis {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text)?.[1];
  const candidate = (fenced ?? text).trim();
  const start = candidate.indexOf('{');
  const end = candidate.lastIndexOf('}');
  if (start >= 0 && end > start) {
    try {
      const value = JSON.parse(candidate.slice(start, end + 1)) as Record<string, unknown>;
      if (typeof value.analysis === 'string') {
        return {
          format: 'json',
          analysis: value.analysis,
          key_findings: strings(value.key_findings),
          recommendations: strings(value.recommendations),
          ...(value.confidence !== undefined && { confidence: String(value.confidence) }),
        };
      }
    } catch {
      // Not JSON after all: kept as text below.
    }
  }
  return { format: 'text', analysis: text, key_findings: [], recommendations: [] };
}

export const JSON_INSTRUCTIONS = `Answer with one JSON object and nothing else:
{"analysis": "<your analysis, markdown allowed>", "key_findings": ["<finding>", …], "recommendations": ["<concrete next action>", …], "confidence": "low" | "medium" | "high"}
Cite files as path:line where you can.`;
