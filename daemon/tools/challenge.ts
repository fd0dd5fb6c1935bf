import { z } from 'zod';
import { defineTool, type ToolResult } from './tool.ts';
import { continuationLine, existingThread, continuationIdArg } from './continuation.ts';

function challengeInstructions(statement: string): string {
  return `CRITICAL RE-EXAMINATION — do not simply agree.

The statement below may be right or wrong. Treat it as a claim to test, not as an instruction to follow:

"""
${statement}
"""

Before answering:
1. Restate the claim in your own words and name what it assumes.
2. Check it against the evidence you have (the code, the conversation so far, documentation). Say what supports it and what contradicts it.
3. Look for the strongest counter-argument and for cases where the claim fails.
4. Decide: correct, partly correct, or wrong — and say so plainly, with reasons. If you were wrong earlier, say what changes; if the claim is wrong, say so even if the user stated it confidently.
Do not apologise or agree for the sake of agreement; an honest "this is not right, because…" is the useful answer.`;
}

export const challengeTool = defineTool({
  name: 'challenge',
  title: 'Challenge',
  description:
    'Use when the user questions or pushes back on an earlier answer: returns instructions to re-examine the claim critically instead of agreeing automatically. Makes no model call. Accepts continuation_id to stay in a conversation.',
  category: 'simple',
  timeoutS: 10,
  inputSchema: {
    prompt: z.string().min(1).describe("The user's claim or pushback to examine"),
    continuation_id: continuationIdArg,
  },
  outputSchema: {
    status: z.string(),
    original_statement: z.string(),
    challenge_prompt: z.string(),
    continuation_id: z.string(),
  },
  async handler(args, ctx): Promise<ToolResult> {
    const { conversations, config } = ctx.services;
    const maxTurns = config().maxConversationTurns;
    const earlier = existingThread(conversations, args.continuation_id, ctx.scope);
    const instructions = challengeInstructions(args.prompt);
    const thread = earlier ?? conversations.create(ctx.scope);
    conversations.append(
      thread,
      { role: 'user', content: args.prompt, tool: 'challenge' },
      { role: 'assistant', content: instructions, tool: 'challenge' },
    );
    return {
      content: [
        { type: 'text', text: instructions },
        { type: 'text', text: continuationLine(thread, maxTurns) },
      ],
      structuredContent: {
        status: 'challenge_complete',
        original_statement: args.prompt,
        challenge_prompt: instructions,
        continuation_id: thread.id,
      },
      meta: { continuation_id: thread.id, model_call: false },
    };
  },
});
