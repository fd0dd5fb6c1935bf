import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDaemon, tempDataDir, text } from '../helpers/daemon.ts';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

describe('reasoning is kept apart from the answer', () => {
  it('kimi-thinking-preview: reasoning shows in progress and, when asked, in structuredContent.reasoning; never in the text', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    rig.kimi.script(
      { kind: 'reply', reasoning: 'Let me weigh both options carefully.', text: 'Option B.' },
      { kind: 'reply', reasoning: 'Quiet thoughts.', text: 'Again B.' },
    );
    const progress: string[] = [];
    const asked = (await rig.client.callTool(
      {
        name: 'chat',
        arguments: { prompt: 'A or B?', model: 'kimi-thinking-preview', include_reasoning: true },
      },
      undefined,
      { onprogress: (p) => progress.push(p.message ?? '') },
    )) as CallToolResult;
    expect(asked.content[0]).toEqual({ type: 'text', text: 'Option B.' });
    expect(asked.structuredContent).toMatchObject({
      content: 'Option B.',
      reasoning: 'Let me weigh both options carefully.',
    });
    expect(
      progress.some(
        (m) => m.includes('kimi-thinking-preview thinking') && m.includes('weigh both options'),
      ),
    ).toBe(true);

    const notAsked = await rig.call('chat', {
      prompt: 'A or B, again?',
      model: 'kimi-thinking-preview',
    });
    expect(text(notAsked)).not.toContain('Quiet thoughts');
    expect(notAsked.structuredContent).not.toHaveProperty('reasoning');
    expect(notAsked._meta).toMatchObject({ reasoning_omitted_chars: 'Quiet thoughts.'.length });
  });

  it("GLM's streamed reasoning is returned apart too", async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    rig.glm.script({ kind: 'reply', reasoning: 'glm thinks', text: 'glm answers' });
    const result = await rig.call('chat', {
      prompt: 'q',
      model: 'glm-4.5',
      thinking_mode: 'high',
      include_reasoning: true,
    });
    expect(result.content[0]).toEqual({ type: 'text', text: 'glm answers' });
    expect(result.structuredContent).toMatchObject({ reasoning: 'glm thinks' });
    expect(rig.glm.chatRequests[0]!.body).toMatchObject({ thinking: { type: 'enabled' } });
  });
});

describe('Kimi context cache headers', () => {
  it('sends an Idempotency-Key per call and, on a continued thread, the cache token Kimi returned; cache hits show in _meta', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    rig.kimi.chatHeaders = { 'Msh-Context-Cache-Token-Saved': '4700' };
    const first = await rig.call('chat', { prompt: 'one', model: 'kimi-k2' });
    const id = (first.structuredContent as { continuation_id: string }).continuation_id;
    expect(first._meta).toMatchObject({
      kimi_cache: { token_sent: false, tokens_saved: 4700, hit: true },
    });
    const second = await rig.call('chat', { prompt: 'two', model: 'kimi-k2', continuation_id: id });
    expect(second._meta).toMatchObject({
      kimi_cache: { token_sent: true, tokens_saved: 4700, hit: true },
    });
    const [a, b] = rig.kimi.chatRequests;
    expect(a!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(b!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(b!.headers['idempotency-key']).not.toBe(a!.headers['idempotency-key']);
    expect(a!.headers['msh-context-cache-token']).toBeUndefined();
    expect(b!.headers['msh-context-cache-token']).toBe('4700');
  });

  it('GLM requests carry none of them', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    await rig.call('chat', { prompt: 'one', model: 'glm-4.5' });
    expect(rig.glm.chatRequests[0]!.headers['idempotency-key']).toBeUndefined();
  });
});

describe("the original's callers", () => {
  it('chat accepts stream and kimi_thinking: kimi_thinking picks the thinking model for auto, stream is noted as ignored', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const result = await rig.call('chat', {
      prompt: 'think',
      stream: true,
      kimi_thinking: 'enabled',
    });
    expect(result.isError).toBeFalsy();
    expect(rig.kimi.chatRequests[0]!.model).toBe('kimi-thinking-preview');
    expect(result._meta).toMatchObject({
      ignored_args: { stream: expect.stringContaining('always streams') },
    });
    const named = await rig.call('chat', { prompt: 'x', model: 'glm-4.5', kimi_thinking: true });
    expect(named._meta).toMatchObject({
      ignored_args: { kimi_thinking: expect.stringContaining('glm-4.5') },
    });
    expect(rig.glm.chatRequests[0]!.model).toBe('glm-4.5');
  });

  it('version and listmodels accept model; status accepts tail_lines, include_tools, doctor and probe; unknown arguments stay an error', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const version = await rig.call('version', { model: 'kimi-k2' });
    expect(version.isError).toBeFalsy();
    expect(version._meta).toMatchObject({ ignored_args: { model: expect.any(String) } });
    const models = await rig.call('listmodels', { model: 'auto' });
    expect(models.isError).toBeFalsy();
    const status = await rig.call('status', {
      tail_lines: 50,
      include_tools: true,
      doctor: true,
      probe: false,
    });
    expect(status.isError).toBeFalsy();
    expect((status.structuredContent as { tools: string[] }).tools).toContain('smart_file_query');
    expect((status.structuredContent as { tools: string[] }).tools).not.toContain('activity');
    expect(Object.keys((status._meta as { ignored_args: object }).ignored_args).sort()).toEqual([
      'doctor',
      'probe',
      'tail_lines',
    ]);
    const unknown = await rig.call('status', { verbose: true });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toMatch(/verbose/);
  });
});

describe('images and locale', () => {
  it('an image over 2 MiB but under 20 MB goes to the vision model', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const dir = tempDataDir();
    const png = join(dir, 'big.png');
    // A real PNG's signature, then 3 MiB: the reader sends only what starts like an image.
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    writeFileSync(png, Buffer.concat([signature, Buffer.alloc(3 * 1024 * 1024, 1)]));
    const result = await rig.call('chat', { prompt: 'describe', images: [png], model: 'kimi-k2' });
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(rig.kimi.chatRequests[0]!.messages)).toContain('data:image/png;base64,');
  });

  it('LOCALE asks the model to answer in that language', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true, env: { LOCALE: 'fr-FR' } });
    await rig.call('chat', { prompt: 'bonjour', model: 'glm-4.5' });
    expect(String(rig.glm.chatRequests[0]!.messages[0]!.content)).toContain('locale fr-FR');
  });
});
