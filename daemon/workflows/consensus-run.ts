import { askModel, parseAnalysis, JSON_INSTRUCTIONS } from './ask-model.ts';
import { expertFilesFor } from './expert-files.ts';
import { readWorkflowImages } from './workflow-files.ts';
import { consolidate, recordText } from './workflow-record.ts';
import type { StepContext } from './workflow-spec.ts';

export interface ConsensusEntry {
  model: string;
  stance: 'for' | 'against' | 'neutral';
  stance_prompt?: string | undefined;
}

const STANCES: Record<ConsensusEntry['stance'], string> = {
  for: `Your stance: FOR. Make the strongest honest case for the proposal: its benefits, how to make it work, how to answer the objections. If the proposal is clearly harmful or infeasible, say so anyway: advocacy never outranks the truth.`,
  against: `Your stance: AGAINST. Make the strongest honest case against the proposal: risks, costs, hidden complexity, better alternatives. If the proposal is clearly right, say so anyway: opposition never outranks the truth.`,
  neutral: `Your stance: NEUTRAL. Weigh the proposal evenly: benefits against costs and risks, and the alternatives. Come to a clear recommendation.`,
};

const SYSTEM = `You are one of several models consulted independently on a technical proposal. Another AI agent will weigh your answer against the others'.
Judge the proposal on technical merit, feasibility, cost, risk and long-term maintenance, grounded in the files provided (cite path:line).
Give a verdict in one sentence first, then your reasoning.`;

/** Said in the answer (and to the model) when a model cannot see the caller's images. */
function imagesLeftOut(count: number, model: string): string {
  const images = count === 1 ? '1 image' : `${count} images`;
  return `${images} left out: ${model} does not support images (see listmodels), so it answered from the text only`;
}

/**
 * Consults models[i] for each index, concurrently; each named model itself, with no fallback
 * (another model would be another voice). Each model that supports images gets the steps'
 * images; one that does not gets the text only and a note. Answers and failures go into the record.
 */
export async function consultModels(
  s: StepContext,
  indexes: number[],
  models: ConsensusEntry[],
): Promise<Array<Record<string, unknown>>> {
  const { ctx, record } = s;
  const files = await expertFilesFor(s);
  // Read once (file reader: signatures, size caps) and refused as chat refuses a bad image.
  const images = await readWorkflowImages(
    consolidate(record).images,
    ctx.services.config(),
    ctx.signal,
  );
  const body = recordText(record);
  const responses = (record.data.responses ??= {}) as Record<number, Record<string, unknown>>;
  const replies: Array<Record<string, unknown>> = await Promise.all(
    indexes.map(async (i) => {
      const entry = models[i]!;
      const label = { model: entry.model, stance: entry.stance };
      try {
        const planned = await ctx.services.router.plan({
          model: entry.model,
          category: 'deep',
          prompt: body,
        });
        const model = planned.chain[0]!;
        const sees = model.capabilities.includes('images');
        const leftOut = images.length && !sees ? imagesLeftOut(images.length, model.name) : '';
        const { answer, fitted } = await askModel(
          {
            tool: 'consensus',
            choice: { chain: [model], explicit: true },
            system: `${SYSTEM}\n\n${entry.stance_prompt ?? STANCES[entry.stance]}`,
            prompt: [
              `# Proposal for consensus\n\n${body}`,
              leftOut && '(The caller attached images you cannot see: judge from the text.)',
              '## Files',
            ]
              .filter((p) => p)
              .join('\n\n'),
            images: sees ? images : [],
            closing: JSON_INSTRUCTIONS,
            files: files.files,
            thread: s.thread,
            temperature: s.args.temperature,
            thinkingMode: s.args.thinking_mode,
            label: `Consensus (${entry.model}, ${entry.stance})`,
          },
          ctx,
        );
        return {
          ...label,
          status: 'success',
          provider: answer.provider,
          resolved_model: answer.model,
          files_omitted: fitted.omitted,
          ...(images.length && { images_sent: sees ? images.length : 0 }),
          ...(leftOut && { note: leftOut }),
          ...parseAnalysis(answer.text),
        };
      } catch (error) {
        // The client cancelled or the call ran out of time: no point asking the others.
        if (ctx.signal.aborted) throw error;
        return { ...label, status: 'error', error: (error as Error).message };
      }
    }),
  );
  indexes.forEach((i, n) => (responses[i] = replies[n]!));
  ctx.services.conversations.save(s.thread);
  const ok = replies.filter((r) => r.status === 'success');
  if (ok.length) {
    ctx.services.conversations.append(
      s.thread,
      { role: 'user', content: `[consensus] ${s.args.step}`, tool: 'consensus', files: [] },
      {
        role: 'assistant',
        content: ok
          .map((r) => `${String(r.model)} (${String(r.stance)}): ${String(r.analysis)}`)
          .join('\n\n'),
        tool: 'consensus',
      },
    );
  }
  return replies;
}
