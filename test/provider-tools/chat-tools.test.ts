import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDaemon, tempDataDir, text } from '../helpers/daemon.ts';

describe('kimi_multi_file_chat and smart_file_query', () => {
  it('sends the extracted texts as system messages, answers like chat and continues the thread', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const dir = tempDataDir();
    writeFileSync(join(dir, 'spec.txt'), 'The launch date is 12 March.');
    rig.kimi.script(
      { kind: 'reply', text: 'It launches on 12 March.' },
      { kind: 'reply', text: 'Yes, March.' },
    );
    const first = await rig.call('kimi_multi_file_chat', {
      files: [join(dir, 'spec.txt')],
      prompt: 'When is the launch?',
    });
    expect(first.isError).toBeFalsy();
    expect(first.content[0]).toEqual({ type: 'text', text: 'It launches on 12 March.' });
    expect(first.structuredContent).toMatchObject({
      status: 'continuation_available',
      provider: 'kimi',
      model: 'kimi-k2-0905-preview',
    });
    const request = rig.kimi.chatRequests[0]!;
    const systems = request.messages
      .filter((m) => m.role === 'system')
      .map((m) => String(m.content));
    expect(systems).toHaveLength(2);
    expect(systems[1]).toBe(`File ${join(dir, 'spec.txt')}:\nThe launch date is 12 March.`);
    expect(request.messages.at(-1)).toEqual({ role: 'user', content: 'When is the launch?' });

    const id = (first.structuredContent as { continuation_id: string }).continuation_id;
    const second = await rig.call('smart_file_query', {
      file_path: join(dir, 'spec.txt'),
      question: 'Which month?',
      continuation_id: id,
    });
    expect(second.content[0]).toEqual({ type: 'text', text: 'Yes, March.' });
    const replay = rig.kimi.chatRequests[1]!.messages.map((m) => String(m.content));
    expect(replay.some((m) => m.includes('It launches on 12 March.'))).toBe(true);
    // The same content was not uploaded a second time.
    expect(
      rig.kimi.requests.filter((r) => r.method === 'POST' && r.path === '/files'),
    ).toHaveLength(1);
  });

  it('needs a file and a question, and uses KIMI_DEFAULT_MODEL when no model is named', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { KIMI_DEFAULT_MODEL: 'kimi-k2-turbo' },
    });
    const dir = tempDataDir();
    writeFileSync(join(dir, 'f.txt'), 'text');
    const noFile = await rig.call('smart_file_query', { question: 'what?' });
    expect(text(noFile)).toMatch(
      /INVALID_ARGUMENTS: smart_file_query needs files \(or file_path\)/,
    );
    const noQuestion = await rig.call('smart_file_query', { file_path: join(dir, 'f.txt') });
    expect(text(noQuestion)).toMatch(
      /INVALID_ARGUMENTS: smart_file_query needs prompt \(or question\)/,
    );
    const ok = await rig.call('smart_file_query', {
      file_path: join(dir, 'f.txt'),
      question: 'what?',
    });
    expect(ok.isError).toBeFalsy();
    expect(rig.kimi.chatRequests[0]!.model).toBe('kimi-k2-turbo-preview');
  });
});

describe('kimi_chat_with_tools', () => {
  it("returns the assistant's tool_calls unchanged and sends the caller's tools plus $web_search", async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { TOOL_PROFILE: 'full', KIMI_MAX_OUTPUT_TOKENS: '1234' },
    });
    rig.kimi.script({
      kind: 'reply',
      toolCalls: [{ id: 'call_7', name: 'get_weather', arguments: '{"city":"Paris"}' }],
    });
    const weather = {
      type: 'function',
      function: {
        name: 'get_weather',
        parameters: { type: 'object', properties: { city: { type: 'string' } } },
      },
    };
    const result = await rig.call('kimi_chat_with_tools', {
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weather],
      tool_choice: 'auto',
      use_websearch: true,
      temperature: 0.2,
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        role: 'assistant',
        tool_calls: [
          {
            id: 'call_7',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
    });
    expect(text(result)).toContain('get_weather');
    const sent = rig.kimi.chatRequests[0]!;
    expect(sent.stream).toBe(false);
    expect(sent.tools).toEqual([
      weather,
      { type: 'builtin_function', function: { name: '$web_search' } },
    ]);
    expect(sent.body).toMatchObject({
      tool_choice: 'auto',
      temperature: 0.2,
      max_tokens: 1234,
      model: 'kimi-k2-0905-preview',
    });
  });

  it('refuses a GLM model', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { TOOL_PROFILE: 'full' },
    });
    const result = await rig.call('kimi_chat_with_tools', {
      messages: [{ role: 'user', content: 'x' }],
      model: 'glm-4.5',
    });
    expect(text(result)).toMatch(/INVALID_ARGUMENTS: kimi_chat_with_tools takes a Kimi model/);
  });
});

