import { describe, expect, it } from 'vitest';
import { startDaemon } from '../helpers/daemon.ts';
import { step } from './workflow-helpers.ts';

describe('workflow tools that never call a model', () => {
  it('planner: revisions and branches; the final answer is the whole plan, structured and as text', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const base = { total_steps: 4, next_step_required: true };
    const one = await step(rig, 'planner', { ...base, step: 'Add a cache module', step_number: 1 });
    expect(one.sc.status).toBe('pause_for_planner');
    const id = one.sc.continuation_id as string;
    await step(rig, 'planner', { ...base, step: 'Use a Map', step_number: 2, continuation_id: id });
    await step(rig, 'planner', {
      ...base,
      step: 'Use lru-cache instead of a Map',
      step_number: 3,
      is_step_revision: true,
      revises_step_number: 2,
      continuation_id: id,
    });
    await step(rig, 'planner', {
      ...base,
      step: 'Alternative: cache in Redis',
      step_number: 4,
      is_branch_point: true,
      branch_from_step: 1,
      branch_id: 'redis',
      continuation_id: id,
    });
    const bad = await step(rig, 'planner', {
      ...base,
      step: 'Revise nothing',
      step_number: 5,
      is_step_revision: true,
      continuation_id: id,
    });
    expect(bad.result.isError).toBe(true);
    expect(bad.text).toMatch(/revises_step_number/);

    const done = await step(rig, 'planner', {
      step: 'Add tests for eviction',
      step_number: 5,
      total_steps: 5,
      next_step_required: false,
      continuation_id: id,
    });
    expect(done.sc.status).toBe('planner_complete');
    const result = done.sc.result as Record<string, unknown>;
    expect(result.current_plan).toEqual([
      { step_number: 1, step: 'Add a cache module' },
      { step_number: 3, step: 'Use lru-cache instead of a Map', revises_step: 2 },
      { step_number: 5, step: 'Add tests for eviction' },
    ]);
    expect(result.plan).toContainEqual({ step_number: 2, step: 'Use a Map', superseded_by: 3 });
    expect(result.branches).toEqual([
      {
        branch_id: 'redis',
        from_step: 1,
        steps: [{ step_number: 4, step: 'Alternative: cache in Redis' }],
      },
    ]);
    expect(result.plan_text).toBe(
      [
        'Plan (3 steps)',
        '',
        '1. Add a cache module',
        '   Branch "redis":',
        '   - Alternative: cache in Redis',
        '2. Use lru-cache instead of a Map (revises step 2)',
        '3. Add tests for eviction',
      ].join('\n'),
    );
    expect(rig.kimi.chatRequests.length + rig.glm.chatRequests.length).toBe(0);
  });

  it('tracer: precision mode gives the call flow; dependencies mode who uses what', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const one = await step(rig, 'tracer', {
      step: 'Find the entry point',
      step_number: 1,
      total_steps: 2,
      next_step_required: true,
      findings: 'handle() parses the request',
      target_description: 'How a request reaches the cache',
      trace_mode: 'precision',
      relevant_context: ['Server.handle'],
    });
    expect(one.sc.status).toBe('pause_for_tracer');
    expect((one.sc.required_actions as string[])[0]).toMatch(/entry point/);
    const done = await step(rig, 'tracer', {
      step: 'Follow the call',
      step_number: 2,
      total_steps: 2,
      next_step_required: false,
      findings: 'put() stores the value',
      relevant_context: ['Cache.put'],
      continuation_id: one.sc.continuation_id,
    });
    expect(done.sc.status).toBe('tracer_complete');
    expect(done.sc.result).toMatchObject({
      trace_mode: 'precision',
      target: 'How a request reaches the cache',
      call_flow: [
        { step: 1, calls: ['Server.handle'], findings: 'handle() parses the request' },
        { step: 2, calls: ['Cache.put'], findings: 'put() stores the value' },
      ],
    });
    expect(done.sc.message).toContain('→ Server.handle: handle() parses the request');

    const deps = await step(rig, 'tracer', {
      step: 'Who uses Cache',
      step_number: 1,
      total_steps: 1,
      next_step_required: false,
      findings: 'Server and Worker import Cache',
      target_description: 'Cache',
      trace_mode: 'dependencies',
      relevant_context: ['Server', 'Worker'],
    });
    expect(deps.sc.result).toMatchObject({
      trace_mode: 'dependencies',
      symbols: ['Server', 'Worker'],
      observations: [{ step: 1, findings: 'Server and Worker import Cache' }],
    });

    const missing = await step(rig, 'tracer', {
      step: 'x',
      step_number: 1,
      total_steps: 1,
      next_step_required: true,
      findings: '',
    });
    expect(missing.result.isError).toBe(true);
    expect(missing.text).toMatch(/target_description/);
    expect(rig.kimi.chatRequests.length + rig.glm.chatRequests.length).toBe(0);
  });

  it('docgen: refuses to finish while documented files fall short of the total', async () => {
    const rig = await startDaemon({ fakes: true, stopAfterTest: true });
    const one = await step(rig, 'docgen', {
      step: 'Discover files',
      step_number: 1,
      total_steps: 3,
      next_step_required: true,
      findings: 'Two files need docs',
      num_files_documented: 0,
      total_files_to_document: 2,
    });
    expect(one.sc.status).toBe('pause_for_docgen');
    const id = one.sc.continuation_id;
    const early = await step(rig, 'docgen', {
      step: 'Documented a.ts',
      step_number: 2,
      total_steps: 3,
      next_step_required: false,
      findings: 'a.ts done',
      num_files_documented: 1,
      continuation_id: id,
    });
    expect(early.result.isError).toBe(true);
    expect(early.text).toContain('1 of 2 files documented');

    const two = await step(rig, 'docgen', {
      step: 'Documented a.ts',
      step_number: 2,
      total_steps: 3,
      next_step_required: true,
      findings: 'a.ts done',
      num_files_documented: 1,
      continuation_id: id,
    });
    expect((two.sc.required_actions as string[])[0]).toContain('1 of 2 done');
    const done = await step(rig, 'docgen', {
      step: 'Documented b.ts',
      step_number: 3,
      total_steps: 3,
      next_step_required: false,
      findings: 'b.ts done',
      num_files_documented: 2,
      continuation_id: id,
    });
    expect(done.result.isError).toBeFalsy();
    expect(done.sc.status).toBe('docgen_complete');
    expect(done.sc.result).toMatchObject({ num_files_documented: 2, total_files_to_document: 2 });
    expect(rig.kimi.chatRequests.length + rig.glm.chatRequests.length).toBe(0);
  });
});
