import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type RunningDaemon } from '../helpers/daemon.ts';
import { LegacyClient } from './legacy-client.ts';

let daemon: RunningDaemon;

beforeAll(async () => {
  daemon = await startDaemon({ env: { EXAI_WS_HELLO_TIMEOUT: '1' } });
});
afterAll(async () => {
  await daemon?.stop();
});

async function refusedHello(first: string | undefined): Promise<{ ack: unknown; code: number }> {
  const client = await LegacyClient.connect(daemon.wsUrl);
  if (first !== undefined) client.send(first);
  const { code } = await client.closed;
  return { ack: client.frames[0], code };
}

describe('legacy hello', () => {
  it('accepts the token and answers with a session id', async () => {
    const { client, sessionId } = await LegacyClient.session(daemon.wsUrl, daemon.token);
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    await client.close();
  });

  it('treats a null session_id as none (Python shims send None)', async () => {
    const client = await LegacyClient.connect(daemon.wsUrl);
    client.send({ op: 'hello', token: daemon.token, session_id: null });
    const ack = await client.next((f) => f.op === 'hello_ack');
    expect(ack).toMatchObject({ ok: true, session_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    await client.close();
  });

  it('keeps a session id the client resumes', async () => {
    const { client, sessionId } = await LegacyClient.session(
      daemon.wsUrl,
      daemon.token,
      'shim-session-1',
    );
    expect(sessionId).toBe('shim-session-1');
    await client.close();
  });

  it('closes 4000 invalid_hello when the first frame is not JSON', async () => {
    expect(await refusedHello('hello there')).toEqual({
      ack: { op: 'hello_ack', ok: false, error: 'invalid_hello' },
      code: 4000,
    });
  });

  it('closes 4000 invalid_hello for a JSON value that is not an object, or a malformed session id', async () => {
    expect((await refusedHello('[1,2]')).code).toBe(4000);
    const bad = await refusedHello(
      JSON.stringify({ op: 'hello', token: daemon.token, session_id: 'has spaces and / slashes' }),
    );
    expect(bad).toEqual({
      ack: { op: 'hello_ack', ok: false, error: 'invalid_hello' },
      code: 4000,
    });
  });

  it('closes 4001 missing_hello when another op comes first', async () => {
    expect(await refusedHello(JSON.stringify({ op: 'list_tools' }))).toEqual({
      ack: { op: 'hello_ack', ok: false, error: 'missing_hello' },
      code: 4001,
    });
    expect((await refusedHello(JSON.stringify({ token: daemon.token }))).code).toBe(4001);
  });

  it('closes 4003 unauthorized for a wrong, missing or non-string token', async () => {
    const wrong = await refusedHello(JSON.stringify({ op: 'hello', token: `${daemon.token}x` }));
    expect(wrong).toEqual({
      ack: { op: 'hello_ack', ok: false, error: 'unauthorized' },
      code: 4003,
    });
    expect((await refusedHello(JSON.stringify({ op: 'hello' }))).code).toBe(4003);
    expect((await refusedHello(JSON.stringify({ op: 'hello', token: 12345 }))).code).toBe(4003);
  });

  it('closes 4002 when no hello arrives within the hello timeout', async () => {
    const { ack, code } = await refusedHello(undefined);
    expect(code).toBe(4002);
    expect(ack).toBeUndefined();
  });

  it('still refuses a disallowed Origin before any hello (the guard runs first)', async () => {
    const client = new LegacyClient(daemon.wsUrl, { origin: 'https://evil.example' });
    await expect(client.opened).rejects.toThrow(/403/);
  });
});

describe('legacy ops after hello', () => {
  it('answers list_tools, health, unknown ops and bad JSON, and keeps the connection open', async () => {
    const { client } = await LegacyClient.session(daemon.wsUrl, daemon.token);
    client.send({ op: 'list_tools' });
    const list = await client.next((f) => f.op === 'list_tools_res');
    const tools = list.tools as Array<{
      name: string;
      description: string;
      inputSchema: { type: string; properties: Record<string, unknown>; required?: string[] };
    }>;
    const chat = tools.find((t) => t.name === 'chat');
    expect(chat?.description).toMatch(/Kimi|GLM/);
    expect(chat?.inputSchema.type).toBe('object');
    expect(chat?.inputSchema.required).toContain('prompt');
    expect(tools.map((t) => t.name)).toContain('version');

    client.send({ op: 'health' });
    const health = await client.next((f) => f.op === 'health_res');
    expect(health.ok).toBe(true);
    expect((health.health as { status: string; sessions: number }).status).toBe('ok');
    expect((health.health as { sessions: number }).sessions).toBeGreaterThanOrEqual(1);

    client.send({ op: 'frobnicate' });
    expect(
      await client.next((f) => f.op === 'error' && String(f.message).startsWith('Unknown op')),
    ).toEqual({ op: 'error', message: 'Unknown op: frobnicate' });
    client.send('{not json');
    expect(await client.next((f) => f.op === 'error' && f.message === 'invalid_json')).toBeTruthy();

    // Still serving after the bad frames.
    client.send({ op: 'health' });
    await client.next((f) => f.op === 'health_res' && f !== health);
    await client.close();
  });

  it('lists a legacy session in /status while connected', async () => {
    const { client, sessionId } = await LegacyClient.session(
      daemon.wsUrl,
      daemon.token,
      'status-visible',
    );
    const status = (await (
      await fetch(`${daemon.baseUrl}/status`, {
        headers: { authorization: `Bearer ${daemon.token}` },
      })
    ).json()) as {
      sessions: Array<{ id: string; transport: string }>;
    };
    expect(status.sessions).toContainEqual(
      expect.objectContaining({ id: `legacy:${sessionId}`, transport: 'legacy-ws' }),
    );
    await client.close();
  });

  it('closes every socket of a session the app disconnects', async () => {
    const a = await LegacyClient.session(daemon.wsUrl, daemon.token, 'kick-me');
    const b = await LegacyClient.session(daemon.wsUrl, daemon.token, 'kick-me');
    daemon.child.send({ type: 'disconnect-session', sessionId: 'legacy:kick-me' });
    const [closedA, closedB] = await Promise.all([a.client.closed, b.client.closed]);
    expect(closedA.code).toBe(4010);
    expect(closedB.code).toBe(4010);
  });
});
