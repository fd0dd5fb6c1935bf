import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ModelInfo } from '../catalog/catalog.ts';
import type { ChatAnswer } from '../providers/openai-provider.ts';

// Kimi's context cache, the way the original used it: every Kimi request carries an
// Idempotency-Key; a continued thread also sends the token Kimi returned last time for it
// (response header Msh-Context-Cache-Token-Saved) as Msh-Context-Cache-Token.
const SAVED = 'msh-context-cache-token-saved';

/** Thread id → the last cache token Kimi returned for it. Bounded; a lost entry only costs a cache miss. */
const tokens = new LRUCache<string, string>({ max: 2000, ttl: 6 * 3_600_000 });

export interface KimiCacheReport {
  /** A remembered token went with the request. */
  token_sent: boolean;
  /** Kimi's Msh-Context-Cache-Token-Saved, when it sent one. */
  tokens_saved?: number;
  /** Prompt tokens Kimi served from its cache (usage.cached_tokens). */
  cached_tokens?: number;
  hit: boolean;
}

/** The request headers for one model: none for GLM; for Kimi an Idempotency-Key (one per call) and the thread's token. */
export function kimiCacheHeaders(threadId: string | undefined, callKey: string = randomUUID()) {
  const token = threadId === undefined ? undefined : tokens.get(threadId);
  return (model: ModelInfo): Record<string, string> | undefined =>
    model.provider !== 'kimi'
      ? undefined
      : {
          'Idempotency-Key': callKey,
          'Msh-Trace-Mode': 'on',
          ...(token && { 'Msh-Context-Cache-Token': token }),
        };
}

/** Remembers the token Kimi returned for this thread and says what the cache did, for `_meta`. */
export function rememberKimiCache(
  threadId: string,
  sentToken: boolean,
  answer: ChatAnswer & { provider: string },
): KimiCacheReport | undefined {
  if (answer.provider !== 'kimi') return undefined;
  const saved = answer.providerHeaders?.[SAVED];
  if (saved) tokens.set(threadId, saved);
  const savedN = saved === undefined ? undefined : Number(saved);
  return {
    token_sent: sentToken,
    ...(savedN !== undefined && Number.isFinite(savedN) && { tokens_saved: savedN }),
    ...(answer.cachedTokens !== undefined && { cached_tokens: answer.cachedTokens }),
    hit: (savedN ?? 0) > 0 || (answer.cachedTokens ?? 0) > 0,
  };
}

/** Whether a token is remembered for this thread (it will be sent). */
export function hasKimiCacheToken(threadId: string | undefined): boolean {
  return threadId !== undefined && tokens.has(threadId);
}
