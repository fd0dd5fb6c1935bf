// The per-provider in-flight limit, end to end: the provider layer takes a slot around each
// upstream request (ToolContext.acquireProvider), across sessions.
import { describe, expect, it } from 'vitest';
import type { StatusSnapshot } from '../../daemon/parent/status.ts';
import { startDaemon, text } from '../helpers/daemon.ts';

const KIMI = 'kimi-k2-0905-preview';

describe('provider in-flight limit', () => {
  it('upstream requests to one provider never exceed its limit: later ones wait their turn, across sessions', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_WS_KIMI_MAX_INFLIGHT: '1' },
    });
    rig.kimi.script(
      { kind: 'reply', text: 'one', latencyMs: 500 },
      { kind: 'reply', text: 'two', latencyMs: 100 },
    );
    const other = await rig.connect('second-session');
    const first = rig.call('chat', { prompt: 'a', model: KIMI });
    await rig.kimi.waitFor((k) => k.chatRequests.length === 1);
    const second = rig.call('chat', { prompt: 'b', model: KIMI }, other);
    const snap = (await (
      await fetch(`${rig.d.baseUrl}/status`, {
        headers: { authorization: `Bearer ${rig.d.token}` },
      })
    ).json()) as StatusSnapshot;
    expect(snap.sessions.flatMap((s) => s.inflight).find((c) => c.model)).toMatchObject({
      tool: 'chat',
      provider: 'kimi',
      model: KIMI,
    });
    // One count per provider: the status shows the runtime's slots, not a second tally.
    expect(snap.providers.find((p) => p.id === 'kimi')).toMatchObject({ inflight: 1, limit: 1 });
    expect(text(await first)).toContain('one');
    expect(text(await second)).toContain('two');
    const [r1, r2] = rig.kimi.chatRequests;
    expect(r2!.receivedAt).toBeGreaterThanOrEqual(r1!.closedAt!);
  });

  it('with the provider queue full, a call gets OVER_CAPACITY naming the provider, with retry_after', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_WS_GLM_MAX_INFLIGHT: '1', EXAI_QUEUE_LENGTH: '0' },
    });
    rig.glm.script({ kind: 'reply', text: 'busy', latencyMs: 600 });
    const other = await rig.connect('second-session');
    const first = rig.call('chat', { prompt: 'a', model: 'glm-4.5' });
    await rig.glm.waitFor((g) => g.chatRequests.length === 1);
    const refused = await rig.call('chat', { prompt: 'b', model: 'glm-4.5' }, other);
    expect(refused.isError).toBe(true);
    expect(refused._meta).toMatchObject({ code: 'OVER_CAPACITY' });
    expect(text(refused)).toContain('glm limit of 1');
    expect(refused._meta?.retry_after).toBeGreaterThan(0);
    expect(text(await first)).toContain('busy');
  });
});
