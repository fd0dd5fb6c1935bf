import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readWorkflowFiles } from '../daemon/workflows/workflow-files.ts';
import { fitFiles } from '../daemon/workflows/file-budget.ts';
import type { ModelInfo } from '../daemon/catalog/catalog.ts';
import { configSchema } from '../daemon/config/schema.ts';
import { tempDir } from './lib/processes.ts';
import { median } from './lib/stats.ts';

const COUNTS = [10, 100, 1000];
const RUNS = 5;
/** A source file of about 2.5 KB (80 lines). */
const SOURCE = Array.from(
  { length: 80 },
  (_, i) => `export const value${i} = compute(${i}, 'some text on line ${i}');`,
).join('\n');
/** A model with a 256k-token window: half of it (128k tokens) is the file budget. */
const MODEL: ModelInfo = {
  name: 'bench-256k',
  provider: 'kimi',
  aliases: [],
  contextWindow: 262_144,
  maxOutput: 8192,
  capabilities: [],
  tier: 'quality',
  source: 'catalog',
};

export interface RelevantFilesResult {
  points: Array<{
    files: number;
    workflowMs: number;
    fsMs: number;
    embedded: number;
    omitted: number;
  }>;
  fileBytes: number;
}

/**
 * A workflow step's relevant_files: read through the daemon's file reader and fitted into the
 * expert's file budget, against reading the same files with fs alone. In this process, since
 * both are local work with no network in between; median of RUNS.
 */
export async function runRelevantFiles(): Promise<RelevantFilesResult> {
  const dir = tempDir('exai-bench-files-');
  const paths = Array.from({ length: Math.max(...COUNTS) }, (_, i) =>
    join(dir, `src${Math.floor(i / 100)}`, `file${i}.ts`),
  );
  for (const p of paths) {
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, `${SOURCE}\n// ${p}\n`);
  }
  // The files are in a temp folder (allowed here); the default of 100 files per call is raised so
  // that 1,000 can be measured.
  const config = configSchema.parse({
    dataDir: tempDir('exai-bench-data-'),
    allowedRoots: [dir],
    maxFilesPerCall: 10_000,
  });
  const signal = new AbortController().signal;
  const points: RelevantFilesResult['points'] = [];
  try {
    for (const n of COUNTS) {
      const some = paths.slice(0, n);
      const workflow: number[] = [];
      const fsOnly: number[] = [];
      let fitted = { embedded: [] as string[], omitted: [] as string[] };
      for (let run = 0; run < RUNS; run += 1) {
        let t0 = performance.now();
        for (const p of some) await readFile(p, 'utf8');
        fsOnly.push(performance.now() - t0);
        t0 = performance.now();
        const gathered = await readWorkflowFiles(some, config, signal);
        fitted = fitFiles(gathered.files, MODEL, new Set());
        workflow.push(performance.now() - t0);
      }
      points.push({
        files: n,
        workflowMs: median(workflow),
        fsMs: median(fsOnly),
        embedded: fitted.embedded.length,
        omitted: fitted.omitted.length,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { points, fileBytes: SOURCE.length };
}
