// Helpers for workflow tests: a temporary project on disk and step calls through a real MCP client.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { FakeProvider, RecordedRequest } from '../fixtures/fake-provider.ts';
import { text, type FakeBackedDaemon } from '../helpers/daemon.ts';

/** Writes `files` (relative path → content) under a new temporary folder; returns its path. */
export function tempProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'exai-wf-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return root;
}

export interface StepAnswer {
  result: CallToolResult;
  sc: Record<string, unknown>;
  text: string;
}

export async function step(
  rig: FakeBackedDaemon,
  tool: string,
  args: Record<string, unknown>,
  client?: Client,
): Promise<StepAnswer> {
  const result = await rig.call(tool, args, client);
  return {
    result,
    sc: (result.structuredContent ?? {}) as Record<string, unknown>,
    text: text(result),
  };
}

/** Everything a chat request sent, as one string (system, history, user). */
export function sentText(request: RecordedRequest | undefined): string {
  if (!request) return '';
  return request.messages
    .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
    .join('\n');
}

export function lastSent(fake: FakeProvider): string {
  return sentText(fake.chatRequests.at(-1));
}

export const EXPERT_JSON = JSON.stringify({
  analysis: 'The cache never evicts.',
  key_findings: ['unbounded map in cache.ts:3'],
  recommendations: ['bound the map with an LRU'],
  confidence: 'high',
});
