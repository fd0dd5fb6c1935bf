import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeProvider } from '../fixtures/fake-provider.ts';
import { startDaemon, type FakeBackedDaemon } from '../helpers/daemon.ts';
import { LegacyClient } from './legacy-client.ts';

let daemon: FakeBackedDaemon;
let fake: FakeProvider;

beforeAll(async () => {
  // One call per session and no queue: a second concurrent call is over capacity at once.
  daemon = await startDaemon({
    fakes: 'shared',
    env: { EXAI_WS_SESSION_MAX_INFLIGHT: '1', EXAI_QUEUE_LENGTH: '0' },
  });
  fake = daemon.kimi;
});
afterAll(async () => {
  await daemon?.stop();
});

describe('legacy OVER_CAPACITY', () => {
  it('answers with retry_after, and a retry of the same request_id really runs again', async () => {
    const { client } = await LegacyClient.session(daemon.wsUrl, daemon.token);
    fake.script({ kind: 'reply', text: 'first in line', latencyMs: 800 });
    client.send({
      op: 'call_tool',
      request_id: 'first',
      name: 'chat',
      arguments: { prompt: 'occupy the slot' },
    });
    await client.next((f) => f.op === 'call_tool_ack' && f.request_id === 'first');
    client.send({
      op: 'call_tool',
      request_id: 'second',
      name: 'chat',
      arguments: { prompt: 'no room for me' },
    });
    const busy = await client.result('second');
    expect(busy.error).toMatchObject({ code: 'OVER_CAPACITY' });
    expect((busy.error as { retry_after: number }).retry_after).toBeGreaterThan(0);
    expect((await client.result('first')).text).toMatch(/first in line/);

    const seen = client.frames.length;
    client.send({
      op: 'call_tool',
      request_id: 'second',
      name: 'chat',
      arguments: { prompt: 'no room for me' },
    });
    const retried = await client.next(
      (f) =>
        f.op === 'call_tool_res' && f.request_id === 'second' && client.frames.indexOf(f) >= seen,
    );
    expect(retried.error).toBeUndefined();
    expect(retried.text).toMatch(/Fake answer/);
    await client.close();
  });
});
