import type { Thread } from '../conversations/conversation-store.ts';
import { defineTool, type ToolContext, type ToolResult, type ToolSpec } from '../tools/tool.ts';
import { ToolError } from '../tools/tool-error.ts';
import { expertAnswer } from './expert-analysis.ts';
import { MAX_STEP_CHARS, outputShape, stepInputs, type StepArgs } from './workflow-inputs.ts';
import {
  jsonAnswer,
  localAnswer,
  pauseAnswer,
  stepHeader,
  completion,
} from './workflow-answers.ts';
import {
  addStep,
  backtrack,
  hasMaterial,
  recordOf,
  startRecord,
  type StepRecord,
  type WorkflowRecord,
} from './workflow-record.ts';
import type { StepContext, WorkflowSpec } from './workflow-spec.ts';

type Args = StepArgs & Record<string, unknown>;

const STEP_KEYS = new Set(Object.keys(stepInputs));

function checkStep(args: Args): void {
  if (args.step.length > MAX_STEP_CHARS) {
    throw new ToolError(
      'INVALID_ARGUMENTS',
      `step is ${args.step.length} characters, over the limit of ${MAX_STEP_CHARS}: put the long content in a file and pass its absolute path in relevant_files`,
    );
  }
  if (args.backtrack_from_step !== undefined && args.backtrack_from_step > args.step_number) {
    throw new ToolError(
      'INVALID_ARGUMENTS',
      `backtrack_from_step (${args.backtrack_from_step}) must not be after step_number (${args.step_number})`,
    );
  }
}

/** The thread and record this step belongs to; a new one for step 1 without continuation_id. */
function openThread(
  spec: WorkflowSpec,
  args: Args,
  ctx: ToolContext,
): { thread: Thread; record: WorkflowRecord } {
  const store = ctx.services.conversations;
  if (!args.continuation_id) {
    if (args.step_number > 1) {
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `step_number ${args.step_number} without continuation_id: pass the continuation_id from the previous ${spec.name} answer, or start again at step_number 1`,
      );
    }
    const thread = store.create(ctx.scope);
    return { thread, record: startRecord(thread, spec.name, args.total_steps) };
  }
  // Refused exactly as chat refuses an id from another scope, an unknown or an expired one.
  const thread = store.get(args.continuation_id, ctx.scope);
  const existing = recordOf(thread);
  // A new workflow on this thread: another tool's thread (chat, …) or step 1 again.
  if (!existing || existing.tool !== spec.name || args.step_number === 1)
    return { thread, record: startRecord(thread, spec.name, args.total_steps) };
  return { thread, record: existing };
}

function stepRecord(spec: WorkflowSpec, args: Args): StepRecord {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args))
    if (!STEP_KEYS.has(key) && value !== undefined) extra[key] = value;
  return {
    step_number: args.step_number,
    step: args.step,
    findings: args.findings ?? '',
    files_checked: args.files_checked ?? [],
    relevant_files: args.relevant_files ?? [],
    relevant_context: args.relevant_context ?? [],
    issues_found: args.issues_found ?? [],
    confidence: args.confidence,
    hypothesis: args.hypothesis,
    images: args.images ?? [],
    branch_id: spec.branchOf?.(args),
    extra,
  };
}

async function finalStep(spec: WorkflowSpec, s: StepContext): Promise<ToolResult> {
  if (spec.finalStep) return spec.finalStep(s);
  if (spec.localResult) {
    const { result, text } = spec.localResult(s);
    return jsonAnswer({
      ...stepHeader(s, `${spec.name}_complete`),
      [`complete_${spec.name}`]: completion(s.record),
      result,
      message: text,
    });
  }
  const skipped = spec.skipExpert?.(s);
  if (skipped)
    return localAnswer(spec, s, skipped, 'Confidence is certain: no expert analysis needed.');
  if (!spec.expert || s.args.use_assistant_model === false || !hasMaterial(s.record)) {
    const why =
      s.args.use_assistant_model === false
        ? 'use_assistant_model is false'
        : 'there was nothing to analyse (no relevant file, finding or issue)';
    return localAnswer(
      spec,
      s,
      'local_work_complete',
      `Workflow complete without expert analysis: ${why}.`,
    );
  }
  return expertAnswer(spec, spec.expert, s);
}

/** Turns a workflow declaration into a tool served like any other (same runtime as chat). */
export function workflowTool(spec: WorkflowSpec): ToolSpec {
  const inputSchema = {
    ...stepInputs,
    ...(spec.findingsOptional && { findings: stepInputs.findings.optional() }),
    ...spec.inputs,
  };
  return defineTool({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    // 'workflow': the runtime never caches or coalesces these calls (each step changes a thread).
    category: 'workflow',
    inputSchema,
    outputSchema: outputShape(spec.name),
    stepOf: (args) => {
      const a = args as Partial<StepArgs>;
      return a.step_number && a.total_steps
        ? { number: a.step_number, total: Math.max(a.total_steps, a.step_number) }
        : undefined;
    },
    async handler(rawArgs, ctx): Promise<ToolResult> {
      const args = rawArgs as Args;
      checkStep(args);
      const { thread, record } = openThread(spec, args, ctx);
      if (args.backtrack_from_step !== undefined) backtrack(record, args.backtrack_from_step);
      record.totalSteps = Math.max(args.total_steps, args.step_number);
      const s: StepContext = { args, record, thread, ctx };
      await spec.check?.(s);
      addStep(record, stepRecord(spec, args));
      // Saves the record with its thread and refreshes its time to live, before any expert call,
      // so a failed final step can be retried.
      ctx.services.conversations.save(thread);
      if (args.next_step_required) return (await spec.pauseStep?.(s)) ?? pauseAnswer(spec, s);
      return finalStep(spec, s);
    },
  }) as unknown as ToolSpec;
}
