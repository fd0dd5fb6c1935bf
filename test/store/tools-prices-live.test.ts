// The Tools page's and the price editor's daemon side: GET /tools lists every tool with its family
// and whether clients see it, and the app's `configure` message changes tool visibility and prices
// live: open MCP sessions get list_changed, /tools and /usage follow, nothing restarts.
import { describe, expect, it } from 'vitest';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { startDaemon, type RunningDaemon } from '../helpers/daemon.ts';

interface ToolsAnswer {
  profile: string;
  tools: Array<{
    name: string;
    description: string;
    category: string;
    enabled: boolean;
    inProfile: boolean;
  }>;
}

async function get<T>(
  d: RunningDaemon,
  path: string,
  token = d.token,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${d.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  return { status: res.status, body: (res.ok ? JSON.parse(text) : text) as T };
}

describe('GET /tools and live tool settings', () => {
  it('lists every tool with its family, and hides one for open sessions the moment the app says so', async () => {
    const d = await startDaemon({ fakes: true, stopAfterTest: true });
    let changed = 0;
    d.client.setNotificationHandler(ToolListChangedNotificationSchema, () => void (changed += 1));
    expect((await d.client.listTools()).tools.map((t) => t.name)).toContain('chat');

    const before = await get<ToolsAnswer>(d, '/tools');
    expect(before.status).toBe(200);
    expect(before.body.profile).toBe('standard');
    const chat = before.body.tools.find((t) => t.name === 'chat');
    expect(chat).toMatchObject({ category: 'simple', enabled: true, inProfile: true });
    expect(chat?.description).toMatch(/\w/);
    expect(before.body.tools.find((t) => t.name === 'version')?.category).toBe('utility');

    d.child.send({ type: 'configure', disabledTools: ['chat'] });
    await expect.poll(() => changed).toBeGreaterThan(0);
    expect((await d.client.listTools()).tools.map((t) => t.name)).not.toContain('chat');
    const after = await get<ToolsAnswer>(d, '/tools');
    expect(after.body.tools.find((t) => t.name === 'chat')?.enabled).toBe(false);
    const refused = await d.call('chat', { prompt: 'hi' });
    expect(refused.isError).toBe(true);

    // The core profile drops status; enabledTools brings it back.
    d.child.send({ type: 'configure', disabledTools: [], toolProfile: 'core' });
    await expect
      .poll(async () => (await d.client.listTools()).tools.map((t) => t.name))
      .toContain('chat');
    expect((await d.client.listTools()).tools.map((t) => t.name)).not.toContain('status');
    const core = await get<ToolsAnswer>(d, '/tools');
    expect(core.body.profile).toBe('core');
    expect(core.body.tools.find((t) => t.name === 'status')).toMatchObject({
      enabled: false,
      inProfile: false,
    });
    d.child.send({ type: 'configure', enabledTools: ['status'] });
    await expect
      .poll(async () => (await d.client.listTools()).tools.map((t) => t.name))
      .toContain('status');
  });

  it('wants the token, and refuses a bad tool setting without dropping anyone', async () => {
    const d = await startDaemon({ fakes: true, stopAfterTest: true });
    expect((await get(d, '/tools', 'wrong-token-0123456789')).status).toBe(401);
    d.child.send({ type: 'configure', toolProfile: 'everything' });
    await expect.poll(() => d.stderr() + JSON.stringify(d.messages)).toMatch(/toolProfile/);
    expect((await d.client.listTools()).tools.map((t) => t.name)).toContain('chat');
  });
});

describe('prices applied live', () => {
  it('a price the app sends turns an unknown cost into a known one, for past usage too', async () => {
    const d = await startDaemon({ fakes: true, stopAfterTest: true });
    d.kimi.script({
      kind: 'reply',
      text: 'ok',
      usage: { prompt_tokens: 30_000, completion_tokens: 20_000, total_tokens: 50_000 },
    });
    const r = await d.call('chat', { prompt: 'hi', model: 'moonshot-v1-8k' });
    expect(r.isError).toBeFalsy();
    type Report = {
      rows: Array<{
        model: string;
        cost: number | null;
        currency: string | null;
        input_tokens: number;
      }>;
    };
    const row = async () =>
      (await get<Report>(d, '/usage')).body.rows.find((x) => x.model === 'moonshot-v1-8k');
    await expect.poll(async () => (await row())?.input_tokens).toBe(30_000);
    expect((await row())?.cost).toBeNull();

    d.child.send({
      type: 'configure',
      prices: { 'moonshot-v1-8k': { input: 1, output: 2, currency: 'CNY' } },
    });
    await expect.poll(async () => (await row())?.currency).toBe('CNY');
    expect((await row())?.cost).toBeCloseTo(0.07, 10);
  });
});
