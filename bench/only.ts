// `node bench/only.ts <part>`: one part of `npm run bench` against the bundle, its figures as
// JSON. For before/after comparisons while working on one figure; no ratios, no report.
import { bundleDaemon } from './lib/processes.ts';
import { runTrivial } from './trivial.ts';
import { runColdStart } from './cold-start.ts';
import { runMemory } from './memory.ts';
import { runProviderPath } from './provider-path.ts';
import { runConcurrency } from './concurrency.ts';
import { runChatTurns } from './chat-turns.ts';
import { runRelevantFiles } from './relevant-files.ts';

const parts: Record<string, (entry: string) => Promise<unknown>> = {
  trivial: runTrivial,
  'cold-start': runColdStart,
  memory: runMemory,
  'provider-path': runProviderPath,
  concurrency: runConcurrency,
  'chat-turns': runChatTurns,
  'relevant-files': () => runRelevantFiles(),
};
const part = process.argv[2] ?? '';
const run = parts[part];
if (!run) {
  process.stderr.write(`usage: node bench/only.ts <${Object.keys(parts).join('|')}>\n`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await run(await bundleDaemon()), null, 2)}\n`);
process.exit(0);
