import { describe, expect, it } from 'vitest';
import { ProviderCallError } from '../../daemon/providers/provider-error.ts';
import { GLM_KEY, KIMI_KEY, startRig } from './setup.ts';

const ask = [{ role: 'user' as const, content: 'hello' }];

async function failure(p: Promise<unknown>): Promise<ProviderCallError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderCallError);
  return error as ProviderCallError;
}

describe('OpenAICompatibleProvider against the fake server', () => {
  it('streams an answer, sends the key and model, and reports usage and token counts', async () => {
    const rig = await startRig();
    rig.kimi.script({
      kind: 'reply',
      text: 'one two three four',
      usage: { prompt_tokens: 7, completion_tokens: 4, total_tokens: 11 },
    });
    const counts: number[] = [];
    const answer = await rig.services.providers
      .get('kimi')
      .chat(
        { model: 'kimi-k2-0905-preview', messages: ask },
        { signal: new AbortController().signal, timeoutMs: 5000, onToken: (n) => counts.push(n) },
      );
    expect(answer.text).toBe('one two three four');
    expect(answer.usage).toEqual({ promptTokens: 7, completionTokens: 4, totalTokens: 11 });
    expect(counts).toEqual([1, 2, 3, 4]);
    const [req] = rig.kimi.chatRequests;
    expect(req?.model).toBe('kimi-k2-0905-preview');
    expect(req?.stream).toBe(true);
    expect(req?.headers.authorization).toBe(`Bearer ${KIMI_KEY}`);
    expect(req?.messages).toEqual(ask);
  });

  it('aborting the signal closes the upstream socket', async () => {
    const rig = await startRig();
    rig.kimi.script({ kind: 'hang', tokens: ['partial '] });
    const controller = new AbortController();
    const call = rig.services.providers
      .get('kimi')
      .chat(
        { model: 'kimi-latest', messages: ask },
        { signal: controller.signal, timeoutMs: 30_000 },
      );
    await rig.kimi.waitFor((f) => f.chatRequests.length === 1);
    controller.abort();
    const error = await failure(call);
    expect(error.kind).toBe('cancelled');
    await rig.kimi.waitFor((f) => f.chatRequests[0]!.aborted);
  });

  it('a hang past the attempt timeout is a timeout, and the request is aborted', async () => {
    const rig = await startRig();
    rig.glm.script({ kind: 'hang' });
    const error = await failure(
      rig.services.providers
        .get('glm')
        .chat(
          { model: 'glm-4.5', messages: ask },
          { signal: new AbortController().signal, timeoutMs: 300 },
        ),
    );
    expect(error.kind).toBe('timeout');
    expect(error.retryable).toBe(true);
    await rig.glm.waitFor((f) => f.chatRequests[0]!.aborted);
  });

  it('classifies malformed SSE, a reset connection, 500 and 429 with Retry-After', async () => {
    const rig = await startRig();
    const glm = rig.services.providers.get('glm');
    const opts = { signal: new AbortController().signal, timeoutMs: 5000 };
    rig.glm.script(
      { kind: 'malformed' },
      { kind: 'reset', tokens: ['a '] },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 429, retryAfterS: 2 },
    );
    const malformed = await failure(glm.chat({ model: 'glm-4.5', messages: ask }, opts));
    expect(malformed.kind).toBe('malformed');
    expect(malformed.message).toMatch(/GLM sent a malformed stream/);
    expect((await failure(glm.chat({ model: 'glm-4.5', messages: ask }, opts))).kind).toBe(
      'connection',
    );
    const server = await failure(glm.chat({ model: 'glm-4.5', messages: ask }, opts));
    expect([server.kind, server.status]).toEqual(['server', 500]);
    const limited = await failure(glm.chat({ model: 'glm-4.5', messages: ask }, opts));
    expect([limited.kind, limited.retryAfterMs]).toEqual(['rate-limited', 2000]);
  });

  it('a rejected key gives an error naming the setting and never repeats the key', async () => {
    const rig = await startRig();
    rig.kimi.apiKey = 'sk-the-key-the-server-wants-000';
    const error = await failure(
      rig.services.providers
        .get('kimi')
        .chat(
          { model: 'kimi-latest', messages: ask },
          { signal: new AbortController().signal, timeoutMs: 5000 },
        ),
    );
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/Kimi rejected the API key \(401\)/);
    expect(error.message).toMatch(/Settings → Providers or KIMI_API_KEY/);
    // The fake echoes the key it was sent, as some providers do.
    expect(error.message).not.toContain(KIMI_KEY);
  });

  it('a new key applies to the next call while a running call keeps the old one', async () => {
    const rig = await startRig();
    rig.kimi.apiKey = undefined;
    rig.kimi.script(
      { kind: 'reply', text: 'slow answer here', tokenDelayMs: 100 },
      { kind: 'reply', text: 'fast' },
    );
    const kimi = rig.services.providers.get('kimi');
    const opts = { signal: new AbortController().signal, timeoutMs: 5000 };
    const first = kimi.chat({ model: 'kimi-latest', messages: ask }, opts);
    await rig.kimi.waitFor((f) => f.chatRequests.length === 1);
    rig.services.providers.configure('kimi', { apiKey: 'sk-rotated-key-1111111111' });
    const second = await kimi.chat({ model: 'kimi-latest', messages: ask }, opts);
    expect((await first).text).toBe('slow answer here');
    expect(second.text).toBe('fast');
    expect(rig.kimi.chatRequests.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${KIMI_KEY}`,
      'Bearer sk-rotated-key-1111111111',
    ]);
  });

  it('a removed key makes the provider "not configured", naming the app setting and the variable', async () => {
    const rig = await startRig();
    rig.services.providers.configure('glm', { apiKey: null });
    expect(rig.services.providers.isConfigured('glm')).toBe(false);
    const error = await failure(
      rig.services.providers
        .get('glm')
        .chat(
          { model: 'glm-4.5', messages: ask },
          { signal: new AbortController().signal, timeoutMs: 5000 },
        ),
    );
    expect(error.kind).toBe('not-configured');
    expect(error.message).toBe(
      'GLM is not configured: add an API key in Settings → Providers, or set GLM_API_KEY',
    );
    expect(rig.glm.requests).toHaveLength(0);
  });

  it("runs Kimi's $web_search tool loop, echoing the call's arguments back as the tool result", async () => {
    const rig = await startRig();
    const args = '{"search_result":{"search_id":"s-1"},"usage":{"total_tokens":120}}';
    rig.kimi.script(
      {
        kind: 'reply',
        toolCalls: [{ id: 'call-1', name: '$web_search', arguments: args }],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      },
      {
        kind: 'reply',
        text: 'Found it.',
        usage: { prompt_tokens: 130, completion_tokens: 3, total_tokens: 133 },
      },
    );
    const answer = await rig.services.providers
      .get('kimi')
      .chat(
        { model: 'kimi-k2-0905-preview', messages: ask, webSearch: true },
        { signal: new AbortController().signal, timeoutMs: 5000 },
      );
    expect(answer.text).toBe('Found it.');
    expect(answer.toolRounds).toBe(1);
    expect(answer.usage?.totalTokens).toBe(148);
    const [first, second] = rig.kimi.chatRequests;
    expect(first?.tools).toEqual([{ type: 'builtin_function', function: { name: '$web_search' } }]);
    expect(second?.messages.at(-2)).toMatchObject({
      role: 'assistant',
      tool_calls: [{ id: 'call-1', function: { name: '$web_search', arguments: args } }],
    });
    expect(second?.messages.at(-1)).toEqual({
      role: 'tool',
      tool_call_id: 'call-1',
      name: '$web_search',
      content: args,
    });
  });

  it('GLM gets its web_search tool and a thinking parameter; Kimi gets no thinking parameter', async () => {
    const rig = await startRig();
    const opts = { signal: new AbortController().signal, timeoutMs: 5000 };
    await rig.services.providers.get('glm').chat(
      {
        model: 'glm-4.6',
        messages: ask,
        webSearch: true,
        thinkingMode: 'high',
        modelThinks: true,
      },
      opts,
    );
    await rig.services.providers
      .get('glm')
      .chat({ model: 'glm-4.6', messages: ask, thinkingMode: 'minimal', modelThinks: true }, opts);
    await rig.services.providers
      .get('kimi')
      .chat(
        { model: 'kimi-latest', messages: ask, thinkingMode: 'high', modelThinks: false },
        opts,
      );
    const [search, minimal] = rig.glm.chatRequests;
    expect(search?.tools).toEqual([
      { type: 'web_search', web_search: { enable: true, search_result: true } },
    ]);
    expect(search?.body?.thinking).toEqual({ type: 'enabled' });
    expect(minimal?.body?.thinking).toEqual({ type: 'disabled' });
    expect(rig.kimi.chatRequests[0]?.body).not.toHaveProperty('thinking');
    expect(rig.glm.chatRequests[0]?.headers.authorization).toBe(`Bearer ${GLM_KEY}`);
  });
});

describe('FakeProvider Files API', () => {
  it('accepts an upload through the openai client and returns its extracted text', async () => {
    const { default: OpenAI, toFile } = await import('openai');
    const rig = await startRig();
    const client = new OpenAI({ apiKey: KIMI_KEY, baseURL: rig.kimi.baseUrl, maxRetries: 0 });
    const file = await client.files.create({
      file: await toFile(Buffer.from('hello from a file'), 'notes.txt'),
      purpose: 'file-extract' as 'assistants',
    });
    expect(file).toMatchObject({ filename: 'notes.txt', purpose: 'file-extract' });
    const content = await (await client.files.content(file.id)).json();
    expect(content).toMatchObject({ content: 'hello from a file', filename: 'notes.txt' });
    expect(rig.kimi.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /files',
      `GET /files/${file.id}/content`,
    ]);
  });
});
