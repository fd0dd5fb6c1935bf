import { readWorkflowFiles, type GatheredFiles } from './workflow-files.ts';
import { consolidate } from './workflow-record.ts';
import type { StepContext } from './workflow-spec.ts';

/**
 * The files for an expert: those the tool gathered itself first (read leniently: a changed
 * binary is skipped), then every step's relevant_files (each must be readable).
 */
export async function expertFilesFor(s: StepContext, own: string[] = []): Promise<GatheredFiles> {
  const config = s.ctx.services.config();
  const first = await readWorkflowFiles(own, config, s.ctx.signal, { lenient: true });
  const named = await readWorkflowFiles(consolidate(s.record).relevant_files, config, s.ctx.signal);
  const seen = new Set(first.files.map((f) => f.path));
  return {
    files: [...first.files, ...named.files.filter((f) => !seen.has(f.path))],
    skipped: [...first.skipped, ...named.skipped],
  };
}
