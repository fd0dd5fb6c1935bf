import type { ModelInfo } from '../catalog/catalog.ts';
import type { TextFile } from '../files/file-reader.ts';
import type { ChatMessage } from '../providers/openai-provider.ts';
import { ToolError } from '../core/tool-error.ts';
import type { Thread, Turn } from './conversation-store.ts';
import { estimateTokens } from './token-estimate.ts';

export interface PromptParts {
  /** The calling tool, to label turns other tools made. */
  tool: string;
  system: string;
  prompt: string;
  files: readonly TextFile[];
  /** Data URLs, sent only to vision models (the router already ensured that). */
  images: readonly string[];
  thread?: Thread | undefined;
}

export interface BuiltPrompt {
  messages: ChatMessage[];
  embeddedFiles: string[];
  omittedFiles: string[];
  omittedTurns: number;
}

/** A rough allowance per image; providers bill images by tiles, far less than their base64 size. */
const IMAGE_TOKENS = 1000;
const MARGIN_TOKENS = 256;

function fileBlock(file: TextFile): string {
  return `--- BEGIN FILE: ${file.path} ---\n${file.content}\n--- END FILE: ${file.path} ---`;
}

function turnText(turn: Turn, tool: string): string {
  const from = turn.tool === tool ? '' : `[${turn.tool}] `;
  const files = turn.files?.length ? `\n(files in this turn: ${turn.files.join(', ')})` : '';
  return `${from}${turn.content}${files}`;
}

/**
 * The messages for one model: system, the replayed history, then this turn's prompt with its files.
 * Within the model's input budget (context window less room for the answer): the prompt must fit, files
 * come next in the order given, and the history takes what is left, newest turns first.
 */
export function buildPrompt(parts: PromptParts, model: ModelInfo): BuiltPrompt {
  // Room for the answer: the model's max output, but never most of a small window (8k models
  // list 8k max output too).
  const reserve = Math.min(model.maxOutput, Math.floor(model.contextWindow / 4));
  const budget = model.contextWindow - reserve - MARGIN_TOKENS;
  const fixed =
    estimateTokens(parts.system) +
    estimateTokens(parts.prompt) +
    parts.images.length * IMAGE_TOKENS;
  if (fixed > budget) {
    throw new ToolError(
      'INVALID_ARGUMENTS',
      `The prompt is about ${fixed} tokens, more than ${model.name} accepts (${budget}); shorten it or choose a model with a larger context window`,
    );
  }
  let left = budget - fixed;

  const embedded: TextFile[] = [];
  const omittedFiles: string[] = [];
  for (const file of parts.files) {
    const cost = estimateTokens(fileBlock(file)) + 4;
    if (cost <= left) {
      embedded.push(file);
      left -= cost;
    } else omittedFiles.push(file.path);
  }

  const turns = parts.thread?.turns ?? [];
  const history: ChatMessage[] = [];
  let kept = 0;
  for (let i = turns.length - 1; i >= 0; i -= 1) {
    const turn = turns[i]!;
    const text = turnText(turn, parts.tool);
    const cost = estimateTokens(text) + 4;
    if (cost > left) break;
    left -= cost;
    history.unshift({ role: turn.role, content: text });
    kept += 1;
  }
  const omittedTurns = turns.length - kept;

  let system = parts.system;
  if (omittedTurns > 0)
    system += `\n\n(The ${omittedTurns} earliest turns of this conversation were left out to fit the context window.)`;
  let text = parts.prompt;
  if (embedded.length) text += `\n\n${embedded.map(fileBlock).join('\n\n')}`;
  if (omittedFiles.length)
    text += `\n\n(Not included, too large for the context window: ${omittedFiles.join(', ')})`;
  const user: ChatMessage = parts.images.length
    ? {
        role: 'user',
        content: [
          { type: 'text', text },
          ...parts.images.map((url) => ({ type: 'image_url' as const, image_url: { url } })),
        ],
      }
    : { role: 'user', content: text };

  return {
    messages: [{ role: 'system', content: system }, ...history, user],
    embeddedFiles: embedded.map((f) => f.path),
    omittedFiles,
    omittedTurns,
  };
}
