import { describe, expect, it } from 'vitest';
import { visibleTools } from '../../daemon/tools/visible-tools.ts';
import { ToolRegistry } from '../../daemon/tools/registry.ts';
import { defaultTools } from '../../daemon/all-tools.ts';
import { startDaemon, text, type FakeBackedDaemon } from '../helpers/daemon.ts';

async function listed(rig: FakeBackedDaemon): Promise<string[]> {
  return (await rig.client.listTools()).tools.map((t) => t.name).sort();
}

describe('TOOL_PROFILE, ENABLED_TOOLS and DISABLED_TOOLS', () => {
  it('standard (the default) hides diagnostics and raw provider tools, and refuses their calls naming the profile', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const names = await listed(rig);
    const hidden = ['activity', 'kimi_chat_with_tools', 'provider_capabilities'];
    expect(names).toEqual(
      defaultTools()
        .map((t) => t.name)
        .filter((n) => !hidden.includes(n))
        .sort(),
    );
    // Spelled out: the file and search provider tools are in, every simple and workflow tool too.
    for (const name of [
      'glm_web_search',
      'kimi_upload_and_extract',
      'smart_file_query',
      'chat',
      'status',
      'codereview',
    ])
      expect(names).toContain(name);
    const refused = await rig.call('activity', {});
    expect(refused.isError).toBe(true);
    expect(text(refused)).toBe(
      'TOOL_NOT_FOUND: activity is not part of the "standard" tool profile; set TOOL_PROFILE=full or add it to ENABLED_TOOLS',
    );
  });

  it('core shows the core set; ENABLED_TOOLS adds to it and DISABLED_TOOLS takes away, also from calls', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: {
        TOOL_PROFILE: 'CORE',
        ENABLED_TOOLS: 'activity,glm_web_search',
        DISABLED_TOOLS: 'chat',
      },
    });
    expect(await listed(rig)).toEqual([
      'activity',
      'analyze',
      'challenge',
      'codereview',
      'consensus',
      'debug',
      'glm_web_search',
      'listmodels',
      'planner',
      'thinkdeep',
      'version',
    ]);
    const chat = await rig.call('chat', { prompt: 'hi' });
    expect(text(chat)).toMatch(/^TOOL_NOT_FOUND: chat is turned off by DISABLED_TOOLS/);
    expect(rig.kimi.chatRequests.length + rig.glm.chatRequests.length).toBe(0);
    expect((await rig.call('activity', {})).isError).toBeFalsy();
  });

  it('full shows every tool', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { TOOL_PROFILE: 'full' },
    });
    expect(await listed(rig)).toEqual(
      defaultTools()
        .map((t) => t.name)
        .sort(),
    );
  });

  it('visibleTools is one pure function of the registry and the settings', () => {
    const registry = new ToolRegistry(defaultTools());
    const names = (config: Parameters<typeof visibleTools>[1]) =>
      visibleTools(registry, config).map((t) => t.name);
    expect(names({ toolProfile: 'standard' })).not.toContain('kimi_chat_with_tools');
    expect(names({ toolProfile: 'standard', enabledTools: ['kimi_chat_with_tools'] })).toContain(
      'kimi_chat_with_tools',
    );
    expect(
      names({ toolProfile: 'full', enabledTools: ['chat'], disabledTools: ['chat'] }),
    ).not.toContain('chat');
    expect(names({})).toEqual(names({ toolProfile: 'standard' }));
  });
});

