import { z } from 'zod';
import { ToolError } from '../../tools/tool-error.ts';
import type { StepRecord } from '../workflow-record.ts';
import { defineWorkflow } from '../workflow-spec.ts';

interface PlanStep {
  step_number: number;
  step: string;
  revises_step?: number;
  superseded_by?: number;
}

function planStep(s: StepRecord, supersededBy: Map<number, number>): PlanStep {
  const revises = s.extra.is_step_revision ? (s.extra.revises_step_number as number) : undefined;
  const by = supersededBy.get(s.step_number);
  return {
    step_number: s.step_number,
    step: s.step,
    ...(revises !== undefined && { revises_step: revises }),
    ...(by !== undefined && { superseded_by: by }),
  };
}

export const plannerWorkflow = defineWorkflow({
  name: 'planner',
  title: 'Planner',
  description:
    'Builds a plan step by step, with revisions and branches; the final answer is the whole plan, structured and as readable text. Calls no model: the thinking is yours, the daemon keeps the plan.',
  inputs: {
    is_step_revision: z.boolean().optional().describe('This step replaces an earlier one'),
    revises_step_number: z.number().int().min(1).optional().describe('The step it replaces'),
    is_branch_point: z.boolean().optional().describe('This step starts an alternative path'),
    branch_from_step: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('The step the branch leaves from'),
    branch_id: z.string().min(1).optional().describe('Name of the branch this step belongs to'),
    more_steps_needed: z.boolean().optional(),
  },
  findingsOptional: true,
  branchOf: (args) => args.branch_id as string | undefined,
  check({ args, record }) {
    if (args.is_step_revision) {
      const n = args.revises_step_number as number | undefined;
      if (
        n === undefined ||
        n >= args.step_number ||
        !record.steps.some((s) => s.step_number === n)
      )
        throw new ToolError(
          'INVALID_ARGUMENTS',
          `is_step_revision needs revises_step_number naming an earlier recorded step (steps so far: ${record.steps.map((s) => s.step_number).join(', ') || 'none'})`,
        );
    }
    if ((args.is_branch_point || args.branch_from_step !== undefined) && !args.branch_id)
      throw new ToolError('INVALID_ARGUMENTS', 'a branch step needs branch_id');
    if (args.is_branch_point && args.branch_from_step === undefined)
      throw new ToolError('INVALID_ARGUMENTS', 'is_branch_point needs branch_from_step');
  },
  requiredActions: ({ args }) => [
    args.step_number === 1
      ? 'Describe the goal, the constraints and the first concrete step'
      : 'Plan the next concrete step, building on the ones recorded',
    'Revise an earlier step with is_step_revision and revises_step_number when it turns out wrong',
    'Explore an alternative with is_branch_point, branch_from_step and branch_id',
  ],
  localResult({ record }) {
    const supersededBy = new Map<number, number>();
    for (const s of record.steps)
      if (s.extra.is_step_revision)
        supersededBy.set(s.extra.revises_step_number as number, s.step_number);
    const main = record.steps.filter((s) => !s.branch_id).map((s) => planStep(s, supersededBy));
    const branchIds = [...new Set(record.steps.flatMap((s) => (s.branch_id ? [s.branch_id] : [])))];
    const branches = branchIds.map((id) => {
      const steps = record.steps.filter((s) => s.branch_id === id);
      return {
        branch_id: id,
        from_step: (steps.find((s) => s.extra.branch_from_step !== undefined)?.extra
          .branch_from_step ?? null) as number | null,
        steps: steps.map((s) => planStep(s, supersededBy)),
      };
    });
    const current = main.filter((s) => s.superseded_by === undefined);
    const lines = [`Plan (${current.length} steps)`, ''];
    current.forEach((s, i) => {
      lines.push(`${i + 1}. ${s.step}${s.revises_step ? ` (revises step ${s.revises_step})` : ''}`);
      for (const b of branches.filter(
        (b) =>
          b.from_step === s.step_number ||
          (s.revises_step !== undefined && b.from_step === s.revises_step),
      )) {
        lines.push(`   Branch "${b.branch_id}":`);
        for (const bs of b.steps) lines.push(`   - ${bs.step}`);
      }
    });
    for (const b of branches.filter(
      (b) => !current.some((s) => s.step_number === b.from_step || s.revises_step === b.from_step),
    )) {
      lines.push('', `Branch "${b.branch_id}"${b.from_step ? ` (from step ${b.from_step})` : ''}:`);
      for (const bs of b.steps) lines.push(`- ${bs.step}`);
    }
    return {
      result: { plan: main, current_plan: current, branches, plan_text: lines.join('\n') },
      text: lines.join('\n'),
    };
  },
});
