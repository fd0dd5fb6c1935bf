import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startDaemon } from '../helpers/daemon.ts';
import { lastSent, sentText, step, tempProject } from './workflow-helpers.ts';

const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const WORKFLOW_TOOLS = [
  'analyze',
  'codereview',
  'debug',
  'refactor',
  'secaudit',
  'precommit',
  'testgen',
  'thinkdeep',
  'planner',
  'tracer',
  'docgen',
  'consensus',
];

const first = (findings: string, extra: Record<string, unknown> = {}) => ({
  step: 'Start the review',
  step_number: 1,
  total_steps: 2,
  next_step_required: true,
  findings,
  ...extra,
});
const last = (id: unknown, findings: string, extra: Record<string, unknown> = {}) => ({
  step: 'Finish the review',
  step_number: 2,
  total_steps: 2,
  next_step_required: false,
  findings,
  continuation_id: id,
  ...extra,
});

describe('the workflow engine', () => {
  it('lists all twelve tools, each with an output schema', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const { tools } = await rig.client.listTools();
    for (const name of WORKFLOW_TOOLS) {
      const tool = tools.find((t) => t.name === name);
      expect(tool, name).toBeDefined();
      expect(tool!.outputSchema, name).toBeDefined();
      expect(tool!.inputSchema.required, name).toEqual(
        expect.arrayContaining(['step', 'step_number', 'total_steps', 'next_step_required']),
      );
    }
  });

  it('two clients interleaving codereview each send the expert only their own findings', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const alice = await rig.connect('alice');
    const bob = await rig.connect('bob');
    const a1 = await step(rig, 'codereview', first('ALPHA-1'), alice);
    const b1 = await step(rig, 'codereview', first('BETA-1'), bob);
    expect(a1.sc.continuation_id).not.toBe(b1.sc.continuation_id);
    // Bob cannot continue Alice's thread: refused exactly as an unknown id.
    const stolen = await step(rig, 'codereview', last(a1.sc.continuation_id, 'BETA-X'), bob);
    expect(stolen.result.isError).toBe(true);
    expect(stolen.text).toMatch(/NOT_FOUND: Conversation .* was not found/);

    const a2 = await step(rig, 'codereview', last(a1.sc.continuation_id, 'ALPHA-2'), alice);
    const b2 = await step(rig, 'codereview', last(b1.sc.continuation_id, 'BETA-2'), bob);
    expect(a2.sc.status).toBe('codereview_complete');
    expect(b2.sc.status).toBe('codereview_complete');
    const [toAlice, toBob] = rig.kimi.chatRequests.map(sentText);
    expect(toAlice).toContain('ALPHA-1');
    expect(toAlice).toContain('ALPHA-2');
    expect(toAlice).not.toMatch(/BETA/);
    expect(toBob).toContain('BETA-1');
    expect(toBob).toContain('BETA-2');
    expect(toBob).not.toMatch(/ALPHA/);
  });

  it('two identical step-1 calls open two threads (never cached or coalesced)', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const args = first('same findings');
    const [x, y] = await Promise.all([step(rig, 'analyze', args), step(rig, 'analyze', args)]);
    const z = await step(rig, 'analyze', args);
    const ids = new Set([x, y, z].map((a) => a.sc.continuation_id));
    expect(ids.size).toBe(3);
    expect(z.result._meta).not.toHaveProperty('cache');
  });

  it('backtrack_from_step drops that step and later ones from the record', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const one = await step(rig, 'debug', { ...first('KEEP-ONE'), total_steps: 3 });
    const id = one.sc.continuation_id;
    await step(rig, 'debug', {
      ...last(id, 'DROP-TWO'),
      next_step_required: true,
      total_steps: 3,
      issues_found: [{ severity: 'critical', description: 'DROPPED-ISSUE' }],
    });
    const redo = await step(rig, 'debug', {
      ...last(id, 'KEEP-TWO-AGAIN'),
      next_step_required: true,
      total_steps: 3,
      backtrack_from_step: 2,
    });
    expect(redo.sc.workflow_status).toMatchObject({
      steps_recorded: 2,
      issues_by_severity: { critical: [] },
    });
    await step(rig, 'debug', { ...last(id, 'KEEP-THREE'), step_number: 3, total_steps: 3 });
    const sent = lastSent(rig.kimi);
    expect(sent).toContain('KEEP-ONE');
    expect(sent).toContain('KEEP-TWO-AGAIN');
    expect(sent).toContain('KEEP-THREE');
    expect(sent).not.toContain('DROP-TWO');
    expect(sent).not.toContain('DROPPED-ISSUE');
  });

  it('use_assistant_model false, nothing to analyse, and debug certain finish without a model', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const one = await step(rig, 'codereview', first('Something'));
    const off = await step(
      rig,
      'codereview',
      last(one.sc.continuation_id, 'Done', { use_assistant_model: false }),
    );
    expect(off.sc.status).toBe('local_work_complete');
    expect(off.sc.complete_codereview).toMatchObject({
      findings: [
        { step: 1, findings: 'Something' },
        { step: 2, findings: 'Done' },
      ],
    });

    const empty = await step(rig, 'analyze', {
      ...first(''),
      next_step_required: false,
      total_steps: 1,
    });
    expect(empty.sc.status).toBe('local_work_complete');

    const sure = await step(rig, 'debug', {
      ...first('Found it'),
      next_step_required: false,
      total_steps: 1,
      confidence: 'certain',
    });
    expect(sure.sc.status).toBe('certain_confidence_proceed_with_fix');
    const almost = await step(rig, 'debug', {
      ...first('Nearly'),
      next_step_required: false,
      total_steps: 1,
      confidence: 'almost_certain',
    });
    expect(almost.sc.status).toBe('debug_complete');
    expect(rig.kimi.chatRequests).toHaveLength(1);
  });

  it("the expert run reports progress (which model, tokens) and gets the steps' images", async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const png = join(tempProject({}), 'shot.png');
    writeFileSync(png, Buffer.from(PNG_1PX, 'base64'));
    const one = await step(rig, 'debug', first('The page renders blank', { images: [png] }));
    rig.kimi.script({
      kind: 'reply',
      chunks: Array.from({ length: 12 }, (_, i) => `w${i} `),
      tokenDelayMs: 60,
    });
    const progress: string[] = [];
    const done = (await rig.client.callTool(
      { name: 'debug', arguments: last(one.sc.continuation_id, 'Still blank') },
      undefined,
      { onprogress: (p) => progress.push(p.message ?? '') },
    )) as CallToolResult;
    expect(done.isError).toBeFalsy();
    expect(progress[0]).toMatch(/^debug accepted/);
    expect(progress).toContain('Expert analysis: asking kimi-k2-0905-preview (kimi)');
    expect(progress.some((m) => /^\d+ tokens from kimi-k2-0905-preview$/.test(m))).toBe(true);
    const user = rig.kimi.chatRequests[0]!.messages.at(-1)!.content as Array<
      Record<string, unknown>
    >;
    expect(user).toContainEqual({
      type: 'image_url',
      image_url: { url: `data:image/png;base64,${PNG_1PX}` },
    });
  });

  it('a workflow survives a daemon restart: the record is saved with its thread in exai.db', async () => {
    const before = await startDaemon({ fakes: true, stopAfterTest: true });
    const one = await step(before, 'codereview', first('BEFORE-RESTART'));
    await before.stop();
    // A new daemon on the same data folder; the same client (clientInfo.name) may continue the
    // thread once its old session has gone.
    const after = await startDaemon({ fakes: true, stopAfterTest: true, dataDir: before.dataDir });
    const done = await step(after, 'codereview', last(one.sc.continuation_id, 'AFTER-RESTART'));
    expect(done.result.isError).toBeFalsy();
    expect(done.sc.status).toBe('codereview_complete');
    const sent = lastSent(after.kimi);
    expect(sent).toContain('BEFORE-RESTART');
    expect(sent).toContain('AFTER-RESTART');
  });

  it('refuses an over-long step, and a later step without continuation_id', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const long = await step(rig, 'analyze', first('x', { step: 'y'.repeat(20_001) }));
    expect(long.result.isError).toBe(true);
    expect(long.text).toMatch(
      /over the limit of 20000: put the long content in a file and pass its absolute path in relevant_files/,
    );
    const lost = await step(rig, 'analyze', last(undefined, 'x'));
    expect(lost.result.isError).toBe(true);
    expect(lost.text).toMatch(/without continuation_id/);
  });

  it('a timed-out expert is a tool error naming the model; the upstream request is aborted and the final step can be retried', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      config: { callTimeoutS: 8 },
    });
    const one = await step(rig, 'codereview', first('RETRY-KEEPS-ME'));
    rig.kimi.script({ kind: 'hang' });
    const failed = await step(rig, 'codereview', last(one.sc.continuation_id, 'FINAL'));
    expect(failed.result.isError).toBe(true);
    expect(failed.text).toMatch(
      /^TIMEOUT: Expert analysis by kimi-k2-0905-preview \(kimi\) failed/,
    );
    await rig.kimi.waitFor((f) => f.chatRequests[0]?.aborted === true);

    const retried = await step(rig, 'codereview', last(one.sc.continuation_id, 'FINAL'));
    expect(retried.result.isError).toBeFalsy();
    expect(retried.sc.status).toBe('codereview_complete');
    expect(lastSent(rig.kimi)).toContain('RETRY-KEEPS-ME');
  });

  it('cancelling the final step aborts the upstream request', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const one = await step(rig, 'codereview', first('cancel me'));
    rig.kimi.script({ kind: 'hang' });
    const controller = new AbortController();
    const call = rig.client.callTool(
      { name: 'codereview', arguments: last(one.sc.continuation_id, 'final') },
      undefined,
      { signal: controller.signal },
    );
    const settled = call.then(
      (r) => r as CallToolResult,
      (e: unknown) => e as Error,
    );
    await rig.kimi.waitFor((f) => f.chatRequests.length === 1);
    controller.abort();
    expect(await settled).toBeInstanceOf(Error);
    await rig.kimi.waitFor((f) => f.chatRequests[0]?.aborted === true);
  });
});
