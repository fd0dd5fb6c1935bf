import type { ToolSpec } from '../tools/tool.ts';
import { enumValues, fieldOf } from './schema-fields.ts';

/** One argument of a tool's prompt. Prompt arguments are strings (MCP), lists comma-separated. */
export interface PromptArg {
  name: string;
  description: string;
  required?: boolean;
  /** The tool input this argument fills, when its name differs (chat's `question` → `prompt`). */
  input?: string;
  /** Values to complete to; filled from the tool's own zod enum when omitted. */
  values?: readonly string[];
}

export interface PromptSpec {
  tool: string;
  title: string;
  description: string;
  args: PromptArg[];
  /** Step-wise workflow tools: the agent starts at step 1 and follows `next_call`. */
  workflow: boolean;
}

const files: PromptArg = {
  name: 'files',
  description: 'Absolute paths of files or folders to include, comma-separated',
};
const model: PromptArg = { name: 'model', description: 'Model name or alias, or "auto" (default)' };
const stances = ['for', 'against', 'neutral'] as const;

/**
 * The main inputs of each tool a person would type after a slash command. Tools not listed here
 * get their required string inputs (and `model`, `files`) as arguments.
 */
const MAIN_ARGS: Record<string, PromptArg[]> = {
  chat: [{ name: 'question', description: 'What to ask', required: true, input: 'prompt' }, files],
  challenge: [
    {
      name: 'statement',
      description: 'The claim or pushback to examine critically',
      required: true,
      input: 'prompt',
    },
  ],
  consensus: [
    { name: 'proposal', description: 'The proposal or question to weigh', required: true },
    {
      name: 'models',
      description:
        'Models to consult, comma-separated, each optionally with a stance ("kimi-k2:for, glm-4.5:against")',
    },
    { name: 'stance', description: 'Stance for models listed without one', values: stances },
    files,
  ],
  codereview: [
    { name: 'focus', description: 'What to review and what matters most', required: true },
    files,
    { name: 'review_type', description: 'Kind of review' },
  ],
  analyze: [
    { name: 'goal', description: 'What to analyse and why', required: true },
    files,
    { name: 'analysis_type', description: 'Kind of analysis' },
  ],
  debug: [
    { name: 'problem', description: 'The bug: symptoms, errors, when it happens', required: true },
    files,
  ],
  refactor: [
    { name: 'goal', description: 'What to improve', required: true },
    files,
    { name: 'refactor_type', description: 'Kind of refactoring' },
  ],
  secaudit: [
    { name: 'focus', description: 'What to audit', required: true },
    files,
    { name: 'threat_level', description: 'Threat level' },
  ],
  precommit: [
    { name: 'path', description: 'Absolute path of the git work tree', required: true },
    { name: 'compare_to', description: 'A git ref to compare against instead of pending changes' },
  ],
  testgen: [{ name: 'target', description: 'What to write tests for', required: true }, files],
  thinkdeep: [
    { name: 'problem', description: 'The problem and your thinking so far', required: true },
    files,
  ],
  planner: [{ name: 'goal', description: 'What to plan', required: true }],
  tracer: [
    { name: 'target', description: 'The function, class or flow to trace', required: true },
    { name: 'trace_mode', description: 'precision (call flow) or dependencies (who uses what)' },
    files,
  ],
  docgen: [{ name: 'target', description: 'What to document', required: true }, files],
};

function derivedArgs(tool: ToolSpec): PromptArg[] {
  const args: PromptArg[] = [];
  for (const [name, schema] of Object.entries(tool.inputSchema)) {
    const field = fieldOf(schema);
    if (name === 'model' || name === 'continuation_id') continue;
    if (field.kind === 'string' && !field.optional)
      args.push({ name, description: field.description ?? name, required: true });
    else if (field.kind === 'enum' && !field.optional)
      args.push({ name, description: field.description ?? name, required: true });
    else if (name === 'files' && field.kind === 'string-array') args.push(files);
  }
  return args;
}

/** The prompt published for one tool: its main arguments, plus `model` when the tool takes one. */
export function promptSpecFor(tool: ToolSpec): PromptSpec {
  const workflow = 'step_number' in tool.inputSchema;
  const base = MAIN_ARGS[tool.name] ?? derivedArgs(tool);
  const args = base.map((arg) => {
    if (arg.values) return arg;
    const values = enumValues(tool.inputSchema[arg.input ?? arg.name]);
    return values ? { ...arg, values } : arg;
  });
  if ('model' in tool.inputSchema) args.push(model);
  return {
    tool: tool.name,
    title: tool.title ?? tool.name,
    description: tool.description,
    args,
    workflow,
  };
}
