// Hiding a tool (profile, enabled/disabled lists) hides its prompt too, and open sessions hear
// about it through list_changed notifications.
import { describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import {
  PromptListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer } from '../../daemon/server/mcp-server-factory.ts';
import { surfaceFor } from '../../daemon/server/mcp-surface.ts';
import { ToolRegistry } from '../../daemon/tools/registry.ts';
import { defaultTools } from '../../daemon/all-tools.ts';
import { ToolVisibility } from '../../daemon/tools/tool-visibility.ts';
import { SessionRegistry } from '../../daemon/sessions/session-registry.ts';
import type { CallRunner } from '../../daemon/runtime/call-runner.ts';
import { promptMessage, toolArguments } from '../../daemon/prompts/prompt-message.ts';
import type { PromptSpec } from '../../daemon/prompts/prompt-specs.ts';

async function connected(visibility: ToolVisibility) {
  const registry = new ToolRegistry(defaultTools());
  const server = createMcpServer({
    version: 'test',
    registry,
    runner: {} as CallRunner, // no tool is called here
    sessions: new SessionRegistry(),
    session: { id: 's1', transport: 'mcp-ws' },
    visibility,
    modelNames: () => ['auto'],
  });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const client = new Client({ name: 't', version: '1' });
  await client.connect(b);
  return { client, server, registry };
}

describe('tool visibility', () => {
  it('hides tools and their prompts, and tells open sessions', async () => {
    const visibility = new ToolVisibility();
    const { client } = await connected(visibility);
    let toolsChanged = 0;
    let promptsChanged = 0;
    client.setNotificationHandler(
      ToolListChangedNotificationSchema,
      () => void (toolsChanged += 1),
    );
    client.setNotificationHandler(
      PromptListChangedNotificationSchema,
      () => void (promptsChanged += 1),
    );
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toContain('chat');

    visibility.update((name) => name !== 'chat');
    await expect.poll(() => [toolsChanged, promptsChanged]).toEqual([1, 1]);
    expect((await client.listPrompts()).prompts.map((p) => p.name)).not.toContain('chat');
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('chat');
    await expect(client.getPrompt({ name: 'chat', arguments: { question: 'x' } })).rejects.toThrow(
      /disabled/,
    );

    visibility.update(() => true);
    await expect.poll(() => [toolsChanged, promptsChanged]).toEqual([2, 2]);
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toContain('chat');
  });

  it('stops following the visibility when the session closes', async () => {
    const visibility = new ToolVisibility();
    const { client, registry } = await connected(visibility);
    const surface = surfaceFor({ registry } as never);
    expect(surface.listenerCount('listChanged')).toBe(1);
    await client.close();
    expect(surface.listenerCount('listChanged')).toBe(0);
  });
});

describe('prompt messages', () => {
  const consensus: PromptSpec = {
    tool: 'consensus',
    title: 'Consensus',
    description: '',
    workflow: true,
    args: [
      { name: 'proposal', description: '', required: true },
      { name: 'models', description: '' },
      { name: 'stance', description: '' },
      { name: 'files', description: '' },
    ],
  };

  it('turns "model:stance" lists into consensus models, with the default stance', () => {
    expect(
      toolArguments(consensus, {
        proposal: 'Use SQLite',
        models: 'kimi-k2:for, glm-4.5',
        stance: 'against',
        files: '/a/b.ts',
      }),
    ).toEqual({
      proposal: 'Use SQLite',
      models: [
        { model: 'kimi-k2', stance: 'for' },
        { model: 'glm-4.5', stance: 'against' },
      ],
      relevant_files: ['/a/b.ts'],
    });
  });

  it('tells the agent how to drive a step-wise tool', () => {
    const text = promptMessage(consensus, { proposal: 'Use SQLite' });
    expect(text).toContain('step_number 1');
    expect(text).toContain('next_call');
  });
});
