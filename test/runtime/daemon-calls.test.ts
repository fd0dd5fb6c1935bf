// The runtime's guarantees end to end: a real daemon process, real MCP clients, and a fake
// OpenAI-compatible provider on loopback standing in for Kimi.
import { describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startDaemon, text, type RunningDaemon } from '../helpers/daemon.ts';

const KIMI = 'kimi-k2-0905-preview';

async function getText(url: string, token?: string): Promise<string> {
  const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return res.text();
}

describe('runtime through MCP: coalescing, cache, fresh', () => {
  it('identical concurrent calls make one upstream request; a repeat is a cache hit; exai_fresh asks again', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    rig.kimi.script({ kind: 'reply', text: 'shared answer', latencyMs: 400 });
    const args = { prompt: 'same question', model: KIMI };
    const [a, b] = await Promise.all([
      rig.call('chat', args),
      rig.call('chat', { model: KIMI, prompt: 'same question' }),
    ]);
    expect(rig.kimi.chatRequests).toHaveLength(1);
    expect(text(a)).toContain('shared answer');
    expect(text(b)).toContain('shared answer');
    expect([a._meta?.coalesced, b._meta?.coalesced].filter(Boolean)).toHaveLength(1);

    const hit = await rig.call('chat', args);
    expect(hit._meta).toMatchObject({ cache: 'hit', model: KIMI });
    expect(text(hit)).toContain('shared answer');
    expect(rig.kimi.chatRequests).toHaveLength(1);

    rig.kimi.script({ kind: 'reply', text: 'fresh answer' });
    const fresh = (await rig.client.callTool({
      name: 'chat',
      arguments: args,
      _meta: { exai_fresh: true },
    })) as CallToolResult;
    expect(text(fresh)).toContain('fresh answer');
    expect(fresh._meta?.cache).toBe('miss');
    expect(rig.kimi.chatRequests).toHaveLength(2);

    // Another session neither shares the cache nor the in-flight call.
    const other = await rig.connect('other-session');
    rig.kimi.script({ kind: 'reply', text: 'other answer' });
    expect(text(await rig.call('chat', args, other))).toContain('other answer');

    const metrics = await getText(`${rig.d.baseUrl}/metrics`, rig.d.token);
    expect(metrics).toMatch(/exai_coalesced_calls_total\{tool="chat"\} 1/);
    expect(metrics).toMatch(/exai_cache_hits_total\{tool="chat"\} 1/);
    expect(metrics).toMatch(/exai_cache_entries \d/);
    expect(metrics).toMatch(/exai_queue_depth\{limit="global"\} 0/);
    const health = JSON.parse(await getText(`${rig.d.baseUrl}/healthz`)) as {
      runtime: { cache: { hits: number; entries: number }; coalesced: number };
    };
    expect(health.runtime).toMatchObject({ coalesced: 1, cache: { hits: 1 } });
    expect(health.runtime.cache.entries).toBeGreaterThanOrEqual(2);
  });

  it('EXAI_WS_DISABLE_COALESCE_FOR_TOOLS and EXAI_CACHE_DISABLE_FOR_TOOLS turn both off for chat', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_WS_DISABLE_COALESCE_FOR_TOOLS: 'chat', EXAI_CACHE_DISABLE_FOR_TOOLS: 'chat' },
    });
    rig.kimi.script(
      { kind: 'reply', text: 'one', latencyMs: 300 },
      { kind: 'reply', text: 'two', latencyMs: 300 },
      { kind: 'reply', text: 'three' },
    );
    const args = { prompt: 'same', model: KIMI };
    await Promise.all([rig.call('chat', args), rig.call('chat', args)]);
    const third = await rig.call('chat', args);
    expect(rig.kimi.chatRequests).toHaveLength(3);
    expect(third._meta?.cache).toBeUndefined();
  });
});

