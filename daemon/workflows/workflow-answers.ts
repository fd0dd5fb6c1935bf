import type { ToolResult } from '../tools/tool.ts';
import type { StepContext, WorkflowSpec } from './workflow-spec.ts';
import { consolidate, type WorkflowRecord } from './workflow-record.ts';

/** Many clients ignore structuredContent, so the text block carries the same JSON. */
export function jsonAnswer(
  structured: Record<string, unknown>,
  meta?: Record<string, unknown>,
): ToolResult {
  return {
    content: [{ type: 'text', text: JSON.stringify(structured, null, 2) }],
    structuredContent: structured,
    ...(meta && { meta }),
  };
}

/** The consolidated record as the caller sees it in every answer. */
export function workflowStatus(record: WorkflowRecord): Record<string, unknown> {
  const c = consolidate(record);
  return {
    steps_recorded: c.steps,
    files_checked: c.files_checked,
    relevant_files: c.relevant_files,
    relevant_context: c.relevant_context,
    issues_by_severity: c.issues_by_severity,
    confidence: c.confidence,
    hypotheses: c.hypotheses,
  };
}

export function stepHeader(s: StepContext, status: string): Record<string, unknown> {
  return {
    status,
    continuation_id: s.thread.id,
    step_number: s.args.step_number,
    total_steps: s.record.totalSteps,
    next_step_required: s.args.next_step_required,
  };
}

/** A template of the next call: the caller fills in step and findings. */
export function nextCall(spec: WorkflowSpec, s: StepContext): Record<string, unknown> {
  const next = s.args.step_number + 1;
  const total = Math.max(s.record.totalSteps, next);
  return {
    tool: spec.name,
    arguments: {
      step: `<what you do in step ${next}>`,
      step_number: next,
      total_steps: total,
      next_step_required: next < total,
      findings: '<what step ' + next + ' found>',
      continuation_id: s.thread.id,
    },
  };
}

export function pauseAnswer(spec: WorkflowSpec, s: StepContext): ToolResult {
  const status = spec.pauseStatus ?? `pause_for_${spec.name}`;
  return jsonAnswer({
    ...stepHeader(s, status),
    workflow_status: workflowStatus(s.record),
    required_actions: spec.requiredActions(s),
    next_call: nextCall(spec, s),
    message: `Step ${s.args.step_number} of ${s.record.totalSteps} recorded. Do the required actions, then call ${spec.name} again with continuation_id ${s.thread.id}.`,
  });
}

/** The `complete_<tool>` summary of the record. */
export function completion(record: WorkflowRecord): Record<string, unknown> {
  const c = consolidate(record);
  return {
    ...workflowStatus(record),
    inputs: c.inputs,
    findings: record.steps
      .filter((s) => s.findings.trim())
      .map((s) => ({ step: s.step_number, findings: s.findings })),
  };
}

/** A final step answered without a model. */
export function localAnswer(
  spec: WorkflowSpec,
  s: StepContext,
  status: string,
  message: string,
): ToolResult {
  return jsonAnswer({
    ...stepHeader(s, status),
    [`complete_${spec.name}`]: completion(s.record),
    message,
  });
}
