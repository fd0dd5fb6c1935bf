import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeProvider } from '../fixtures/fake-provider.ts';
import { startDaemon, type FakeBackedDaemon } from '../helpers/daemon.ts';
import { LegacyClient } from './legacy-client.ts';

let daemon: FakeBackedDaemon;
let fake: FakeProvider;
const clients: LegacyClient[] = [];

beforeAll(async () => {
  daemon = await startDaemon({ fakes: 'shared', env: { EXAI_WS_PROGRESS_INTERVAL_SECS: '0.2' } });
  fake = daemon.kimi;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await daemon?.stop();
});

async function session(sessionId?: string): Promise<LegacyClient> {
  const { client } = await LegacyClient.session(daemon.wsUrl, daemon.token, sessionId);
  clients.push(client);
  return client;
}

function call(
  client: LegacyClient,
  requestId: string,
  name: string,
  args: Record<string, unknown> = {},
): void {
  client.send({ op: 'call_tool', request_id: requestId, name, arguments: args });
}

describe('legacy call_tool', () => {
  it('strips every IDE suffix, acks with the deadline, and answers with outputs and the joined text', async () => {
    const client = await session();
    const names = ['version_EXAI-WS', 'version-EXAI-WS', 'version_EXAI_WS', 'version-EXAI_WS'];
    names.forEach((name, i) => call(client, `v${i}`, name));
    for (let i = 0; i < names.length; i += 1) {
      const ack = await client.next((f) => f.op === 'call_tool_ack' && f.request_id === `v${i}`);
      expect(ack).toMatchObject({ accepted: true, name: 'version' });
      expect(ack.timeout).toBeGreaterThan(0);
      const res = await client.result(`v${i}`);
      expect(res.error).toBeUndefined();
      expect(res.text).toMatch(/^EXAI daemon /);
    }

    call(client, 'c1', 'chat', { prompt: 'two outputs please' });
    const res = await client.result('c1');
    const outputs = res.outputs as Array<{ type: string; text: string }>;
    expect(outputs.length).toBeGreaterThanOrEqual(2); // the answer and the continuation line
    expect(outputs.every((o) => o.type === 'text')).toBe(true);
    expect(res.text).toBe(outputs.map((o) => o.text).join('\n\n'));
    expect(outputs[0]?.text).toMatch(/Fake answer/);
  });

  it('answers an unknown tool with TOOL_NOT_FOUND and bad arguments with INVALID_ARGUMENTS', async () => {
    const client = await session();
    call(client, 'nf', 'no_such_tool_EXAI-WS');
    const notFound = await client.result('nf');
    expect(notFound.error).toMatchObject({ code: 'TOOL_NOT_FOUND' });
    expect((notFound.error as { message: string }).message).toMatch(
      /no_such_tool.*Available tools: .*chat/,
    );
    expect(client.all((f) => f.op === 'call_tool_ack' && f.request_id === 'nf')).toEqual([]);

    call(client, 'bad', 'chat', { prompt: 42 });
    expect((await client.result('bad')).error).toMatchObject({ code: 'INVALID_ARGUMENTS' });

    client.send({ op: 'call_tool', request_id: 'bad2', name: 'chat', arguments: 'not an object' });
    expect((await client.result('bad2')).error).toMatchObject({ code: 'INVALID_ARGUMENTS' });

    client.send({ op: 'call_tool', name: 'chat', arguments: {} });
    expect(
      await client.next((f) => f.op === 'error' && String(f.message).includes('request_id')),
    ).toBeTruthy();
  });

  it('runs two calls of one connection concurrently and answers each by request_id', async () => {
    const client = await session();
    const before = fake.chatRequests.length;
    fake.script(
      { kind: 'reply', text: 'slow one', latencyMs: 3000 },
      { kind: 'reply', text: 'slow two', latencyMs: 3000 },
    );
    call(client, 'a', 'chat', { prompt: 'concurrent A' });
    call(client, 'b', 'chat', { prompt: 'concurrent B' });
    // Both requests reach the provider before either answers: neither waited for the other.
    await fake.waitFor(() => fake.chatRequests.length === before + 2);
    const upstream = fake.requests.filter((r) => r.path.endsWith('/chat/completions')).slice(-2);
    expect(upstream.every((r) => r.finishedAt === undefined)).toBe(true);
    const [a, b] = await Promise.all([client.result('a'), client.result('b')]);
    expect([a.text, b.text].join(' ')).toMatch(/slow one/);
    expect([a.text, b.text].join(' ')).toMatch(/slow two/);
  });

  it('sends progress frames while a slow call runs, then the result', async () => {
    const client = await session();
    fake.script({ kind: 'reply', text: 'worth the wait', latencyMs: 1200 });
    call(client, 'slow', 'chat', { prompt: 'take your time' });
    const res = await client.result('slow');
    expect(res.text).toMatch(/worth the wait/);
    const progress = client.all((f) => f.op === 'progress' && f.request_id === 'slow');
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress[0]).toMatchObject({ name: 'chat' });
    expect(Math.abs((progress[0]?.t as number) - Date.now() / 1000)).toBeLessThan(60);
    // Every progress frame came before the answer.
    expect(client.frames.indexOf(progress.at(-1)!)).toBeLessThan(client.frames.indexOf(res));
  });

  it('lets an identical duplicate join the first call instead of failing as DUPLICATE', async () => {
    const client = await session();
    const before = fake.chatRequests.length;
    fake.script({ kind: 'reply', text: 'shared answer', latencyMs: 800 });
    call(client, 'd1', 'chat', { prompt: 'the very same question' });
    await fake.waitFor(() => fake.chatRequests.length === before + 1);
    call(client, 'd2', 'chat', { prompt: 'the very same question' });
    const [one, two] = await Promise.all([client.result('d1'), client.result('d2')]);
    expect(one.error).toBeUndefined();
    expect(two.error).toBeUndefined();
    expect(two.text).toBe(one.text);
    expect(one.text).toMatch(/shared answer/);
    expect(fake.chatRequests.length).toBe(before + 1);
  });
});

