import type { Thread } from '../conversations/conversation-store.ts';
import { SEVERITIES, type Confidence, type Issue, type Severity } from './workflow-inputs.ts';

/** One step as the caller sent it. `extra` holds the tool's own inputs of that step. */
export interface StepRecord {
  step_number: number;
  step: string;
  findings: string;
  files_checked: string[];
  relevant_files: string[];
  relevant_context: string[];
  issues_found: Issue[];
  confidence?: Confidence | undefined;
  hypothesis?: string | undefined;
  images: string[];
  /** Planner branches: steps of one branch share an id. */
  branch_id?: string | undefined;
  extra: Record<string, unknown>;
}

/**
 * A workflow's whole state. It lives on its conversation thread (never on the tool object), so
 * two clients running the same tool never see each other's steps.
 */
export interface WorkflowRecord {
  tool: string;
  steps: StepRecord[];
  totalSteps: number;
  /** Tool-specific state (consensus answers, …). */
  data: Record<string, unknown>;
}

export interface Consolidated {
  steps: number;
  files_checked: string[];
  relevant_files: string[];
  relevant_context: string[];
  images: string[];
  issues_by_severity: Record<Severity, string[]>;
  confidence: Confidence | 'unknown';
  hypotheses: Array<{ step: number; hypothesis: string }>;
  /** The tool's own inputs, later steps overriding earlier ones. */
  inputs: Record<string, unknown>;
}

/**
 * The record is kept on its thread, so it lives and expires with it and is saved with it
 * (exai.db keeps threads as JSON across restarts). Plain data only.
 */
type WorkflowThread = Thread & { workflow?: WorkflowRecord };

export function recordOf(thread: Thread): WorkflowRecord | undefined {
  return (thread as WorkflowThread).workflow;
}

export function startRecord(thread: Thread, tool: string, totalSteps: number): WorkflowRecord {
  const record: WorkflowRecord = { tool, steps: [], totalSteps, data: {} };
  (thread as WorkflowThread).workflow = record;
  return record;
}

/** backtrack_from_step: N drops steps N and later. */
export function backtrack(record: WorkflowRecord, fromStep: number): void {
  record.steps = record.steps.filter((s) => s.step_number < fromStep);
}

/** Adds a step; a step sent again with the same number (a retry) replaces the earlier one. */
export function addStep(record: WorkflowRecord, step: StepRecord): void {
  const same = record.steps.findIndex(
    (s) => s.step_number === step.step_number && s.branch_id === step.branch_id,
  );
  if (same >= 0) record.steps.splice(same, 1);
  record.steps.push(step);
  record.steps.sort((a, b) => a.step_number - b.step_number);
}

function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}

export function consolidate(record: WorkflowRecord): Consolidated {
  const issues = Object.fromEntries(SEVERITIES.map((s) => [s, [] as string[]])) as Record<
    Severity,
    string[]
  >;
  for (const step of record.steps)
    for (const issue of step.issues_found)
      if (!issues[issue.severity].includes(issue.description))
        issues[issue.severity].push(issue.description);
  const withConfidence = record.steps.filter((s) => s.confidence);
  return {
    steps: record.steps.length,
    files_checked: union(record.steps.map((s) => s.files_checked)),
    relevant_files: union(record.steps.map((s) => s.relevant_files)),
    relevant_context: union(record.steps.map((s) => s.relevant_context)),
    images: union(record.steps.map((s) => s.images)),
    issues_by_severity: issues,
    confidence: withConfidence.at(-1)?.confidence ?? 'unknown',
    hypotheses: record.steps
      .filter((s) => s.hypothesis)
      .map((s) => ({ step: s.step_number, hypothesis: s.hypothesis! })),
    inputs: Object.assign({}, ...record.steps.map((s) => s.extra)) as Record<string, unknown>,
  };
}

/** Something for an expert to analyse: a relevant file, a finding, or an issue. */
export function hasMaterial(record: WorkflowRecord): boolean {
  return record.steps.some(
    (s) => s.relevant_files.length > 0 || s.findings.trim() !== '' || s.issues_found.length > 0,
  );
}

/** The record as text for the expert: every step, then the consolidated view. */
export function recordText(record: WorkflowRecord): string {
  const c = consolidate(record);
  const lines: string[] = [`## Investigation record (${record.steps.length} steps)`];
  for (const s of record.steps) {
    lines.push(
      '',
      `### Step ${s.step_number}${s.branch_id ? ` (branch ${s.branch_id})` : ''}${s.confidence ? ` — confidence: ${s.confidence}` : ''}`,
      s.step,
    );
    if (s.findings.trim()) lines.push('', `Findings: ${s.findings}`);
    if (s.hypothesis) lines.push(`Hypothesis: ${s.hypothesis}`);
    if (s.files_checked.length) lines.push(`Files checked: ${s.files_checked.join(', ')}`);
    if (s.relevant_context.length) lines.push(`Relevant context: ${s.relevant_context.join(', ')}`);
  }
  lines.push('', '## Issues found, by severity');
  let any = false;
  for (const severity of SEVERITIES) {
    for (const d of c.issues_by_severity[severity]) {
      lines.push(`- [${severity}] ${d}`);
      any = true;
    }
  }
  if (!any) lines.push('(none reported)');
  lines.push('', `Final confidence: ${c.confidence}`);
  if (c.relevant_files.length) lines.push(`Relevant files: ${c.relevant_files.join(', ')}`);
  return lines.join('\n');
}
