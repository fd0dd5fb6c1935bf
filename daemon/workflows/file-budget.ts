import type { ModelInfo } from '../catalog/catalog.ts';
import { estimateTokens } from '../conversations/token-estimate.ts';
import type { TextFile } from './workflow-files.ts';

/**
 * The share of the expert model's context window that embedded files (and a precommit diff)
 * may take; the rest is for the instructions, the record, history and the answer.
 */
export const FILE_BUDGET_SHARE = 0.5;

export interface FittedFiles {
  /** The file blocks, ready to append to the request. */
  text: string;
  embedded: string[];
  /** Too large for what was left of the budget, listed by name in the request. */
  omitted: string[];
  /** Sent with an earlier request of this thread, not sent again. */
  alreadySent: string[];
  /** The lead block (a diff) was cut to fit. */
  leadTruncated: boolean;
}

export function fileBudgetTokens(model: ModelInfo): number {
  return Math.floor(model.contextWindow * FILE_BUDGET_SHARE);
}

/** The file with its line numbers, so the expert can cite `path:line`. */
export function numberedBlock(file: TextFile): string {
  const lines = file.content.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const width = String(lines.length).length;
  const body = lines.map((l, i) => `${String(i + 1).padStart(width)}│ ${l}`).join('\n');
  return `--- BEGIN FILE: ${file.path} (${lines.length} lines) ---\n${body}\n--- END FILE: ${file.path} ---`;
}

/**
 * Embeds what fits of `files` in the model's file budget, in the order given. A `lead` block
 * (precommit's diff) goes first and is cut rather than dropped.
 */
export function fitFiles(
  files: readonly TextFile[],
  model: ModelInfo,
  alreadySent: ReadonlySet<string>,
  lead?: { title: string; text: string },
): FittedFiles {
  let left = fileBudgetTokens(model);
  const blocks: string[] = [];
  const fitted: FittedFiles = {
    text: '',
    embedded: [],
    omitted: [],
    alreadySent: [],
    leadTruncated: false,
  };
  if (lead) {
    let text = lead.text;
    // Keep at least a quarter of the budget for the files themselves.
    const room = Math.floor(left * 0.75);
    if (estimateTokens(text) > room) {
      // Characters per token vary (CJK); shrink until the estimate fits.
      let chars = room * 4;
      while (chars > 0 && estimateTokens(text.slice(0, chars)) > room)
        chars = Math.floor(chars * 0.8);
      text = `${text.slice(0, chars)}\n… (cut here: the rest did not fit the file budget)`;
      fitted.leadTruncated = true;
    }
    blocks.push(`--- BEGIN ${lead.title} ---\n${text}\n--- END ${lead.title} ---`);
    left -= estimateTokens(blocks[0]!);
  }
  for (const file of files) {
    if (alreadySent.has(file.path)) {
      fitted.alreadySent.push(file.path);
      continue;
    }
    const block = numberedBlock(file);
    const cost = estimateTokens(block) + 4;
    if (cost > left) {
      fitted.omitted.push(file.path);
      continue;
    }
    left -= cost;
    blocks.push(block);
    fitted.embedded.push(file.path);
  }
  const notes: string[] = [];
  if (fitted.alreadySent.length)
    notes.push(
      `(Sent earlier in this conversation, not repeated: ${fitted.alreadySent.join(', ')})`,
    );
  if (fitted.omitted.length)
    notes.push(
      `(Omitted, over the file budget of ${fileBudgetTokens(model)} tokens: ${fitted.omitted.join(', ')})`,
    );
  fitted.text = [...blocks, ...notes].join('\n\n');
  return fitted;
}