describe('allowed models and defaults', () => {
  it('GLM_ALLOWED_MODELS changes auto routing and what listmodels shows; a model outside it is refused', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      keys: ['glm'],
      env: { GLM_ALLOWED_MODELS: 'glm-4.5,glm-4-6' },
    });
    const ok = await rig.call('chat', { prompt: 'route me' });
    expect(ok.isError).toBeFalsy();
    // The speed model is glm-4.5-flash, which the list excludes.
    expect(rig.glm.chatRequests[0]!.model).toBe('glm-4.6');
    const refused = await rig.call('chat', { prompt: 'x', model: 'glm-4.5-flash' });
    expect(text(refused)).toBe(
      'INVALID_ARGUMENTS: glm-4.5-flash is not allowed here: GLM_ALLOWED_MODELS allows only glm-4.5, glm-4-6',
    );
    const models = await rig.call('listmodels', {});
    const glm = (
      models.structuredContent as {
        providers: Array<{ id: string; models: Array<{ name: string }> }>;
      }
    ).providers.find((p) => p.id === 'glm')!;
    expect(glm.models.map((m) => m.name)).toEqual(['glm-4.6', 'glm-4.5']);
  });

  it('max_tokens goes on every chat request: the catalog value, or the one the user set', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { GLM_MAX_OUTPUT_TOKENS: '777' },
    });
    await rig.call('chat', { prompt: 'a', model: 'kimi-k2' });
    await rig.call('chat', { prompt: 'b', model: 'glm-4.5' });
    expect(rig.kimi.chatRequests[0]!.body).toMatchObject({ max_tokens: 8192 });
    expect(rig.glm.chatRequests[0]!.body).toMatchObject({ max_tokens: 777 });
  });

  it('ZAI_API_KEY configures GLM like GLM_API_KEY', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      keys: ['kimi'],
      env: { ZAI_API_KEY: 'glm-e2e-secret-fedcba9876543210.zz' },
    });
    const result = await rig.call('chat', { prompt: 'x', model: 'glm-4.5' });
    expect(result.isError).toBeFalsy();
    expect(rig.glm.chatRequests).toHaveLength(1);
  });
});

describe('diagnostic tools', () => {
  it('activity lists the last calls with model, tokens and outcome, never the prompt', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { TOOL_PROFILE: 'full' },
    });
    rig.kimi.script({
      kind: 'reply',
      text: 'answer',
      usage: { prompt_tokens: 11, completion_tokens: 2, total_tokens: 13 },
    });
    await rig.call('chat', { prompt: 'my secret plans', model: 'kimi-k2' });
    await rig.call('chat', { prompt: 'x', model: 'no-such-model' });
    const result = await rig.call('activity', { limit: 5 });
    const calls = (result.structuredContent as { calls: Array<Record<string, unknown>> }).calls;
    expect(calls[0]).toMatchObject({
      tool: 'chat',
      outcome: 'invalid_arguments',
      transport: 'mcp-ws',
      mine: true,
    });
    // Another client's calls show, but not its session id (a legacy id would let one resume it).
    const other = await rig.connect('other');
    await rig.call('version', {}, other);
    const seen = (await rig.call('activity', { limit: 1 })).structuredContent as {
      calls: Array<{ tool: string; session: string; mine: boolean }>;
    };
    expect(seen.calls[0]).toMatchObject({ tool: 'version', mine: false });
    expect(seen.calls[0]!.session).toMatch(/^[0-9a-f]{12}$/);
    expect(calls[1]).toMatchObject({
      tool: 'chat',
      outcome: 'ok',
      provider: 'kimi',
      model: 'kimi-k2-0905-preview',
      tokens: { prompt: 11, completion: 2, total: 13 },
    });
    expect(typeof calls[1]!.duration_ms).toBe('number');
    expect(JSON.stringify(result)).not.toContain('my secret plans');
  });

  it('provider_capabilities shows each model with what it supports and the corrected catalog', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { TOOL_PROFILE: 'full' },
    });
    const result = await rig.call('provider_capabilities', {});
    const providers = (
      result.structuredContent as {
        providers: Array<{ id: string; models: Array<Record<string, unknown>> }>;
      }
    ).providers;
    const kimi = providers.find((p) => p.id === 'kimi')!;
    expect(kimi.models.find((m) => m.name === 'kimi-k2-0905-preview')).toMatchObject({
      context_window: 262144,
      vision: true,
      tools: true,
      files: true,
    });
    expect(kimi.models.find((m) => m.name === 'kimi-k2-0711-preview')).toMatchObject({
      vision: false,
    });
    expect(kimi.models.find((m) => m.name === 'kimi-thinking-preview')).toMatchObject({
      thinking: true,
    });
    const glm = providers.find((p) => p.id === 'glm')!;
    expect(glm.models.find((m) => m.name === 'glm-4.5v')).toMatchObject({ vision: true });
    expect(text(result)).toContain('glm_web_search');
  });
});

describe('allowed models in completions', () => {
  it('model completions offer only the allowed models', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { KIMI_ALLOWED_MODELS: 'kimi-k2-turbo-preview' },
    });
    const { completion } = await rig.client.complete({
      ref: { type: 'ref/prompt', name: 'chat' },
      argument: { name: 'model', value: 'kimi' },
    });
    expect(completion.values.sort()).toEqual(['kimi-k2-turbo', 'kimi-k2-turbo-preview']);
  });
});
