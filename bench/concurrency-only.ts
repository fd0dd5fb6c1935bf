// `node bench/concurrency-only.ts`: only the 500-concurrent-`chat` part of `npm run bench`, against
// the bundled daemon (for before/after comparisons of the limits; not part of `npm run bench`).
import { bundleDaemon } from './lib/processes.ts';
import { runConcurrency } from './concurrency.ts';

const entry = await bundleDaemon();
const result = await runConcurrency(entry);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
process.exit(0);