/** exai_queue_depth{limit} from /metrics: calls waiting for a slot of that limit. */
async function queueDepth(d: RunningDaemon, limit: string): Promise<number> {
  const metrics = await (
    await fetch(`${d.baseUrl}/metrics`, { headers: { authorization: `Bearer ${d.token}` } })
  ).text();
  return Number(
    new RegExp(`^exai_queue_depth\\{limit="${limit}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? NaN,
  );
}

describe('runtime through MCP: limits, deadlines, heartbeats', () => {
  it('past the session limit a call waits its turn; with the queue full it gets OVER_CAPACITY and retry_after', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_WS_SESSION_MAX_INFLIGHT: '1', EXAI_QUEUE_LENGTH: '1' },
    });
    rig.kimi.script(
      { kind: 'reply', text: 'first', latencyMs: 600 },
      { kind: 'reply', text: 'second' },
    );
    const first = rig.call('chat', { prompt: 'a', model: KIMI });
    await rig.kimi.waitFor((k) => k.chatRequests.length === 1);
    const second = rig.call('chat', { prompt: 'b', model: KIMI });
    // Once `second` waits in the queue (length 1), seen in the metrics, a third distinct call is refused.
    await expect.poll(() => queueDepth(rig.d, 'session'), { timeout: 10_000 }).toBe(1);
    const third = await rig.call('chat', { prompt: 'c', model: KIMI });
    expect(third.isError).toBe(true);
    expect(third._meta).toMatchObject({ code: 'OVER_CAPACITY' });
    expect(third._meta?.retry_after).toBeGreaterThan(0);
    expect(text(await first)).toContain('first');
    expect(text(await second)).toContain('second');
  });

  it('states the deadline, and at the deadline aborts the provider request and answers TIMEOUT', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_WS_CALL_TIMEOUT: '1.5' },
    });
    rig.kimi.script({ kind: 'hang' });
    const progress: string[] = [];
    const result = (await rig.client.callTool(
      { name: 'chat', arguments: { prompt: 'hang', model: KIMI } },
      undefined,
      {
        onprogress: (p) => progress.push(p.message ?? ''),
      },
    )) as CallToolResult;
    expect(progress[0]).toBe('chat accepted; deadline 1.5s');
    expect(result.isError).toBe(true);
    expect(result._meta).toMatchObject({ code: 'TIMEOUT' });
    await rig.kimi.waitFor((k) => k.chatRequests[0]?.aborted === true);
    // The daemon is fine afterwards, and the timeout is counted.
    const status = (await (
      await fetch(`${rig.d.baseUrl}/status`, {
        headers: { authorization: `Bearer ${rig.d.token}` },
      })
    ).json()) as { counters: { timeouts: number }; inflight: number };
    expect(status.counters.timeouts).toBe(1);
    expect(status.inflight).toBe(0);
  });

  it('deadlines nest: the provider timeout ends an upstream request well inside the call deadline', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_PROVIDER_TIMEOUT: '1', EXAI_WS_CALL_TIMEOUT: '60' },
    });
    rig.kimi.script({ kind: 'hang' });
    const result = await rig.call('chat', { prompt: 'hang', model: KIMI });
    expect(result.isError).toBe(true);
    expect(result._meta).toMatchObject({ code: 'TIMEOUT' });
    expect(text(result)).not.toContain('60s deadline');
    await rig.kimi.waitFor((k) => k.chatRequests[0]?.aborted === true);
  });

  it('heartbeats arrive at the progress interval while a slow call runs, and never cut it short', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_WS_PROGRESS_INTERVAL_SECS: '0.25' },
    });
    rig.kimi.script({ kind: 'reply', text: 'slow but sure', latencyMs: 1500 });
    const beats: string[] = [];
    const result = (await rig.client.callTool(
      { name: 'chat', arguments: { prompt: 'slow', model: KIMI } },
      undefined,
      {
        onprogress: (p) => {
          if (p.message?.includes('still running')) beats.push(p.message);
        },
      },
    )) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(text(result)).toContain('slow but sure');
    expect(beats.length).toBeGreaterThanOrEqual(2);
    expect(rig.kimi.chatRequests[0]?.aborted).toBe(false);
  });
});
