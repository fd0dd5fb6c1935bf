// The daemon serves MCP sessions from one shared McpSurface behind the SDK's low-level Server
// instead of an McpServer per session. A client must not be able to tell: every answer here is
// asked of both, side by side, and must be the same.
import { afterEach, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import {
  PromptListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
  type CallToolRequest,
} from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer } from '../../daemon/server/mcp-server-factory.ts';
import { ToolRegistry } from '../../daemon/tools/registry.ts';
import { defaultTools } from '../../daemon/all-tools.ts';
import { ToolVisibility } from '../../daemon/tools/tool-visibility.ts';
import { SessionRegistry } from '../../daemon/sessions/session-registry.ts';
import type { CallRunner, ToolCall } from '../../daemon/runtime/call-runner.ts';
import type { ToolResult } from '../../daemon/core/tool-result.ts';
import { ToolError } from '../../daemon/core/tool-error.ts';
import { configSchema, type Config } from '../../daemon/config/schema.ts';
import { hiddenReason } from '../../daemon/tools/visible-tools.ts';
import { referenceMcpServer } from './reference-mcp-server.ts';

/** What the fake runner answers for a tool, and what it saw. */
let answer: (call: ToolCall) => Promise<ToolResult> = async () => ({
  content: [{ type: 'text', text: 'ok' }],
});
const calls: ToolCall[] = [];
const runner = {
  run: (call: ToolCall) => {
    calls.push(call);
    return answer(call);
  },
} as unknown as CallRunner;

const open: Client[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  calls.length = 0;
});

async function pair(opts: { config?: Partial<Config> } = {}) {
  const config = configSchema.parse({ dataDir: '/tmp/exai-parity', ...opts.config });
  const registry = new ToolRegistry(defaultTools());
  const show = (name: string) => hiddenReason(registry.get(name)!, config) === undefined;
  const visibility = new ToolVisibility(show);
  const deps = {
    registry,
    runner,
    visibility,
    modelNames: () => ['auto', 'glm-4.5', 'glm-4.5-flash', 'kimi-k2'],
    config: () => config,
  };
  const connect = async (server: { connect(t: InMemoryTransport): Promise<void> }) => {
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: 'parity', version: '1' });
    await client.connect(b);
    open.push(client);
    return client;
  };
  const ours = await connect(
    createMcpServer({
      ...deps,
      version: 'test',
      sessions: new SessionRegistry(),
      session: { id: 'ours', transport: 'mcp-ws' },
    }),
  );
  const reference = await connect(referenceMcpServer(deps));
  /** The same request to both; answers (or errors) must be equal. */
  const same = async <T>(ask: (c: Client) => Promise<T>): Promise<T | string> => {
    const settle = (p: Promise<T>) => p.catch((e: Error) => `error: ${e.message}`);
    const [theirs, mine] = [await settle(ask(reference)), await settle(ask(ours))];
    expect(mine).toEqual(theirs);
    return mine;
  };
  return { ours, reference, same, visibility, registry };
}

const call =
  (name: string, args?: Record<string, unknown>, extra?: Partial<CallToolRequest['params']>) =>
  (c: Client) =>
    c.callTool({ name, ...(args ? { arguments: args } : {}), ...extra });

