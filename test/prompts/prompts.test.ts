// Slash commands: every tool as an MCP prompt, and model names completed by the server, through
// unmodified SDK clients over both transports.
import { describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { connectMcpHttp, type FakeBackedDaemon, startDaemon } from '../helpers/daemon.ts';

type Connect = (rig: FakeBackedDaemon) => Promise<Client>;
const transports: Array<[string, Connect]> = [
  ['MCP over WebSocket', async (rig) => rig.client],
  ['MCP over HTTP', async (rig) => (await connectMcpHttp(rig.d)).client],
];

function messageText(result: Awaited<ReturnType<Client['getPrompt']>>): string {
  const first = result.messages[0];
  expect(first?.role).toBe('user');
  return first?.content.type === 'text' ? first.content.text : '';
}

describe.each(transports)('prompts and completions over %s', (_name, connect) => {
  it('publishes one prompt per tool, with the main inputs as arguments', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const client = await connect(rig);
    const { tools } = await client.listTools();
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(tools.map((t) => t.name).sort());
    const chat = prompts.find((p) => p.name === 'chat');
    expect(chat?.arguments).toEqual([
      expect.objectContaining({ name: 'question', required: true }),
      expect.objectContaining({ name: 'files', required: false }),
      expect.objectContaining({ name: 'model', required: false }),
    ]);
    expect(prompts.find((p) => p.name === 'challenge')?.arguments?.map((a) => a.name)).toEqual([
      'statement',
    ]);
  });

  it('prompts/get tells the agent which EXAI tool to use, with the typed inputs', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const client = await connect(rig);
    const chat = messageText(
      await client.getPrompt({
        name: 'chat',
        arguments: { question: 'Is this lock free?', files: '/a/x.ts, /a/y.ts', model: 'glm-4.5' },
      }),
    );
    expect(chat).toContain('EXAI tool `chat`');
    expect(chat).toContain('- prompt: Is this lock free?');
    expect(chat).toContain('- files: ["/a/x.ts","/a/y.ts"]');
    expect(chat).toContain('- model: glm-4.5');

    const challenge = messageText(
      await client.getPrompt({
        name: 'challenge',
        arguments: { statement: 'The cache is never stale' },
      }),
    );
    expect(challenge).toContain('EXAI tool `challenge`');
    expect(challenge).toContain('- prompt: The cache is never stale');

    const version = messageText(await client.getPrompt({ name: 'version', arguments: {} }));
    expect(version).toContain('EXAI tool `version`');
    expect(version).not.toContain('Inputs:');
  });

  it('prompts/list follows the tool profile', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { TOOL_PROFILE: 'core', DISABLED_TOOLS: 'planner' },
    });
    const client = await connect(rig);
    const names = (await client.listPrompts()).prompts.map((p) => p.name).sort();
    expect(names).toEqual([
      'analyze',
      'challenge',
      'chat',
      'codereview',
      'consensus',
      'debug',
      'listmodels',
      'thinkdeep',
      'version',
    ]);
    await expect(
      client.getPrompt({ name: 'kimi_upload_and_extract', arguments: { files: '/a' } }),
    ).rejects.toThrow(/disabled/);
  });

  it('workflow prompts: codereview and consensus expand to their tools, step by step', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const client = await connect(rig);
    const { prompts } = await client.listPrompts();
    expect(prompts.find((p) => p.name === 'codereview')?.arguments?.map((a) => a.name)).toEqual([
      'focus',
      'files',
      'review_type',
      'model',
    ]);
    const review = messageText(
      await client.getPrompt({
        name: 'codereview',
        arguments: { focus: 'retry logic', files: '/src/upload.ts', review_type: 'security' },
      }),
    );
    expect(review).toContain('EXAI tool `codereview`');
    expect(review).toContain('- relevant_files: ["/src/upload.ts"]');
    expect(review).toContain('- review_type: security');
    expect(review).toContain('next_call');
    const consensus = messageText(
      await client.getPrompt({
        name: 'consensus',
        arguments: { proposal: 'Adopt SQLite', models: 'kimi-k2:for, glm-4.5', stance: 'against' },
      }),
    );
    expect(consensus).toContain(
      '- models: [{"model":"kimi-k2","stance":"for"},{"model":"glm-4.5","stance":"against"}]',
    );
    const stances = await client.complete({
      ref: { type: 'ref/prompt', name: 'consensus' },
      argument: { name: 'stance', value: 'a' },
    });
    expect(stances.completion.values).toEqual(['against']);
    const reviewTypes = await client.complete({
      ref: { type: 'ref/prompt', name: 'codereview' },
      argument: { name: 'review_type', value: '' },
    });
    expect(reviewTypes.completion.values.length).toBeGreaterThan(1);
  });

  it('a missing required argument is a clear error', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const client = await connect(rig);
    await expect(client.getPrompt({ name: 'chat', arguments: {} })).rejects.toThrow(
      /Invalid arguments for prompt chat[\s\S]*question/,
    );
  });

  it('completes model names by prefix, only for configured providers', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true, keys: ['kimi', 'glm'] });
    const client = await connect(rig);
    const complete = async (value: string) =>
      (
        await client.complete({
          ref: { type: 'ref/prompt', name: 'chat' },
          argument: { name: 'model', value },
        })
      ).completion.values;

    const kimi = await complete('kimi');
    expect(kimi.length).toBeGreaterThan(3);
    expect(kimi).toContain('kimi-k2-0905-preview');
    expect(kimi).toContain('kimi-k2');
    expect(kimi.every((v) => v.startsWith('kimi'))).toBe(true);

    expect((await complete('glm-4.5')).sort()).toEqual(
      ['glm-4.5', 'glm-4.5-air', 'glm-4.5-flash', 'glm-4.5v', 'glm-4.5-x'].sort(),
    );
    expect(await complete('AU')).toEqual(['auto']);
  });

  it('completes only the models of providers that have a key', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true, keys: ['glm'] });
    const client = await connect(rig);
    const all = (
      await client.complete({
        ref: { type: 'ref/prompt', name: 'chat' },
        argument: { name: 'model', value: '' },
      })
    ).completion.values;
    expect(all).toContain('auto');
    expect(all).toContain('glm-4.6');
    expect(all.some((v) => v.startsWith('kimi') || v.startsWith('moonshot'))).toBe(false);
  });

  it('an unknown prompt reference is an error', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const client = await connect(rig);
    await expect(
      client.complete({
        ref: { type: 'ref/prompt', name: 'no-such-tool' },
        argument: { name: 'model', value: 'k' },
      }),
    ).rejects.toThrow(/Prompt no-such-tool not found/);
    await expect(client.getPrompt({ name: 'no-such-tool', arguments: {} })).rejects.toThrow(
      /Prompt no-such-tool not found/,
    );
  });
});