describe('legacy replay by request_id', () => {
  it('answers an answered request_id again with the same answer, also after a reconnect, without running it again', async () => {
    const first = await session('replay-session');
    const before = fake.chatRequests.length;
    call(first, 'r1', 'chat', { prompt: 'replay me' });
    const answer = await first.result('r1');
    call(first, 'r1', 'chat', { prompt: 'replay me' });
    await first.next((f) => f.op === 'call_tool_res' && f.request_id === 'r1' && f !== answer);
    const again = first.all((f) => f.op === 'call_tool_res' && f.request_id === 'r1');
    expect(again[1]).toEqual(answer);
    await first.close();

    const resumed = await session('replay-session');
    call(resumed, 'r1', 'chat', { prompt: 'replay me' });
    expect(await resumed.result('r1')).toEqual(answer);
    expect(resumed.all((f) => f.op === 'call_tool_ack')).toEqual([]);
    expect(fake.chatRequests.length).toBe(before + 1);
  });

  it('lets a retry after a dropped connection join the call still running', async () => {
    const first = await session('drop-session');
    const before = fake.chatRequests.length;
    fake.script({ kind: 'reply', text: 'survived the drop', latencyMs: 1200 });
    call(first, 'r2', 'chat', { prompt: 'do not lose me' });
    await first.next((f) => f.op === 'call_tool_ack' && f.request_id === 'r2');
    first.socket.terminate();

    const resumed = await session('drop-session');
    call(resumed, 'r2', 'chat', { prompt: 'do not lose me' });
    const res = await resumed.result('r2');
    expect(res.text).toMatch(/survived the drop/);
    expect(fake.chatRequests.length).toBe(before + 1);
  });

  it('keeps request ids per session: the same id in another session is a new call', async () => {
    const a = await session('ids-a');
    const b = await session('ids-b');
    call(a, 'same-id', 'version');
    call(b, 'same-id', 'no_such_tool');
    expect((await a.result('same-id')).text).toMatch(/EXAI daemon/);
    expect((await b.result('same-id')).error).toMatchObject({ code: 'TOOL_NOT_FOUND' });
  });
});
