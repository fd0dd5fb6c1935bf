import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../fixtures/fake-provider.ts';
import { startDaemon } from '../helpers/daemon.ts';
import { lastSent, step, tempProject } from './workflow-helpers.ts';

const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** The image parts of the request's last (user) message. */
function imageParts(request: RecordedRequest | undefined): unknown[] {
  const content = request?.messages.at(-1)?.content;
  return Array.isArray(content)
    ? content.filter((p) => (p as { type?: string }).type === 'image_url')
    : [];
}

const MODELS = [
  { model: 'kimi-k2-0905-preview', stance: 'for' },
  { model: 'glm-4.6', stance: 'against', stance_prompt: 'CUSTOM-STANCE: find every flaw' },
];

function proposal(extra: Record<string, unknown> = {}) {
  return {
    step: 'PROPOSAL: replace the Map cache with lru-cache',
    step_number: 1,
    total_steps: 1,
    next_step_required: false,
    findings: 'My view: worth it',
    models: MODELS,
    ...extra,
  };
}

describe('consensus', () => {
  it('consults every named model concurrently with its stance and the files; answers are labelled', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const root = tempProject({ 'cache.ts': 'export const cache = new Map();\n' });
    const file = join(root, 'cache.ts');
    // Each fake holds its answer until the other has been asked too: only concurrent requests pass.
    rig.kimi.script({
      kind: 'reply',
      text: '{"analysis": "Yes, do it", "key_findings": [], "recommendations": [], "confidence": "high"}',
      latencyMs: 300,
    });
    rig.glm.script({ kind: 'reply', text: 'No: another dependency.', latencyMs: 300 });
    const pause = await step(rig, 'consensus', {
      ...proposal({ relevant_files: [file] }),
      total_steps: 2,
      next_step_required: true,
    });
    expect(pause.sc.status).toBe('pause_for_consensus');
    expect(rig.kimi.chatRequests.length + rig.glm.chatRequests.length).toBe(0);

    const done = await step(rig, 'consensus', {
      step: 'Ask the models',
      step_number: 2,
      total_steps: 2,
      next_step_required: false,
      continuation_id: pause.sc.continuation_id,
    });
    expect(done.result.isError).toBeFalsy();
    expect(done.sc.status).toBe('consensus_complete');
    expect(done.sc.model_responses).toEqual([
      expect.objectContaining({
        model: 'kimi-k2-0905-preview',
        stance: 'for',
        status: 'success',
        provider: 'kimi',
        analysis: 'Yes, do it',
        format: 'json',
      }),
      expect.objectContaining({
        model: 'glm-4.6',
        stance: 'against',
        status: 'success',
        provider: 'glm',
        analysis: 'No: another dependency.',
        format: 'text',
      }),
    ]);
    const [k, g] = [rig.kimi.chatRequests[0]!, rig.glm.chatRequests[0]!];
    // Concurrent: each request arrived before the other was answered.
    expect(k.receivedAt).toBeLessThan(g.finishedAt!);
    expect(g.receivedAt).toBeLessThan(k.finishedAt!);
    expect(k.model).toBe('kimi-k2-0905-preview');
    expect(g.model).toBe('glm-4.6');
    const toKimi = lastSent(rig.kimi);
    const toGlm = lastSent(rig.glm);
    expect(toKimi).toContain('Your stance: FOR');
    expect(toGlm).toContain('CUSTOM-STANCE: find every flaw');
    expect(toGlm).not.toContain('Your stance: AGAINST');
    for (const sent of [toKimi, toGlm]) {
      expect(sent).toContain('PROPOSAL: replace the Map cache with lru-cache');
      expect(sent).toContain(`BEGIN FILE: ${file}`);
    }
  });

  it('a failing model is reported with its reason while the other answers, and is never replaced', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    rig.glm.script({ kind: 'status', status: 500, message: 'glm is down' });
    const done = await step(rig, 'consensus', proposal());
    expect(done.result.isError).toBeFalsy();
    const responses = done.sc.model_responses as Array<Record<string, unknown>>;
    expect(responses[0]).toMatchObject({ model: 'kimi-k2-0905-preview', status: 'success' });
    expect(responses[1]).toMatchObject({ model: 'glm-4.6', stance: 'against', status: 'error' });
    expect(responses[1]!.error).toMatch(/glm-4\.6 \(glm\)/);
    // No fallback: Kimi was asked once, for its own voice only.
    expect(rig.kimi.chatRequests).toHaveLength(1);
    expect(rig.glm.chatRequests).toHaveLength(1);
    expect(done.sc.complete_consensus).toMatchObject({ models_consulted: 1, models_failed: 1 });
  });

  it('is a tool error naming every model when all fail', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    rig.kimi.script({ kind: 'status', status: 500, message: 'kimi is down' });
    rig.glm.script({ kind: 'status', status: 503, message: 'glm is down' });
    const done = await step(rig, 'consensus', proposal());
    expect(done.result.isError).toBe(true);
    expect(done.text).toMatch(/kimi-k2-0905-preview \(for\)/);
    expect(done.text).toMatch(/glm-4\.6 \(against\)/);
  });

  it("the original's step-wise form consults one model per step", async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const one = await step(rig, 'consensus', {
      ...proposal({ current_model_index: 0 }),
      total_steps: 2,
      next_step_required: true,
    });
    expect(one.sc.status).toBe('pause_for_consensus');
    expect(one.sc.model_responses).toEqual([
      expect.objectContaining({ model: 'kimi-k2-0905-preview', status: 'success' }),
    ]);
    expect(one.sc.next_call).toMatchObject({ arguments: { current_model_index: 1 } });
    expect(rig.glm.chatRequests).toHaveLength(0);
    const two = await step(rig, 'consensus', {
      step: 'Next model',
      step_number: 2,
      total_steps: 2,
      next_step_required: false,
      current_model_index: 1,
      model_responses: one.sc.model_responses,
      continuation_id: one.sc.continuation_id,
    });
    expect(two.sc.status).toBe('consensus_complete');
    expect((two.sc.model_responses as unknown[]).length).toBe(2);
    // Kimi was not asked twice.
    expect(rig.kimi.chatRequests).toHaveLength(1);
    expect(rig.glm.chatRequests).toHaveLength(1);
  });

  it('needs 2 to 6 models', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const one = await step(rig, 'consensus', proposal({ models: [MODELS[0]] }));
    expect(one.result.isError).toBe(true);
    expect(one.text).toMatch(/models/);
  });

  it('shows the images to each model that supports them; one that does not answers from the text, with a note', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const png = join(tempProject({}), 'diagram.png');
    writeFileSync(png, Buffer.from(PNG_1PX, 'base64'));
    const dataUrl = `data:image/png;base64,${PNG_1PX}`;
    // Images on the first step reach the models consulted on the final one.
    const pause = await step(rig, 'consensus', {
      ...proposal({
        models: [
          { model: 'glm-4.6', stance: 'for' },
          { model: 'kimi-k2-0711-preview', stance: 'against' },
        ],
        images: [png, dataUrl],
      }),
      total_steps: 2,
      next_step_required: true,
    });
    expect(pause.sc.status).toBe('pause_for_consensus');
    const done = await step(rig, 'consensus', {
      step: 'Ask the models about the diagram',
      step_number: 2,
      total_steps: 2,
      next_step_required: false,
      continuation_id: pause.sc.continuation_id,
    });
    expect(done.result.isError).toBeFalsy();
    expect(done.sc.status).toBe('consensus_complete');
    const [seeing, blind] = done.sc.model_responses as Array<Record<string, unknown>>;
    expect(seeing).toMatchObject({ model: 'glm-4.6', status: 'success', images_sent: 2 });
    expect(seeing!.note).toBeUndefined();
    expect(blind).toMatchObject({
      model: 'kimi-k2-0711-preview',
      status: 'success',
      images_sent: 0,
    });
    expect(blind!.note).toMatch(/2 images left out: kimi-k2-0711-preview does not support images/);

    // What each provider received: both images for GLM, none for the Kimi model without vision.
    expect(rig.glm.chatRequests).toHaveLength(1);
    expect(imageParts(rig.glm.chatRequests[0])).toEqual([
      { type: 'image_url', image_url: { url: dataUrl } },
      { type: 'image_url', image_url: { url: dataUrl } },
    ]);
    expect(rig.kimi.chatRequests).toHaveLength(1);
    const toKimi = rig.kimi.chatRequests[0]!;
    expect(toKimi.model).toBe('kimi-k2-0711-preview');
    expect(imageParts(toKimi)).toEqual([]);
    expect(JSON.stringify(toKimi.body)).not.toContain(PNG_1PX);
    expect(lastSent(rig.kimi)).toContain('PROPOSAL: replace the Map cache with lru-cache');
    expect(lastSent(rig.kimi)).toContain('images you cannot see');
  });

  it('refuses a file that is not an image by name, before asking any model', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const fakeImage = join(tempProject({ 'notes.png': 'just text, not a PNG' }), 'notes.png');
    const done = await step(rig, 'consensus', proposal({ images: [fakeImage] }));
    expect(done.result.isError).toBe(true);
    expect(done.text).toMatch(/images: .*notes\.png is not a supported image/);
    expect(rig.kimi.chatRequests.length + rig.glm.chatRequests.length).toBe(0);
  });
});
