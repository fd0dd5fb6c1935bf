import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeProvider } from '../fixtures/fake-provider.ts';
import { startDaemon, type RunningDaemon } from '../helpers/daemon.ts';
import { LegacyClient } from './legacy-client.ts';

let daemon: RunningDaemon;
let fake: FakeProvider;
const clients: LegacyClient[] = [];

beforeAll(async () => {
  const started = await startDaemon({
    fakes: 'shared',
    env: { TOOL_PROFILE: 'standard', DISABLED_TOOLS: 'challenge' },
  });
  daemon = started;
  fake = started.kimi;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await daemon?.stop();
  await fake?.stop();
});

async function session(): Promise<LegacyClient> {
  const { client } = await LegacyClient.session(daemon.wsUrl, daemon.token);
  clients.push(client);
  return client;
}

describe("the original's later ops", () => {
  it('tool_call with tool: {name} runs like call_tool, IDE suffix and all', async () => {
    const client = await session();
    client.send({
      op: 'tool_call',
      request_id: 't1',
      tool: { name: 'version_EXAI-WS' },
      arguments: {},
    });
    const ack = await client.next((f) => f.op === 'call_tool_ack' && f.request_id === 't1');
    expect(ack).toMatchObject({ accepted: true, name: 'version' });
    const res = await client.result('t1');
    expect(String(res.text)).toMatch(/^EXAI daemon /);
  });

  it('cancel stops a running call: its provider request is aborted, it answers CANCELLED, and cancelled is confirmed', async () => {
    const client = await session();
    fake.script({ kind: 'hang', tokens: ['partial '] });
    client.send({
      op: 'call_tool',
      request_id: 'c1',
      name: 'chat',
      arguments: { prompt: 'hang', model: 'glm-4.5' },
    });
    await client.next((f) => f.op === 'call_tool_ack' && f.request_id === 'c1');
    await fake.waitFor((f) => f.chatRequests.length === 1);
    client.send({ op: 'cancel', request_id: 'c1' });
    const cancelled = await client.next((f) => f.op === 'cancelled');
    expect(cancelled).toMatchObject({ op: 'cancelled', request_id: 'c1' });
    expect(typeof cancelled.timestamp).toBe('number');
    const res = await client.result('c1');
    expect(res.error).toMatchObject({ code: 'CANCELLED' });
    await fake.waitFor((f) => f.chatRequests[0]!.aborted);
  });

  it('ping answers pong with the request_id and a timestamp', async () => {
    const client = await session();
    client.send({ op: 'ping', request_id: 'p1' });
    const pong = await client.next((f) => f.op === 'pong');
    expect(pong).toMatchObject({ op: 'pong', request_id: 'p1' });
    expect(Math.abs((pong.timestamp as number) - Date.now() / 1000)).toBeLessThan(60);
    client.send({ op: 'ping' });
    await client.next((f) => f.op === 'pong' && f.request_id === null);
  });

  it('list_tools follows the tool profile and a hidden tool is refused with the reason', async () => {
    const client = await session();
    client.send({ op: 'list_tools' });
    const list = await client.next((f) => f.op === 'list_tools_res');
    const names = (list.tools as Array<{ name: string }>).map((t) => t.name);
    expect(names).toContain('chat');
    expect(names).not.toContain('challenge');
    expect(names).not.toContain('activity');
    client.send({
      op: 'call_tool',
      request_id: 'h1',
      name: 'challenge',
      arguments: { prompt: 'x' },
    });
    const res = await client.result('h1');
    expect(res.error).toEqual({
      code: 'TOOL_NOT_FOUND',
      message: 'challenge is turned off by DISABLED_TOOLS (setting disabledTools)',
    });
  });
});

describe('an empty EXAI_WS_TOKEN', () => {
  it('does not turn authentication off: the daemon makes a token and refuses an empty hello', async () => {
    const d = await startDaemon({ env: { EXAI_WS_TOKEN: '' } });
    try {
      const { readFileSync } = await import('node:fs');
      const token = readFileSync(`${d.dataDir}/token`, 'utf8').trim();
      expect(token.length).toBeGreaterThanOrEqual(16);
      const anon = await LegacyClient.connect(d.wsUrl);
      anon.send({ op: 'hello', token: '' });
      expect(await anon.next((f) => f.op === 'hello_ack')).toEqual({
        op: 'hello_ack',
        ok: false,
        error: 'unauthorized',
      });
      expect((await anon.closed).code).toBe(4003);
      const { client } = await LegacyClient.session(d.wsUrl, token);
      await client.close();
    } finally {
      await d.stop();
    }
  });
});
