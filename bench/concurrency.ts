import { FakeProvider, type RecordedRequest } from '../test/fixtures/fake-provider.ts';
import { WsRpcClient } from './lib/rpc-client.ts';
import { configSchema } from '../daemon/config/schema.ts';
import { cpuMsOf, startBenchDaemon } from './lib/processes.ts';

const KEY = 'sk-bench-0123456789abcdef';
const CALLS = 500;
const CLIENTS = 50;
const LATENCY_MS = 20;
const IDENTICAL = 100;
/** An answer that has not come by then is lost (a lost answer would otherwise wait forever). */
const LOST_AFTER_MS = 30_000;

function promptOf(r: RecordedRequest): string {
  const last = [...r.messages].reverse().find((m) => m.role === 'user');
  return typeof last?.content === 'string' ? last.content : '';
}

function answerText(msg: Record<string, unknown>): string {
  const result = msg.result as { content?: Array<{ text?: string }> } | undefined;
  return result?.content?.map((c) => c.text ?? '').join('') ?? '';
}

export interface ConcurrencyResult {
  calls: number;
  seconds: number;
  throughput: number;
  theoreticalMax: number;
  lost: number;
  duplicated: number;
  wrong: number;
  overCapacityRetries: number;
  /** The default `limits.queueLength`: calls that may wait under each limit before OVER_CAPACITY. */
  queueBound: number;
  /** The most calls that can wait under any one limit in this load (an upper bound). */
  mostWaiting: number;
  /** The daemon's CPU time (user + system) per call while the calls ran. */
  daemonCpuMsPerCall: number;
  identicalCalls: number;
  identicalUpstream: number;
}

export async function runConcurrency(entry: string): Promise<ConcurrencyResult> {
  const fake = new FakeProvider({
    apiKey: KEY,
    defaultReply: (r) => `answer to [${/#\d+/.exec(promptOf(r))?.[0] ?? '?'}]`,
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
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const c = await WsRpcClient.connect(`ws://127.0.0.1:${d.port}/?token=${d.token}`, 'mcp');
        await c.initialize();
        return c;
      }),
    );
    const answers = new Map<number, string[]>();
    const lostIds = new Set<number>();
    let retries = 0;
    const one = async (c: WsRpcClient, i: number): Promise<void> => {
      for (;;) {
        const msg = await c.requestWithin(
          'tools/call',
          { name: 'chat', arguments: { prompt: `question #${i}`, model: 'glm-4.5-flash' } },
          LOST_AFTER_MS,
        );
        if (msg === 'lost') {
          lostIds.add(i);
          return;
        }
        const meta = (msg.result as { _meta?: { code?: string; retry_after?: number } } | undefined)
          ?._meta;
        if (meta?.code === 'OVER_CAPACITY') {
          retries += 1;
          await new Promise((r) => setTimeout(r, (meta.retry_after ?? 1) * 1000));
          continue;
        }
        answers.set(i, [...(answers.get(i) ?? []), answerText(msg)]);
        return;
      }
    };
    const t0 = performance.now();
    const cpu0 = cpuMsOf(d.child.pid!);
    await Promise.all(Array.from({ length: CALLS }, (_, i) => one(clients[i % CLIENTS]!, i)));
    const seconds = (performance.now() - t0) / 1000;
    const daemonCpuMsPerCall = (cpuMsOf(d.child.pid!) - cpu0) / CALLS;

    let lost = 0;
    // A second answer to one request id arrives at the client, which counts it.
    let duplicated = clients.reduce((n, c) => n + c.duplicateAnswers, 0);
    let wrong = 0;
    for (let i = 0; i < CALLS; i += 1) {
      const got = answers.get(i) ?? [];
      if (got.length === 0 || lostIds.has(i)) lost += 1;
      if (got.length > 1) duplicated += 1;
      if (got.length === 1 && !got[0]!.includes(`answer to [#${i}]`)) wrong += 1;
    }

    // Identical calls from one session share one upstream request.
    const before = fake.chatRequests.length;
    fake.latencyMs = 300;
    const same = clients[0]!;
    await Promise.all(
      Array.from({ length: IDENTICAL }, () =>
        same.request('tools/call', {
          name: 'chat',
          arguments: { prompt: 'the same question #x', model: 'glm-4.5-flash' },
        }),
      ),
    );
    const identicalUpstream = fake.chatRequests.length - before;
    for (const c of clients) c.close();

    // The default limits, as the daemon has them: every call goes to GLM, so at most
    // min(glm, global) upstream requests of LATENCY_MS each are in flight at once.
    const { limits } = configSchema.parse({ dataDir: '.' });
    const theoreticalMax = Math.min(limits.glm, limits.global) / (LATENCY_MS / 1000);
    return {
      calls: CALLS,
      seconds,
      throughput: CALLS / seconds,
      theoreticalMax,
      lost,
      duplicated,
      wrong,
      overCapacityRetries: retries,
      queueBound: limits.queueLength,
      // A session's calls past its limit wait in its own queue; the rest, at most sessions ×
      // session limit, can wait together for the global or the GLM slot.
      mostWaiting: Math.max(
        Math.min(CALLS, CLIENTS * limits.session),
        Math.ceil(CALLS / CLIENTS) - limits.session,
      ),
      daemonCpuMsPerCall,
      identicalCalls: IDENTICAL,
      identicalUpstream,
    };
  } finally {
    await d.stop();
    await fake.stop();
  }
}
