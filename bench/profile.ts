// `node bench/profile.ts <ws|http|chat> [seconds] [clients]`: the daemon from source under
// `--cpu-prof` with one bench load, then its self time by function and by package. This is how
// the findings in docs/performance.md were made; not part of `npm run bench`.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mcpHttpDriver, mcpWsDriver } from './lib/drivers.ts';
import { throughput } from './lib/load.ts';
import { DAEMON_NODE_FLAGS } from '../daemon/parent/messages.ts';
import { ROOT, benchEnv, freePort, tempDir, waitHealthy } from './lib/processes.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [mode = 'ws', secondsArg = '5', clientsArg = '64'] = process.argv.slice(2);
const port = await freePort();
const dataDir = tempDir();
const profDir = tempDir('exai-prof-');
const child = spawn(
  process.execPath,
  [
    ...DAEMON_NODE_FLAGS,
    '--cpu-prof',
    '--cpu-prof-dir',
    profDir,
    join(ROOT, 'daemon/cli/exai.ts'),
    'daemon',
    '--port',
    String(port),
    '--data-dir',
    dataDir,
  ],
  {
    env: benchEnv({ EXAI_MAX_SESSIONS: '2000' }),
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
await waitHealthy(port);
const token = readFileSync(join(dataDir, 'token'), 'utf8').trim();
const driver = mode === 'http' ? mcpHttpDriver(port, token) : mcpWsDriver(port, token);
await throughput(driver, Number(clientsArg), 1);
const rps = await throughput(driver, Number(clientsArg), Number(secondsArg));
process.stdout.write(`${mode}: ${Math.round(rps)} calls/s at ${clientsArg} clients\n`);
await new Promise<void>((resolve) => {
  child.once('exit', () => resolve());
  child.kill('SIGTERM');
});

const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))!;
const profile = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) =>
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
);
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const byFn = new Map<string, number>();
const byPkg = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const short = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/perf\//, '');
  const pkg =
    /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
    (url.startsWith('node:')
      ? 'node:' + url.slice(5).split('/')[0]
      : url
        ? short.split('/').slice(0, 2).join('/')
        : `(${functionName})`);
  byFn.set(
    `${functionName || '(anon)'} ${short}:${lineNumber + 1}`,
    (byFn.get(`${functionName || '(anon)'} ${short}:${lineNumber + 1}`) ?? 0) + us,
  );
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + us);
}
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${((us / total) * 100).toFixed(1).padStart(5)} %  ${k}`)
    .join('\n');
process.stdout.write(
  `\nself time by package\n${top(byPkg, 20)}\n\nself time by function\n${top(byFn, 40)}\n`,
);
process.stdout.write(`\nprofile: ${join(profDir, file)}\n`);
