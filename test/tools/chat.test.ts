import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startDaemon, tempDataDir, text } from '../helpers/daemon.ts';

const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('chat through a real MCP client', () => {
  it('answers with metadata naming the model, and streamed progress arrives before the result', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const words = Array.from({ length: 24 }, (_, i) => `w${i} `);
    rig.kimi.script({
      kind: 'reply',
      chunks: words,
      tokenDelayMs: 40,
      usage: { prompt_tokens: 50, completion_tokens: 24, total_tokens: 74 },
    });
    const events: string[] = [];
    const progress: Array<{ progress: number; message?: string }> = [];
    const result = (await rig.client.callTool(
      { name: 'chat', arguments: { prompt: 'Say words', model: 'kimi-k2' } },
      undefined,
      {
        onprogress: (p) => {
          events.push('progress');
          progress.push(p);
        },
      },
    )) as CallToolResult;
    events.push('result');
    expect(result.isError).toBeFalsy();
    expect(result.content[0]).toEqual({ type: 'text', text: words.join('') });
    expect(result._meta).toMatchObject({
      provider: 'kimi',
      model: 'kimi-k2-0905-preview',
      usage: { prompt_tokens: 50, completion_tokens: 24, total_tokens: 74, estimated: false },
    });
    expect(result.structuredContent).toMatchObject({
      status: 'continuation_available',
      model: 'kimi-k2-0905-preview',
      provider: 'kimi',
    });
    expect(rig.kimi.chatRequests[0]?.model).toBe('kimi-k2-0905-preview');
    expect(rig.glm.chatRequests).toHaveLength(0);
    // ~1 s of streaming at most four a second: a few, not one per token.
    const tokenProgress = progress.filter((p) => / tokens from /.test(p.message ?? ''));
    expect(tokenProgress.length).toBeGreaterThanOrEqual(2);
    expect(tokenProgress.length).toBeLessThan(words.length / 2);
    for (const p of tokenProgress)
      expect(p.message).toMatch(/^\d+ tokens from kimi-k2-0905-preview$/);
    expect(events.at(-1)).toBe('result');
    expect(events[0]).toBe('progress');
    const counts = progress.map((p) => p.progress);
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
  });

  it('cancelling the call aborts the upstream request', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    rig.glm.script({ kind: 'hang', tokens: ['thinking… '] });
    const controller = new AbortController();
    const call = rig.client.callTool(
      { name: 'chat', arguments: { prompt: 'hang please', model: 'glm-4.5' } },
      undefined,
      { signal: controller.signal },
    );
    await rig.glm.waitFor((f) => f.chatRequests.length === 1);
    controller.abort('user pressed stop');
    await expect(call).rejects.toThrow();
    // How fast is measured by `npm run bench`; here only that it happens.
    await rig.glm.waitFor((f) => f.chatRequests[0]!.aborted, 5000);
  });

  it('a malformed SSE stream is a clear error', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    rig.kimi.script({ kind: 'malformed' });
    const result = await rig.call('chat', { prompt: 'hi', model: 'kimi-latest' });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/UPSTREAM_ERROR: Kimi sent a malformed stream/);
  });

  it('a missing key names the app setting and the environment variable', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true, keys: ['kimi'] });
    const explicit = await rig.call('chat', { prompt: 'hi', model: 'glm-4.5' });
    expect(explicit.isError).toBe(true);
    expect(text(explicit)).toContain(
      'GLM is not configured: add an API key in Settings → Providers, or set GLM_API_KEY',
    );
    // auto only considers configured providers: the speed model is GLM's, so Kimi answers.
    const auto = await rig.call('chat', { prompt: 'hi' });
    expect(auto._meta).toMatchObject({ provider: 'kimi' });
    expect(rig.glm.chatRequests).toHaveLength(0);
  });

  it('with no provider configured, auto says how to configure one', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true, keys: [] });
    const result = await rig.call('chat', { prompt: 'hi' });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(
      /NOT_CONFIGURED: No provider is configured.*KIMI_API_KEY.*GLM_API_KEY/,
    );
  });

  it('an unknown model is an error listing the known ones', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const result = await rig.call('chat', { prompt: 'hi', model: 'gpt-17' });
    expect(text(result)).toMatch(
      /INVALID_ARGUMENTS: Unknown model "gpt-17". Known models: kimi-k2-0905-preview, .*glm-4.5-flash/,
    );
  });

  it('resolves case-insensitively and by alias, and auto prefers Kimi for a mostly-CJK prompt', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    expect((await rig.call('chat', { prompt: 'hi', model: 'GLM-4.5-AIR' }))._meta).toMatchObject({
      model: 'glm-4.5-air',
    });
    expect((await rig.call('chat', { prompt: 'hi', model: 'glm-flash' }))._meta).toMatchObject({
      model: 'glm-4.5-flash',
    });
    expect((await rig.call('chat', { prompt: 'hello there' }))._meta).toMatchObject({
      provider: 'glm',
      model: 'glm-4.5-flash',
    });
    expect(
      (await rig.call('chat', { prompt: '请解释一下这段代码的作用，以及它为什么会失败。' }))._meta,
    ).toMatchObject({ provider: 'kimi' });
  });

  it("runs Kimi's web search tool loop and sends GLM its web_search tool", async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    rig.kimi.script(
      { kind: 'reply', toolCalls: [{ name: '$web_search', arguments: '{"query":"node 24"}' }] },
      { kind: 'reply', text: 'Node 24 is current.' },
    );
    const kimi = await rig.call('chat', {
      prompt: 'What is new?',
      model: 'kimi-k2',
      use_websearch: true,
    });
    expect(kimi.content[0]).toEqual({ type: 'text', text: 'Node 24 is current.' });
    expect(kimi._meta).toMatchObject({ web_search_rounds: 1 });
    expect(rig.kimi.chatRequests[1]?.messages.at(-1)).toMatchObject({
      role: 'tool',
      name: '$web_search',
      content: '{"query":"node 24"}',
    });
    await rig.call('chat', {
      prompt: 'What is new?',
      model: 'glm-4.6',
      use_websearch: true,
      thinking_mode: 'high',
    });
    expect(rig.glm.chatRequests[0]?.tools).toEqual([
      { type: 'web_search', web_search: { enable: true, search_result: true } },
    ]);
    expect(rig.glm.chatRequests[0]?.body?.thinking).toEqual({ type: 'enabled' });
  });

  it('embeds text files, and gives each of the four bad-file cases its own error', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_FILE_SIZE_CAP: '2048', EXAI_ALLOWED_ROOTS: tmpdir() },
    });
    const dir = tempDataDir();
    const good = join(dir, 'notes.md');
    writeFileSync(good, '# Notes\nThe answer is 42.\n');
    const binary = join(dir, 'blob.bin');
    writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]));
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'x'.repeat(4096));
    mkdirSync(join(dir, 'folder'));

    const ok = await rig.call('chat', { prompt: 'Read this', files: [good], model: 'glm-4.5' });
    expect(ok.isError).toBeFalsy();
    const sent = JSON.stringify(rig.glm.chatRequests[0]?.messages);
    expect(sent).toContain(`--- BEGIN FILE: ${good} ---`);
    expect(sent).toContain('The answer is 42.');

    const cases: Array<[string, RegExp]> = [
      [join(dir, 'missing.txt'), /files: .*missing\.txt does not exist/],
      [join(dir, 'folder'), /files: .*folder is a directory/],
      [binary, /files: .*blob\.bin is a binary file, not text/],
      [
        big,
        /files: .*big\.txt is 4\.0 KB, over the 2\.0 KB file size cap \(setting fileSizeCapBytes\)/,
      ],
    ];
    for (const [path, message] of cases) {
      const result = await rig.call('chat', {
        prompt: 'Read this',
        files: [path],
        model: 'glm-4.5',
      });
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(/^INVALID_ARGUMENTS: /);
      expect(text(result)).toMatch(message);
    }
    expect(rig.glm.chatRequests).toHaveLength(1);
  });

  it('sends images only to vision models', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      env: { EXAI_ALLOWED_ROOTS: tmpdir() },
    });
    const dir = tempDataDir();
    const png = join(dir, 'dot.png');
    writeFileSync(png, Buffer.from(PNG_1PX, 'base64'));
    const refused = await rig.call('chat', {
      prompt: 'What is this?',
      images: [png],
      model: 'moonshot-v1-8k',
    });
    expect(text(refused)).toMatch(/INVALID_ARGUMENTS: moonshot-v1-8k does not support images/);
    const ok = await rig.call('chat', {
      prompt: 'What is this?',
      images: [png, `data:image/png;base64,${PNG_1PX}`],
      model: 'moonshot-v1-8k-vision-preview',
    });
    expect(ok.isError).toBeFalsy();
    const content = rig.kimi.chatRequests[0]?.messages.at(-1)?.content as Array<{
      type: string;
      image_url?: { url: string };
    }>;
    expect(content.map((p) => p.type)).toEqual(['text', 'image_url', 'image_url']);
    expect(content[1]?.image_url?.url).toBe(`data:image/png;base64,${PNG_1PX}`);
  });
});