describe('MCP sessions answer exactly as the SDK McpServer would', () => {
  it('announces the same server, capabilities and instructions', async () => {
    const { ours, reference } = await pair();
    expect(ours.getServerCapabilities()).toEqual(reference.getServerCapabilities());
    expect(ours.getServerVersion()).toEqual({ ...reference.getServerVersion(), version: 'test' });
    expect(ours.getInstructions()).toBe(reference.getInstructions());
  });

  it('lists the same tools and prompts, schemas included, and hides the same ones', async () => {
    const { same } = await pair({ config: { toolProfile: 'core', disabledTools: ['chat'] } });
    const tools = (await same((c) => c.listTools())) as { tools: Array<{ name: string }> };
    expect(tools.tools.length).toBeGreaterThan(2);
    expect(tools.tools.map((t) => t.name)).not.toContain('chat');
    const prompts = (await same((c) => c.listPrompts())) as { prompts: unknown[] };
    expect(prompts.prompts).toHaveLength(tools.tools.length);
  });

  it('lists every tool of the full profile the same', async () => {
    const { same } = await pair({ config: { toolProfile: 'full' } });
    const tools = (await same((c) => c.listTools())) as { tools: unknown[] };
    expect(tools.tools.length).toBeGreaterThan(25);
    await same((c) => c.listPrompts());
  });

  it('answers tools/call the same for good, bad, unknown and hidden calls', async () => {
    const { same } = await pair({ config: { toolProfile: 'full', disabledTools: ['challenge'] } });
    answer = async (c) => ({
      content: [{ type: 'text', text: `ran ${c.tool}` }],
      meta: { provider: 'glm' },
    });
    expect(await same(call('activity', { limit: 5 }))).toMatchObject({
      content: [{ text: 'ran activity' }],
    });
    await same(call('activity', { limit: 'five' }));
    await same(call('activity', { nonsense: true }));
    await same(call('chat'));
    await same(call('chat', { prompt: 42 }));
    // A task-augmented call the daemon does not support is refused the same way.
    await same(call('activity', {}, { task: { ttl: 1000 } }));
    await same(call('no-such-tool', {}));
    expect(await same(call('challenge', { prompt: 'x' }))).toMatchObject({
      isError: true,
      _meta: { code: 'TOOL_NOT_FOUND' },
    });
    // The runner got parsed arguments (defaults applied), validated once.
    expect(calls.every((c) => c.argsValidated)).toBe(true);
  });

  it('answers the same when a tool fails or breaks its output schema', async () => {
    const { same } = await pair();
    answer = async () => {
      throw new ToolError('OVER_CAPACITY', 'upstream said no', { retryAfter: 3 });
    };
    expect(await same(call('chat', { prompt: 'x' }))).toMatchObject({
      isError: true,
      _meta: { code: 'OVER_CAPACITY', retry_after: 3 },
    });
    answer = async () => {
      throw new Error('plain failure');
    };
    await same(call('chat', { prompt: 'x' }));
    // `version` declares an output schema: no structured content, then the wrong one, then an error result.
    answer = async () => ({ content: [{ type: 'text', text: 'v' }] });
    expect(await same(call('version', {}))).toMatchObject({ isError: true });
    answer = async () => ({
      content: [{ type: 'text', text: 'v' }],
      structuredContent: { version: 7 },
    });
    expect(await same(call('version', {}))).toMatchObject({ isError: true });
    answer = async () => ({ content: [{ type: 'text', text: 'failed' }], isError: true });
    await same(call('version', {}));
  });

  it('passes progress and exai_fresh through the same', async () => {
    const { ours, reference } = await pair({ config: { toolProfile: 'full' } });
    answer = async (c) => {
      c.onProgress?.({ progress: 1, message: 'half' });
      c.onProgress?.({ progress: 2, total: 2, message: 'done' });
      return { content: [{ type: 'text', text: String(c.fresh) }] };
    };
    const run = async (client: Client) => {
      const seen: Array<{ progress: number; message?: string }> = [];
      const result = await client.callTool(
        { name: 'activity', arguments: {}, _meta: { exai_fresh: true } },
        undefined,
        { onprogress: (p) => void seen.push(p) },
      );
      return { result, seen };
    };
    const [theirs, mine] = [await run(reference), await run(ours)];
    expect(mine).toEqual(theirs);
    expect(mine.seen.map((p) => p.message)).toEqual(['half', 'done']);
    expect(mine.result.content).toEqual([{ type: 'text', text: 'true' }]);
  });

  it('gets prompts and completes their arguments the same', async () => {
    const { same } = await pair({ config: { disabledTools: ['challenge'] } });
    expect(
      await same((c) => c.getPrompt({ name: 'chat', arguments: { question: 'why?' } })),
    ).toMatchObject({ messages: [{ role: 'user' }] });
    await same((c) => c.getPrompt({ name: 'chat', arguments: {} }));
    await same((c) => c.getPrompt({ name: 'nope', arguments: {} }));
    await same((c) => c.getPrompt({ name: 'challenge', arguments: { statement: 'x' } }));
    const complete = (name: string, argument: string, value: string) => (c: Client) =>
      c.complete({ ref: { type: 'ref/prompt', name }, argument: { name: argument, value } });
    expect(await same(complete('chat', 'model', 'glm'))).toMatchObject({
      completion: { values: ['glm-4.5', 'glm-4.5-flash'] },
    });
    await same(complete('consensus', 'stance', 'a'));
    await same(complete('chat', 'question', 'w'));
    await same(complete('nope', 'model', ''));
    await same(complete('challenge', 'model', ''));
    await same((c) =>
      c.complete({
        ref: { type: 'ref/resource', uri: 'file:///x' },
        argument: { name: 'a', value: '' },
      }),
    );
  });

  it('tells open sessions about the same list changes', async () => {
    const { ours, reference, visibility } = await pair();
    const counts = new Map<Client, { tools: number; prompts: number }>();
    for (const client of [ours, reference]) {
      const count = { tools: 0, prompts: 0 };
      counts.set(client, count);
      client.setNotificationHandler(ToolListChangedNotificationSchema, () => void count.tools++);
      client.setNotificationHandler(
        PromptListChangedNotificationSchema,
        () => void count.prompts++,
      );
    }
    // McpServer notifies once per tool shown or hidden; the daemon once per settings change (a
    // client refetches the whole list either way).
    visibility.update((name) => name !== 'chat');
    await expect.poll(() => counts.get(ours)).toEqual({ tools: 1, prompts: 1 });
    await expect.poll(() => counts.get(reference)?.tools).toBeGreaterThan(1);
    // A settings change that shows and hides nothing new tells nobody.
    const before = { ...counts.get(reference) };
    visibility.update((name) => name !== 'chat');
    await ours.ping();
    await reference.ping();
    expect(counts.get(ours)).toEqual({ tools: 1, prompts: 1 });
    expect(counts.get(reference)).toEqual(before);
  });
});
