import type { ToolResult } from '../tools/tool.ts';
import { usageMeta } from '../tools/usage-meta.ts';
import { askModel, parseAnalysis, JSON_INSTRUCTIONS } from './ask-model.ts';
import type { Capability } from '../catalog/catalog.ts';
import { expertFilesFor } from './expert-files.ts';
import { readWorkflowImages } from './workflow-files.ts';
import { completion, jsonAnswer, stepHeader } from './workflow-answers.ts';
import { consolidate, recordText } from './workflow-record.ts';
import type { ExpertPlan, StepContext, WorkflowSpec } from './workflow-spec.ts';

/** The tool's own inputs, stated so the expert knows what kind of review was asked for. */
export function inputsText(inputs: Record<string, unknown>): string {
  const lines = Object.entries(inputs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `- ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return lines.length ? `## Settings the caller chose for this tool\n${lines.join('\n')}` : '';
}

/**
 * The final step's one expert request: the tool's prompt, the record of every step, then the
 * relevant files fitted to the model's file budget. The thread keeps the exchange, so chat (or
 * any tool) can continue it.
 */
export async function expertAnswer(
  spec: WorkflowSpec,
  plan: ExpertPlan,
  s: StepContext,
): Promise<ToolResult> {
  const { args, record, ctx } = s;
  const config = ctx.services.config();
  const c = consolidate(record);
  const gathered = plan.gather ? await plan.gather(s) : {};
  const read = await expertFilesFor(s, gathered.files);
  const images = await readWorkflowImages(c.images, config, ctx.signal);
  const recordBody = recordText(record);
  const needs: Capability[] = [];
  if (images.length) needs.push('images');
  if (args.use_websearch) needs.push('websearch');
  const choice = await ctx.services.router.plan({
    model: args.model ?? config.defaultModel,
    category: plan.category,
    prompt: recordBody,
    needs,
  });
  const notes = [
    ...(gathered.notes ?? []),
    ...read.skipped.map((f) => `Not read: ${f.path} (${f.reason})`),
  ];
  const prompt = [
    `# ${spec.title}: expert analysis requested`,
    plan.task,
    inputsText(c.inputs),
    recordBody,
    notes.length ? `## Notes\n${notes.map((n) => `- ${n}`).join('\n')}` : '',
    '## Files',
  ]
    .filter((p) => p)
    .join('\n\n');

  ctx.progress({ message: `calling expert analysis (${spec.name})` });
  const { answer, fitted } = await askModel(
    {
      tool: spec.name,
      choice,
      system: plan.systemPrompt,
      prompt,
      closing: JSON_INSTRUCTIONS,
      files: read.files,
      lead: gathered.lead,
      images,
      thread: s.thread,
      temperature: args.temperature,
      thinkingMode: args.thinking_mode ?? plan.defaultThinkingMode,
      webSearch: args.use_websearch,
      label: 'Expert analysis',
    },
    ctx,
  );

  const parsed = parseAnalysis(answer.text);
  ctx.services.conversations.append(
    s.thread,
    {
      role: 'user',
      content: `[${spec.name}] final step ${args.step_number}: ${args.step}\n\n${recordBody}`,
      tool: spec.name,
      files: fitted.embedded,
    },
    {
      role: 'assistant',
      content: answer.text,
      tool: spec.name,
      provider: answer.provider,
      model: answer.model,
    },
  );
  return jsonAnswer(
    {
      ...stepHeader(s, `${spec.name}_complete`),
      [`complete_${spec.name}`]: {
        ...completion(record),
        files_embedded: fitted.embedded,
        files_omitted: fitted.omitted,
        files_sent_earlier: fitted.alreadySent,
        files_skipped: read.skipped,
        ...(gathered.notes?.length && { notes: gathered.notes }),
      },
      expert_analysis: { provider: answer.provider, model: answer.model, ...parsed },
      message: `${spec.title} complete. Weigh the expert's analysis against your own findings before acting on it.`,
    },
    {
      provider: answer.provider,
      model: answer.model,
      usage: usageMeta(answer),
      ...(answer.failedAttempts.length && { fallback_from: answer.failedAttempts }),
      continuation_id: s.thread.id,
    },
  );
}
