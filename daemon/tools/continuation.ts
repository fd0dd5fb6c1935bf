import { z } from 'zod';
import type { ConversationStore, Thread } from '../conversations/conversation-store.ts';

/** The thread a `continuation_id` names (checked against the caller's scope), or undefined for a new one. */
export function existingThread(
  store: ConversationStore,
  id: string | undefined,
  scope: string,
): Thread | undefined {
  if (id === undefined || id === '') return undefined;
  const thread = store.get(id, scope);
  // Two turns per call: the request and its answer.
  store.checkRoom(thread, 2);
  return thread;
}

/** The line that tells the calling agent how to go on; plain text, since many clients ignore structuredContent. */
export function continuationLine(thread: Thread, maxTurns: number): string {
  const left = Math.floor((maxTurns - thread.turns.length) / 2);
  return `continuation_id: ${thread.id} (pass it as continuation_id to chat, challenge or any other tool to continue this conversation; ${left} more exchanges allowed)`;
}

/** The `continuation_id` argument every conversation-aware tool accepts. */
export const continuationIdArg = z
  .string()
  .optional()
  .describe('Continue an earlier conversation (from any tool)');

/** The answer, plus the continuation line while the thread has room for another exchange. */
export function answerWithContinuation(thread: Thread, text: string, maxTurns: number) {
  const more = maxTurns - thread.turns.length >= 2;
  return {
    content: [
      { type: 'text' as const, text },
      ...(more ? [{ type: 'text' as const, text: continuationLine(thread, maxTurns) }] : []),
    ],
    status: more ? 'continuation_available' : 'success',
    ...(more && { continuation_id: thread.id }),
  };
}
