// exai.db through real daemons: threads survive a restart (with the scope rule), a damaged file
// is moved aside without stopping the daemon, and the usage ledger adds up.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startFakePair, type FakeProvider } from '../fixtures/fake-provider.ts';
import {
  connectMcpWs,
  GLM_KEY,
  KIMI_KEY,
  type RunningDaemon,
  startDaemon,
  tempDataDir,
} from '../helpers/daemon.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

async function fakes(): Promise<{ kimi: FakeProvider; glm: FakeProvider }> {
  const pair = await startFakePair({ kimi: KIMI_KEY, glm: GLM_KEY });
  cleanups.push(() => pair.stop());
  return pair;
}

async function daemonOn(
  dataDir: string,
  f: { kimi: FakeProvider; glm: FakeProvider },
): Promise<RunningDaemon> {
  const d = await startDaemon({
    dataDir,
    env: {
      KIMI_API_URL: f.kimi.baseUrl,
      GLM_API_URL: f.glm.baseUrl,
      KIMI_API_KEY: KIMI_KEY,
      GLM_API_KEY: GLM_KEY,
    },
  });
  cleanups.push(() => d.stop());
  return d;
}

async function client(d: RunningDaemon, name: string): Promise<Client> {
  const c = await connectMcpWs(d, name);
  cleanups.push(() => c.close());
  return c;
}

async function chat(c: Client, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await c.callTool({
    name: 'chat',
    arguments: { model: 'glm-4.5', ...args },
  })) as CallToolResult;
}

function text(r: CallToolResult): string {
  return r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

describe('conversations survive a restart', () => {
  it('a client of the same name continues a thread after the daemon restarts; another client cannot', async () => {
    const f = await fakes();
    const dataDir = tempDataDir();
    const first = await daemonOn(dataDir, f);
    const opened = await chat(await client(first, 'claude-code'), {
      prompt: 'Remember the word heliotrope.',
    });
    const id = (opened.structuredContent as { continuation_id: string }).continuation_id;
    expect(id).toBeTruthy();
    await first.stop();

    const second = await daemonOn(dataDir, f);
    const stranger = await chat(await client(second, 'cursor'), {
      prompt: 'What was the word?',
      continuation_id: id,
    });
    expect(stranger.isError).toBe(true);
    expect(text(stranger)).toMatch(/was not found/);

    const before = f.glm.chatRequests.length;
    const again = await chat(await client(second, 'claude-code'), {
      prompt: 'What was the word?',
      continuation_id: id,
    });
    expect(again.isError).toBeFalsy();
    const sent = JSON.stringify(f.glm.chatRequests[before]?.messages);
    expect(sent).toContain('Remember the word heliotrope.');
  });

  it('while the opening session is connected, no other session may continue its thread', async () => {
    const f = await fakes();
    const d = await daemonOn(tempDataDir(), f);
    const owner = await client(d, 'claude-code');
    const opened = await chat(owner, { prompt: 'first' });
    const id = (opened.structuredContent as { continuation_id: string }).continuation_id;
    const sameName = await chat(await client(d, 'claude-code'), {
      prompt: 'second',
      continuation_id: id,
    });
    expect(sameName.isError).toBe(true);
    expect((await chat(owner, { prompt: 'second', continuation_id: id })).isError).toBeFalsy();
  });
});

describe('a damaged exai.db', () => {
  it('is moved aside with a notice, and the daemon starts with a fresh one', async () => {
    const f = await fakes();
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, 'exai.db'), 'this is not a database'.repeat(100));
    const d = await daemonOn(dataDir, f);
    expect(readdirSync(dataDir).some((n) => n.startsWith('exai.db.damaged-'))).toBe(true);
    const status = (await (
      await fetch(`${d.baseUrl}/status`, { headers: { authorization: `Bearer ${d.token}` } })
    ).json()) as {
      store: { state: string; notice?: string };
    };
    expect(status.store.state).toBe('ok');
    expect(status.store.notice).toMatch(/was damaged .* moved aside/);
    expect((await chat(await client(d, 'c'), { prompt: 'still works' })).isError).toBeFalsy();
    expect(existsSync(join(dataDir, 'exai.db'))).toBe(true);
  });
});

describe('the usage ledger', () => {
  it('records each upstream request with the provider usage, tool and client, and prices it', async () => {
    const f = await fakes();
    f.glm.script(
      {
        kind: 'reply',
        text: 'one',
        usage: { prompt_tokens: 1000, completion_tokens: 200, total_tokens: 1200 },
      },
      {
        kind: 'reply',
        text: 'two',
        usage: { prompt_tokens: 3000, completion_tokens: 800, total_tokens: 3800 },
      },
    );
    f.kimi.script({
      kind: 'reply',
      text: 'three',
      usage: { prompt_tokens: 500, completion_tokens: 50, total_tokens: 550 },
    });
    const d = await daemonOn(tempDataDir(), f);
    const c = await client(d, 'claude-code');
    await chat(c, { prompt: 'a' });
    await chat(c, { prompt: 'b' });
    await chat(c, { prompt: 'c', model: 'kimi-latest' });

    const report = (await (
      await fetch(`${d.baseUrl}/usage`, { headers: { authorization: `Bearer ${d.token}` } })
    ).json()) as {
      rows: Array<{
        provider: string;
        model: string;
        tool: string;
        client: string;
        requests: number;
        input_tokens: number;
        output_tokens: number;
        cost: number | null;
      }>;
      totals: {
        input_tokens: number;
        output_tokens: number;
        cost: Record<string, number>;
        unpriced_tokens: number;
      };
    };
    const glm = report.rows.find((r) => r.model === 'glm-4.5')!;
    expect(glm).toMatchObject({
      provider: 'glm',
      tool: 'chat',
      client: 'claude-code',
      requests: 2,
      input_tokens: 4000,
      output_tokens: 1000,
    });
    // glm-4.5 at 0.6 in / 2.2 out per million tokens.
    expect(glm.cost).toBeCloseTo((4000 * 0.6 + 1000 * 2.2) / 1e6, 10);
    const kimi = report.rows.find((r) => r.model === 'kimi-latest')!;
    expect(kimi).toMatchObject({ input_tokens: 500, output_tokens: 50, cost: null });
    expect(report.totals).toMatchObject({
      input_tokens: 4500,
      output_tokens: 1050,
      unpriced_tokens: 550,
    });

    const csv = await (
      await fetch(`${d.baseUrl}/usage.csv`, { headers: { authorization: `Bearer ${d.token}` } })
    ).text();
    expect(csv.split('\n')[0]).toBe(
      'day,provider,model,tool,client,requests,input_tokens,output_tokens,estimated,cost,currency',
    );
    expect(csv).toMatch(/,kimi,kimi-latest,chat,claude-code,1,500,50,false,,\n/);

    const stats = (await (
      await fetch(`${d.baseUrl}/tools/stats`, { headers: { authorization: `Bearer ${d.token}` } })
    ).json()) as {
      tools: Array<{ tool: string; calls: number; errors: number; tokens: number }>;
    };
    expect(stats.tools.find((t) => t.tool === 'chat')).toMatchObject({
      calls: 3,
      errors: 0,
      tokens: 5550,
    });
  });
});