describe('GLM tools', () => {
  it('glm_web_search posts the search to /web_search and returns the results as text and structure', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    rig.glm.searchResults = [
      {
        title: 'Node 24 released',
        link: 'https://example.org/node',
        content: 'Node 24 is out.',
        media: 'Example',
        publish_date: '2026-05-06',
        icon: '',
        refer: '1',
      },
      {
        title: 'Second',
        link: 'https://example.org/2',
        content: 'More.',
        media: '',
        publish_date: '',
      },
    ];
    const result = await rig.call('glm_web_search', {
      search_query: 'node 24',
      count: 2,
      search_recency_filter: 'oneWeek',
      search_domain_filter: 'example.org',
    });
    expect(result.isError).toBeFalsy();
    const sent = rig.glm.requests.find((r) => r.path === '/web_search')!;
    expect(sent.body).toEqual({
      search_query: 'node 24',
      search_engine: 'search_std',
      count: 2,
      search_domain_filter: 'example.org',
      search_recency_filter: 'oneWeek',
    });
    expect(sent.headers.authorization).toBe('Bearer glm-e2e-secret-fedcba9876543210.zz');
    expect(result.structuredContent).toEqual({
      search_query: 'node 24',
      results: [
        {
          title: 'Node 24 released',
          link: 'https://example.org/node',
          content: 'Node 24 is out.',
          media: 'Example',
          publish_date: '2026-05-06',
        },
        {
          title: 'Second',
          link: 'https://example.org/2',
          content: 'More.',
          media: '',
          publish_date: '',
        },
      ],
    });
    expect(text(result)).toContain('1. Node 24 released\n   https://example.org/node');
    const bad = await rig.call('glm_web_search', { search_query: 'x', count: 51 });
    expect(bad.isError).toBe(true);
  });

  it('glm_upload_file uploads to GLM with purpose file-extract and returns the file object', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const dir = tempDataDir();
    writeFileSync(join(dir, 'notes.txt'), 'glm notes');
    const result = await rig.call('glm_upload_file', { file: join(dir, 'notes.txt') });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      file: { id: 'file-1', bytes: 9, filename: 'notes.txt', purpose: 'file-extract' },
    });
    expect([...rig.glm.filesApi.files.values()]).toMatchObject([
      { filename: 'notes.txt', purpose: 'file-extract', content: 'glm notes' },
    ]);
    expect(rig.kimi.requests.filter((r) => r.path.startsWith('/files'))).toHaveLength(0);
    const dirResult = await rig.call('glm_upload_file', { file: dir });
    expect(text(dirResult)).toMatch(/INVALID_ARGUMENTS: file: .* is a directory/);
  });
});

describe('provider tools under the runtime', () => {
  it('cancelling a provider tool call aborts its upstream request', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    rig.glm.hangPaths.add('/web_search');
    const controller = new AbortController();
    const call = rig.client.callTool(
      { name: 'glm_web_search', arguments: { search_query: 'slow' } },
      undefined,
      {
        signal: controller.signal,
      },
    );
    await rig.glm.waitFor((f) => f.requests.some((r) => r.path === '/web_search'));
    controller.abort();
    await expect(call).rejects.toThrow();
    await rig.glm.waitFor((f) => f.requests.find((r) => r.path === '/web_search')!.aborted);
  });

  it('a provider tool call past its deadline ends in TIMEOUT and frees its request', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_WS_CALL_TIMEOUT: '1' },
    });
    rig.glm.hangPaths.add('/web_search');
    const result = await rig.call('glm_web_search', { search_query: 'slow' });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^TIMEOUT: /);
    await rig.glm.waitFor((f) => f.requests.find((r) => r.path === '/web_search')!.aborted);
  });
});

describe('file chat within the context window', () => {
  it("refuses when the files' text cannot fit the model, before any chat request", async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const dir = tempDataDir();
    writeFileSync(join(dir, 'long.txt'), 'word '.repeat(20_000));
    const result = await rig.call('kimi_multi_file_chat', {
      files: [join(dir, 'long.txt')],
      prompt: 'summarise',
      model: 'moonshot-v1-8k',
    });
    expect(text(result)).toMatch(
      /^INVALID_ARGUMENTS: the files' text is about \d+ tokens, more than moonshot-v1-8k can take/,
    );
    expect(rig.kimi.chatRequests).toHaveLength(0);
  });
});
