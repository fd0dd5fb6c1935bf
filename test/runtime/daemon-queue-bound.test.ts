// The wait queue's bound end to end (a real daemon, MCP clients, the fake GLM): calls within
// `limits.queueLength` wait their turn and succeed in arrival order, the call past it gets
// OVER_CAPACITY with retry_after, and a waiting call still ends at once when cancelled or at its
// deadline.
import { describe, expect, it } from 'vitest';
import { startDaemon, text, type RunningDaemon } from '../helpers/daemon.ts';
import { gate } from '../fixtures/fake-provider.ts';

const GLM = 'glm-4.5';

/** exai_queue_depth{limit} from /metrics: calls waiting for a slot of that limit. */
async function queueDepth(d: RunningDaemon, limit: string): Promise<number> {
  const metrics = await (
    await fetch(`${d.baseUrl}/metrics`, { headers: { authorization: `Bearer ${d.token}` } })
  ).text();
  return Number(
    new RegExp(`^exai_queue_depth\\{limit="${limit}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? NaN,
  );
}

function promptOf(messages: Array<Record<string, unknown>>): unknown {
  return messages.filter((m) => m.role === 'user').at(-1)?.content;
}

describe('the queue bound (limits.queueLength)', () => {
  it('calls within the bound wait and succeed in arrival order; the call past it gets OVER_CAPACITY with retry_after', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_WS_GLM_MAX_INFLIGHT: '1', EXAI_QUEUE_LENGTH: '2' },
    });
    const first = gate();
    rig.glm.script(
      { kind: 'reply', text: 'answer one', heldUntil: first.held },
      { kind: 'reply', text: 'answer two' },
      { kind: 'reply', text: 'answer three' },
    );
    const [b, c] = [await rig.connect('b'), await rig.connect('c')];
    const one = rig.call('chat', { prompt: 'one', model: GLM });
    await rig.glm.waitFor((g) => g.chatRequests.length === 1);
    const two = rig.call('chat', { prompt: 'two', model: GLM }, b);
    await expect.poll(() => queueDepth(rig.d, 'glm'), { timeout: 10_000 }).toBe(1);
    const three = rig.call('chat', { prompt: 'three', model: GLM }, c);
    await expect.poll(() => queueDepth(rig.d, 'glm'), { timeout: 10_000 }).toBe(2);

    const refused = await rig.call('chat', { prompt: 'four', model: GLM });
    expect(refused.isError).toBe(true);
    expect(refused._meta).toMatchObject({ code: 'OVER_CAPACITY' });
    expect(text(refused)).toContain('glm limit of 1 calls in flight is reached and 2 calls');
    expect(refused._meta?.retry_after).toBeGreaterThan(0);

    first.open();
    expect(text(await one)).toContain('answer one');
    expect(text(await two)).toContain('answer two');
    expect(text(await three)).toContain('answer three');
    // First come, first served, across sessions; the refused call never reached GLM.
    expect(rig.glm.chatRequests.map((r) => promptOf(r.messages))).toEqual(['one', 'two', 'three']);
  });

  it('a waiting call cancelled by its client leaves the queue at once and never reaches the provider', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_WS_GLM_MAX_INFLIGHT: '1' },
    });
    const first = gate();
    rig.glm.script({ kind: 'reply', text: 'answer one', heldUntil: first.held });
    const one = rig.call('chat', { prompt: 'one', model: GLM });
    await rig.glm.waitFor((g) => g.chatRequests.length === 1);
    const controller = new AbortController();
    const other = await rig.connect('other');
    const cancelled = other
      .callTool({ name: 'chat', arguments: { prompt: 'two', model: GLM } }, undefined, {
        signal: controller.signal,
      })
      .catch((e: unknown) => e);
    await expect.poll(() => queueDepth(rig.d, 'glm'), { timeout: 10_000 }).toBe(1);
    controller.abort();
    await cancelled;
    // Gone from the queue while the slot it waited for is still taken.
    await expect.poll(() => queueDepth(rig.d, 'glm'), { timeout: 10_000 }).toBe(0);
    expect(rig.glm.chatRequests).toHaveLength(1);

    first.open();
    expect(text(await one)).toContain('answer one');
    rig.glm.script({ kind: 'reply', text: 'answer three' });
    expect(text(await rig.call('chat', { prompt: 'three', model: GLM }, other))).toContain(
      'answer three',
    );
    expect(rig.glm.chatRequests.map((r) => promptOf(r.messages))).toEqual(['one', 'three']);
  });

  it('a waiting call whose deadline comes first gets TIMEOUT, not OVER_CAPACITY, and leaves the queue', async () => {
    // Every call has the same cap, so the call holding the slot would time out first; `challenge`
    // has a 10 s deadline of its own (and no model call), the held `chat` 90 s. One call per
    // session: the challenge waits in the session's queue, whose own wait is 30 s.
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_WS_SESSION_MAX_INFLIGHT: '1' },
    });
    const first = gate();
    rig.glm.script({ kind: 'reply', text: 'answer one', heldUntil: first.held });
    const one = rig.call('chat', { prompt: 'one', model: GLM });
    await rig.glm.waitFor((g) => g.chatRequests.length === 1);
    const two = rig.call('challenge', { prompt: 'you are wrong' });
    await expect.poll(() => queueDepth(rig.d, 'session'), { timeout: 10_000 }).toBe(1);

    const late = await two;
    expect(late.isError).toBe(true);
    expect(late._meta).toMatchObject({ code: 'TIMEOUT' });
    expect(text(late)).toContain('10s deadline');
    expect(await queueDepth(rig.d, 'session')).toBe(0);
    first.open();
    expect(text(await one)).toContain('answer one');
  }, 30_000);
});
