import type { TokenUsage } from '../providers/openai-provider.ts';

/** A model answer's token usage as tools report it in `_meta.usage`. */
export function usageMeta(answer: { usage: TokenUsage; usageEstimated: boolean }) {
  return {
    prompt_tokens: answer.usage.promptTokens,
    completion_tokens: answer.usage.completionTokens,
    total_tokens: answer.usage.totalTokens,
    estimated: answer.usageEstimated,
  };
}
