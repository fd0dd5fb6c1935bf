import { FakeProvider, type RecordedRequest } from '../test/fixtures/fake-provider.ts';
import { WsRpcClient } from './lib/rpc-client.ts';
import { startBenchDaemon } from './lib/processes.ts';
import { summarize } from './lib/stats.ts';

const KEY = 'sk-bench-0123456789abcdef';
/** Each conversation is continued this many times; the figures are read at TURNS_SHOWN. */
const TURNS = 20;
const TURNS_SHOWN = [1, 5, 20];
const CONVERSATIONS = 8;
/** A prompt of about 2 KB, so that history replay has something to carry; answers of 100 streamed tokens, as in the provider-path figure. */
const FILLER = 'the quick brown fox jumps over the lazy dog '.repeat(45);
const ANSWER = Array.from({ length: 100 }, (_, i) => `t${i}`).join(' ');

function promptOf(r: RecordedRequest): string {
  const last = [...r.messages].reverse().find((m) => m.role === 'user');
  return typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '');
}

export interface ChatTurnsResult {
  /** The daemon's own time per `chat` call (client wait minus the fake's time) at the Nth exchange of a conversation. */
  points: Array<{ turn: number; p50Ms: number; p99Ms: number; messagesSent: number }>;
  conversations: number;
}

/** History replay and token fitting: what one `chat` call costs the daemon as its conversation grows. */
export async function runChatTurns(entry: string): Promise<ChatTurnsResult> {
  const fake = new FakeProvider({ apiKey: KEY, defaultReply: () => ANSWER });
  const baseUrl = await fake.start();
  const d = await startBenchDaemon(entry, {
    GLM_API_KEY: KEY,
    GLM_API_URL: baseUrl,
    KIMI_API_KEY: KEY,
    KIMI_API_URL: baseUrl,
    MAX_CONVERSATION_TURNS: String(TURNS * 2 + 10),
  });
  try {
    const c = await WsRpcClient.connect(`ws://127.0.0.1:${d.port}/?token=${d.token}`, 'mcp');
    await c.initialize();
    const byTurn = new Map<number, number[]>();
    const messagesAt = new Map<number, number>();
    for (let conv = -1; conv < CONVERSATIONS; conv += 1) {
      let continuationId: string | undefined;
      for (let turn = 1; turn <= TURNS; turn += 1) {
        const prompt = `conversation ${conv} turn ${turn}: ${FILLER}`;
        const t0 = performance.now();
        const answer = await c.request('tools/call', {
          name: 'chat',
          arguments: {
            prompt,
            model: 'glm-4.5-flash',
            ...(continuationId && { continuation_id: continuationId }),
          },
        });
        const t1 = performance.now();
        const result = answer.result as
          { isError?: boolean; _meta?: { continuation_id?: string } } | undefined;
        if (!result || result.isError)
          throw new Error(`chat failed: ${JSON.stringify(answer).slice(0, 300)}`);
        continuationId = result._meta?.continuation_id;
        const req = fake.chatRequests.findLast((r) =>
          promptOf(r).startsWith(`conversation ${conv} turn ${turn}:`),
        );
        if (!req?.finishedHr) throw new Error('fake did not record the request');
        // The first conversation warms the daemon up and is not counted.
        if (conv < 0) continue;
        byTurn.set(turn, [
          ...(byTurn.get(turn) ?? []),
          t1 - t0 - (req.finishedHr - req.receivedHr),
        ]);
        messagesAt.set(turn, req.messages.length);
      }
    }
    c.close();
    return {
      conversations: CONVERSATIONS,
      points: TURNS_SHOWN.map((turn) => {
        const s = summarize(byTurn.get(turn) ?? []);
        return { turn, p50Ms: s.p50, p99Ms: s.p99, messagesSent: messagesAt.get(turn) ?? 0 };
      }),
    };
  } finally {
    await d.stop();
    await fake.stop();
  }
}
