import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusSnapshot } from '../../daemon/parent/status.ts';
import { startDaemon, type RunningDaemon } from '../helpers/daemon.ts';

// The dashboard's default-model select lists aliases and says what "auto" picks: both come from
// the daemon's status snapshot (GET /status, and the parent's status messages).
describe('status snapshot: what the model select needs', () => {
  let d: RunningDaemon;
  beforeAll(async () => {
    d = await startDaemon({ env: { EXAI_SPEED_MODEL: 'kimi-k2-turbo-preview' } });
  });
  afterAll(async () => {
    await d?.stop();
  });

  it('carries each provider\'s catalog aliases and the speed/quality models "auto" uses', async () => {
    const res = await fetch(`${d.baseUrl}/status`, {
      headers: { authorization: `Bearer ${d.token}` },
    });
    const snap = (await res.json()) as StatusSnapshot;
    expect(snap.modelChoice).toEqual({
      fast: 'kimi-k2-turbo-preview',
      deep: 'kimi-k2-0905-preview',
    });
    const kimi = snap.providers.find((p) => p.id === 'kimi');
    expect(kimi?.aliases?.['kimi-k2-0905-preview']).toEqual(['kimi-k2-0905', 'kimi-k2']);
    // Only models that have aliases are listed, to keep the snapshot small.
    expect(kimi?.aliases?.['moonshot-v1-8k']).toBeUndefined();
    expect(snap.providers.find((p) => p.id === 'glm')?.aliases?.['glm-4.5-flash']).toEqual([
      'glm-flash',
    ]);
  });
});
