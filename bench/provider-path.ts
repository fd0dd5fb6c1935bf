import { FakeProvider, type RecordedRequest } from '../test/fixtures/fake-provider.ts';
import { WsRpcClient } from './lib/rpc-client.ts';
import { startBenchDaemon } from './lib/processes.ts';
import { summarize } from './lib/stats.ts';

const KEY = 'sk-bench-0123456789abcdef';
const TOKENS = 100;
const CALLS = 200;
const LATENCY_MS = 10;
const CANCELS = 30;

function promptOf(r: RecordedRequest): string {
  const last = [...r.messages].reverse().find((m) => m.role === 'user');
  return typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '');
}

export interface ProviderPathResult {
  fakeLatencyMs: number;
  tokens: number;
  overheadP50Ms: number;
  overheadP99Ms: number;
  tokenToProgressP50Ms: number;
  tokenToProgressP99Ms: number;
  progressSamples: number;
  /** notifications/cancelled sent → the daemon's upstream request closed at the fake. */
  cancelToUpstreamCloseP50Ms: number;
  cancelToUpstreamCloseP99Ms: number;
}

export async function runProviderPath(entry: string): Promise<ProviderPathResult> {
  const fake = new FakeProvider({
    apiKey: KEY,
    defaultReply: () => Array.from({ length: TOKENS }, (_, i) => `t${i}`).join(' '),
  });
  fake.latencyMs = LATENCY_MS;
  const baseUrl = await fake.start();
  const d = await startBenchDaemon(entry, {
    GLM_API_KEY: KEY,
    GLM_API_URL: baseUrl,
    KIMI_API_KEY: KEY,
    KIMI_API_URL: baseUrl,
  });
  try {
    const c = await WsRpcClient.connect(`ws://127.0.0.1:${d.port}/?token=${d.token}`, 'mcp');
    await c.initialize();
    const call = (prompt: string, progressToken?: string) =>
      c.request('tools/call', {
        name: 'chat',
        arguments: { prompt, model: 'glm-4.5-flash' },
        ...(progressToken ? { _meta: { progressToken } } : {}),
      });

    // Overhead: what the client waits beyond the fake's own time for the same request.
    for (let i = 0; i < 20; i += 1) await call(`warm ${i}`);
    const overhead: number[] = [];
    for (let i = 0; i < CALLS; i += 1) {
      const prompt = `overhead ${i}`;
      const t0 = performance.now();
      const answer = await call(prompt);
      const t1 = performance.now();
      if ((answer.result as { isError?: boolean } | undefined)?.isError || answer.error)
        throw new Error(`chat failed: ${JSON.stringify(answer).slice(0, 300)}`);
      const req = fake.chatRequests.find((r) => promptOf(r).includes(prompt));
      if (!req?.receivedHr || !req.finishedHr) throw new Error('fake did not record the request');
      overhead.push(t1 - t0 - (req.finishedHr - req.receivedHr));
    }

    // Token → progress: when the token a notification counts left the fake, and when it arrived.
    fake.tokenDelayMs = 10;
    const delays: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const prompt = `progress ${i}`;
      const arrivals: Array<{ tokens: number; at: number }> = [];
      c.onNotification = (msg) => {
        const params = msg.params as { progressToken?: string; message?: string } | undefined;
        const n = /^(\d+) tokens/.exec(params?.message ?? '')?.[1];
        if (msg.method === 'notifications/progress' && params?.progressToken === prompt && n)
          arrivals.push({ tokens: Number(n), at: performance.now() });
      };
      await call(prompt, prompt);
      const req = fake.chatRequests.find((r) => promptOf(r).includes(prompt));
      for (const a of arrivals) {
        const sent = req?.chunkSentHr?.[a.tokens - 1];
        if (sent !== undefined) delays.push(a.at - sent);
      }
    }
    // Cancel → upstream closed: how soon a client's cancellation reaches the provider socket.
    c.onNotification = undefined;
    const cancels: number[] = [];
    for (let i = 0; i < CANCELS; i += 1) {
      fake.script({ kind: 'hang', tokens: ['thinking '] });
      void call(`cancel ${i}`);
      const id = c.lastRequestId;
      const before = fake.chatRequests.length;
      await fake.waitFor((f) => f.chatRequests.length > before);
      const req = fake.chatRequests.at(-1)!;
      const t0 = performance.now();
      c.notify('notifications/cancelled', { requestId: id, reason: 'bench' });
      await fake.waitFor(() => req.aborted);
      cancels.push(performance.now() - t0);
    }
    c.close();
    const o = summarize(overhead);
    const p = summarize(delays);
    const k = summarize(cancels);
    return {
      fakeLatencyMs: LATENCY_MS,
      tokens: TOKENS,
      overheadP50Ms: o.p50,
      overheadP99Ms: o.p99,
      tokenToProgressP50Ms: p.p50,
      tokenToProgressP99Ms: p.p99,
      progressSamples: p.n,
      cancelToUpstreamCloseP50Ms: k.p50,
      cancelToUpstreamCloseP99Ms: k.p99,
    };
  } finally {
    await d.stop();
    await fake.stop();
  }
}
