import type { z } from 'zod';
import type { Thread } from '../conversations/conversation-store.ts';
import type { ThinkingMode } from '../providers/provider-dialect.ts';
import type { ModelCategory } from '../routing/model-choice.ts';
import type { ToolContext, ToolResult } from '../tools/tool.ts';
import type { StepArgs } from './workflow-inputs.ts';
import type { WorkflowRecord } from './workflow-record.ts';

/** What a declaration's hooks see of the step being handled. */
export interface StepContext {
  args: StepArgs & Record<string, unknown>;
  record: WorkflowRecord;
  thread: Thread;
  ctx: ToolContext;
}

/** Material a tool gathers itself for the expert (precommit's diff and changed files). */
export interface Gathered {
  lead?: { title: string; text: string };
  files?: string[];
  /** Stated in the request and in the answer (what was compared, what was left out). */
  notes?: string[];
}

export interface ExpertPlan {
  /** Which configured model `auto` takes: speed (fast) or quality (deep). */
  category: ModelCategory;
  systemPrompt: string;
  /** Used when the caller sets no thinking_mode; applied only where the model supports it. */
  defaultThinkingMode?: ThinkingMode;
  /** What the expert is asked to do, after the record: the tool's job in one paragraph. */
  task: string;
  gather?(s: StepContext): Promise<Gathered>;
}

/**
 * One workflow tool: a declaration the engine (workflow-tool.ts) turns into a ToolSpec. The
 * engine owns the step loop, the record, pauses, the expert request and the answers.
 */
export interface WorkflowSpec {
  name: string;
  title: string;
  description: string;
  /** The tool's own inputs, on top of the step protocol. */
  inputs: z.ZodRawShape;
  /** planner and consensus need no `findings`. */
  findingsOptional?: boolean;
  /** Default `pause_for_<name>`. */
  pauseStatus?: string;
  /** What the caller must do before the next step, written for this tool. */
  requiredActions(s: StepContext): string[];
  /** Checks a step before it is recorded (docgen's counts, precommit's path); throws a ToolError. */
  check?(s: StepContext): Promise<void> | void;
  /** Which step field groups steps into branches (planner's branch_id). */
  branchOf?(args: Record<string, unknown>): string | undefined;
  /** The expert request; absent = the tool never calls a model. */
  expert?: ExpertPlan;
  /** A final step's status that skips the expert (debug: certain). */
  skipExpert?(s: StepContext): string | undefined;
  /** The final answer of a tool that calls no model (planner, tracer, docgen). */
  localResult?(s: StepContext): { result: Record<string, unknown>; text: string };
  /** Replaces the engine's final step (consensus consults several models). */
  finalStep?(s: StepContext): Promise<ToolResult>;
  /** May answer a pause step itself (consensus's step-wise form); undefined = the usual pause. */
  pauseStep?(s: StepContext): Promise<ToolResult | undefined>;
}

export function defineWorkflow(spec: WorkflowSpec): WorkflowSpec {
  return spec;
}
