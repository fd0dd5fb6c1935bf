import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDaemon } from '../helpers/daemon.ts';
import { EXPERT_JSON, lastSent, step, tempProject } from './workflow-helpers.ts';

/** Each expert tool with one of its own inputs, which must be stated in the expert request. */
const TOOLS: Array<{ tool: string; pause: string; own: Record<string, unknown>; stated: string }> =
  [
    {
      tool: 'analyze',
      pause: 'pause_for_analyze',
      own: { analysis_type: 'performance' },
      stated: 'analysis_type: performance',
    },
    {
      tool: 'codereview',
      pause: 'pause_for_codereview',
      own: { review_type: 'security', severity_filter: 'high' },
      stated: 'severity_filter: high',
    },
    {
      tool: 'debug',
      pause: 'pause_for_investigation',
      own: {},
      stated: 'Hypothesis: the map is never cleared',
    },
    {
      tool: 'refactor',
      pause: 'pause_for_refactor',
      own: { refactor_type: 'decompose' },
      stated: 'refactor_type: decompose',
    },
    {
      tool: 'secaudit',
      pause: 'pause_for_secaudit',
      own: { threat_level: 'critical', compliance_requirements: ['PCI DSS'] },
      stated: 'threat_level: critical',
    },
    {
      tool: 'testgen',
      pause: 'pause_for_testgen',
      own: { test_examples: [] },
      stated: 'test_examples: []',
    },
    {
      tool: 'thinkdeep',
      pause: 'pause_for_thinkdeep',
      own: { problem_context: 'memory grows under load' },
      stated: 'problem_context: memory grows under load',
    },
  ];

describe('workflow tools that end with an expert analysis', () => {
  it.each(TOOLS)(
    '$tool: a pause step, then a final step whose expert request holds the record, the files and its inputs',
    async ({ tool, pause, own, stated }) => {
      const rig = await startDaemon({ fakes: true, stopAfterTest: true });
      const root = tempProject({
        'cache.ts':
          'export const cache = new Map();\nexport function put(k, v) {\n  cache.set(k, v);\n}\n',
      });
      const file = join(root, 'cache.ts');

      const first = await step(rig, tool, {
        step: 'Read the cache module',
        step_number: 1,
        total_steps: 2,
        next_step_required: true,
        findings: 'FINDING-ONE: entries are added on every request',
        files_checked: [file],
        relevant_files: [file],
        hypothesis: 'the map is never cleared',
        confidence: 'low',
        issues_found: [{ severity: 'high', description: 'unbounded growth' }],
        ...own,
      });
      expect(first.result.isError).toBeFalsy();
      expect(first.sc.status).toBe(pause);
      expect(first.sc.step_number).toBe(1);
      expect(first.sc.total_steps).toBe(2);
      const id = first.sc.continuation_id as string;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(first.sc.workflow_status).toMatchObject({
        relevant_files: [file],
        issues_by_severity: { high: ['unbounded growth'], critical: [] },
        confidence: 'low',
      });
      expect((first.sc.required_actions as string[]).length).toBeGreaterThan(0);
      expect(first.sc.next_call).toMatchObject({
        tool,
        arguments: { step_number: 2, continuation_id: id },
      });
      // The text block carries the same JSON, for clients that ignore structuredContent.
      expect(JSON.parse(first.text)).toEqual(first.sc);
      // A pause never calls a model.
      expect(rig.kimi.chatRequests.length + rig.glm.chatRequests.length).toBe(0);

      rig.kimi.script({ kind: 'reply', text: '```json\n' + EXPERT_JSON + '\n```' });
      const last = await step(rig, tool, {
        step: 'Checked the callers',
        step_number: 2,
        total_steps: 2,
        next_step_required: false,
        findings: 'FINDING-TWO: nothing ever deletes',
        confidence: 'high',
        continuation_id: id,
      });
      expect(last.result.isError).toBeFalsy();
      expect(last.sc.status).toBe(`${tool}_complete`);
      expect(last.sc.continuation_id).toBe(id);
      expect(last.sc.expert_analysis).toMatchObject({
        format: 'json',
        analysis: 'The cache never evicts.',
        key_findings: ['unbounded map in cache.ts:3'],
        recommendations: ['bound the map with an LRU'],
        confidence: 'high',
        provider: 'kimi',
      });
      expect(last.sc[`complete_${tool}`]).toMatchObject({
        files_embedded: [file],
        files_omitted: [],
        issues_by_severity: { high: ['unbounded growth'] },
        confidence: 'high',
      });

      expect(rig.kimi.chatRequests).toHaveLength(1);
      const sent = lastSent(rig.kimi);
      expect(sent).toContain('FINDING-ONE: entries are added on every request');
      expect(sent).toContain('FINDING-TWO: nothing ever deletes');
      expect(sent).toContain('[high] unbounded growth');
      expect(sent).toContain(stated);
      // The file, embedded with line numbers.
      expect(sent).toContain(`BEGIN FILE: ${file}`);
      expect(sent).toContain('3│   cache.set(k, v);');
      expect(sent).toContain('"key_findings"');
    },
  );

  it('thinkdeep asks the quality model with a high thinking mode; a text answer is kept as text', async () => {
    const rig = await startDaemon({
      fakes: true,
      stopAfterTest: true,
      config: { speedModel: 'glm-4.5-flash', qualityModel: 'glm-4.6' },
    });
    rig.glm.script({ kind: 'reply', text: 'Plain prose, not JSON.' });
    const done = await step(rig, 'thinkdeep', {
      step: 'Should the cache be bounded?',
      step_number: 1,
      total_steps: 1,
      next_step_required: false,
      findings: 'It grows without limit',
    });
    expect(done.sc.status).toBe('thinkdeep_complete');
    expect(done.sc.expert_analysis).toMatchObject({
      format: 'text',
      analysis: 'Plain prose, not JSON.',
    });
    const request = rig.glm.chatRequests[0]!;
    expect(request.model).toBe('glm-4.6');
    expect(request.body).toMatchObject({ thinking: { type: 'enabled' } });
  });
});
