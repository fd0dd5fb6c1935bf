import { z } from 'zod';
import { ToolError } from '../../tools/tool-error.ts';
import { consultModels, type ConsensusEntry } from '../consensus-run.ts';
import { jsonAnswer, nextCall, stepHeader, completion } from '../workflow-answers.ts';
import { consolidate } from '../workflow-record.ts';
import { defineWorkflow, type StepContext } from '../workflow-spec.ts';

const entrySchema = z.object({
  model: z.string().min(1),
  stance: z.enum(['for', 'against', 'neutral']).optional(),
  stance_prompt: z.string().optional().describe("Replaces the stance's default instructions"),
});

function modelsOf(s: StepContext): ConsensusEntry[] {
  const models = (s.args.models ?? consolidate(s.record).inputs.models) as
    Array<z.infer<typeof entrySchema>> | undefined;
  return (models ?? []).map((m) => ({ ...m, stance: m.stance ?? 'neutral' }));
}

export const consensusWorkflow = defineWorkflow({
  name: 'consensus',
  title: 'Consensus',
  description:
    'Consults 2 to 6 named models (each with a stance: for, against or neutral) on a proposal, concurrently, and returns each answer labelled with model and stance; a model that fails is reported while the others answer. Each named model is asked itself, never replaced by a fallback. The step-wise form (current_model_index) consults one model per step.',
  inputs: {
    models: z
      .array(entrySchema)
      .min(2)
      .max(6)
      .optional()
      .describe('The models to consult, 2 to 6 (required on step 1)'),
    current_model_index: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Step-wise form: consult only models[current_model_index] in this step'),
    model_responses: z
      .array(z.unknown())
      .optional()
      .describe('Step-wise form: earlier responses (the daemon keeps its own record of them)'),
  },
  findingsOptional: true,
  check(s) {
    const models = modelsOf(s);
    if (models.length < 2)
      throw new ToolError(
        'INVALID_ARGUMENTS',
        'consensus needs models: 2 to 6 entries of {model, stance}',
      );
    const i = s.args.current_model_index as number | undefined;
    if (i !== undefined && i >= models.length)
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `current_model_index ${i} is out of range: there are ${models.length} models`,
      );
  },
  requiredActions: () => [
    'State the proposal in step and your own view in findings',
    'Put the files the models should read in relevant_files',
  ],
  async pauseStep(s) {
    const index = s.args.current_model_index as number | undefined;
    if (index === undefined) return undefined;
    const models = modelsOf(s);
    const [reply] = await consultModels(s, [index], models);
    const more = index + 1 < models.length;
    const next = nextCall(consensusWorkflow, s) as { arguments: Record<string, unknown> };
    if (more) next.arguments.current_model_index = index + 1;
    return jsonAnswer({
      ...stepHeader(s, 'pause_for_consensus'),
      model_responses: [reply],
      required_actions: [
        more
          ? `Call again with current_model_index ${index + 1} to consult ${models[index + 1]!.model}`
          : 'Every model has been consulted: send the final step (next_step_required false)',
      ],
      next_call: next,
    });
  },
  async finalStep(s) {
    const models = modelsOf(s);
    const answered = (s.record.data.responses ?? {}) as Record<number, unknown>;
    const pending = models.map((_, i) => i).filter((i) => !(i in answered));
    await consultModels(s, pending, models);
    const responses = models.map((_, i) => (s.record.data.responses as Record<number, unknown>)[i]);
    const failed = responses.filter((r) => (r as { status: string }).status === 'error');
    if (failed.length === responses.length) {
      const why = responses.map((r) => {
        const e = r as { model: string; stance: string; error: string };
        return `${e.model} (${e.stance}): ${e.error}`;
      });
      throw new ToolError(
        'UPSTREAM_ERROR',
        `Every model failed; the thread keeps the proposal, so the final step can be retried. ${why.join('; ')}`,
      );
    }
    return jsonAnswer({
      ...stepHeader(s, 'consensus_complete'),
      complete_consensus: {
        ...completion(s.record),
        models_consulted: responses.length - failed.length,
        models_failed: failed.length,
      },
      model_responses: responses as Array<Record<string, unknown>>,
      message:
        'Weigh the answers by their arguments, not by count; say where they agree and where they differ.',
    });
  },
});
