// `npm run bench`: every figure beside a baseline measured in the same run, as ratios.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { bundleDaemon, ROOT } from './lib/processes.ts';
import { round } from './lib/stats.ts';
import { runTrivial } from './trivial.ts';
import { runColdStart } from './cold-start.ts';
import { runMemory } from './memory.ts';
import { runProviderPath } from './provider-path.ts';
import { runConcurrency } from './concurrency.ts';
import { runChatTurns } from './chat-turns.ts';
import { runRelevantFiles } from './relevant-files.ts';
import { renderReport } from './report.ts';

const started = performance.now();
const loadAvgBefore = loadavg();
const hardStop = setTimeout(() => {
  process.stderr.write('bench: over the 3-minute budget, stopping\n');
  process.exit(1);
}, 180_000);

const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  process.stderr.write(`bench: ${name}…\n`);
  const result = await fn();
  process.stderr.write(`bench: ${name} done in ${round((performance.now() - t0) / 1000, 1)}s\n`);
  return result;
};

const entry = await step('bundling the daemon', () => bundleDaemon());
const trivial = await step('trivial call', () => runTrivial(entry));
const coldStart = await step('cold start', () => runColdStart(entry));
const memory = await step('memory', () => runMemory(entry));
const providerPath = await step('provider path', () => runProviderPath(entry));
const concurrency = await step('concurrency', () => runConcurrency(entry));
const chatTurns = await step('chat in a conversation', () => runChatTurns(entry));
const relevantFiles = await step('relevant_files', () => runRelevantFiles());

const results = {
  ranAt: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAvgBefore,
    loadAvgAfter: loadavg(),
  },
  durationS: round((performance.now() - started) / 1000, 1),
  trivial,
  coldStart,
  memory,
  providerPath,
  concurrency,
  chatTurns,
  relevantFiles,
};
writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(renderReport(results));
clearTimeout(hardStop);
process.exit(0);
