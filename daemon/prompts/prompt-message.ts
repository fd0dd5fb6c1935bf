import type { PromptSpec } from './prompt-specs.ts';

function listOf(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Turns the typed arguments into what the tool takes: lists split, consensus models with stances. */
export function toolArguments(
  spec: PromptSpec,
  args: Record<string, string | undefined>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const arg of spec.args) {
    const value = args[arg.name]?.trim();
    if (!value || arg.name === 'stance') continue;
    if (arg.name === 'files') out[spec.workflow ? 'relevant_files' : 'files'] = listOf(value);
    else if (spec.tool === 'consensus' && arg.name === 'models') {
      const fallback = args.stance?.trim() || 'neutral';
      out.models = listOf(value).map((entry) => {
        const [name, stance] = entry.split(':').map((s) => s.trim());
        return { model: name, stance: stance || fallback };
      });
    } else out[arg.input ?? arg.name] = value;
  }
  return out;
}

/**
 * The user message a slash command expands to: which EXAI tool to use and with what. The agent
 * runs the tool in its own workflow; for step-wise tools it does the investigation itself and
 * reports each step, which is why the message says how to drive the steps.
 */
export function promptMessage(spec: PromptSpec, args: Record<string, string | undefined>): string {
  const inputs = toolArguments(spec, args);
  const lines = [`Use the EXAI tool \`${spec.tool}\` (MCP server "exai") for this task.`];
  const given = Object.entries(inputs);
  if (given.length) {
    lines.push('', 'Inputs:');
    for (const [name, value] of given)
      lines.push(`- ${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  if (spec.workflow) {
    lines.push(
      '',
      `\`${spec.tool}\` is a step-by-step workflow. Start with step_number 1, next_step_required true and your plan as \`step\`; investigate the code yourself between calls and report what you found in \`findings\` (with files_checked, relevant_files and issues_found).`,
      'Each answer carries `next_call` with the continuation_id filled in: follow it until the status ends in `_complete`, then act on the result.',
    );
  } else {
    lines.push('', `Call \`${spec.tool}\` with these inputs, then use its answer in your work.`);
  }
  return lines.join('\n');
}
