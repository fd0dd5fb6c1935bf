// `node bench/profile.ts <ws|http|chat> [seconds] [clients]`: the daemon from source under
// `--cpu-prof` with one bench load (chat: the provider-path load, one client), then its self time
// by function and by package. This is how the findings in docs/performance.md were made; not part
// of `npm run bench`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mcpHttpDriver, mcpWsDriver } from './lib/drivers.ts';
import { WsRpcClient } from './lib/rpc-client.ts';
import { FakeProvider } from '../test/fixtures/fake-provider.ts';
import { load, throughput } from './lib/load.ts';
import { ROOT, cpuMsOf, startBenchDaemon, tempDir } from './lib/processes.ts';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const FAKE_KEY = 'sk-bench-0123456789abcdef';
const [mode = 'ws', secondsArg = '5', clientsArg = '64'] = process.argv.slice(2);
/** CPU_ONLY=1: no profiler, only the daemon's CPU time per call (what a loaded machine cannot skew). */
const cpuOnly = process.env.CPU_ONLY === '1';
const profilePath = mode.endsWith('.cpuprofile') ? mode : await profileDaemon();
if (cpuOnly) process.exit(0);

/** Runs the daemon from source under the load and returns its profile's path. */
async function profileDaemon(): Promise<string> {
  const fake = mode === 'chat' ? await startFake() : undefined;
  const profDir = tempDir('exai-prof-');
  const daemon = await startBenchDaemon(
    join(ROOT, 'daemon/cli/exai.ts'),
    {
      EXAI_MAX_SESSIONS: '2000',
      ...(fake && {
        GLM_API_KEY: FAKE_KEY,
        GLM_API_URL: fake.baseUrl,
        KIMI_API_KEY: FAKE_KEY,
        KIMI_API_URL: fake.baseUrl,
      }),
    },
    { nodeFlags: cpuOnly ? [] : ['--cpu-prof', '--cpu-prof-dir', profDir] },
  );
  const { child, port, token } = daemon;
  if (mode === 'chat') {
    // The provider-path load: one client, `chat` calls one after another against the fake.
    const c = await WsRpcClient.connect(`ws://127.0.0.1:${port}/?token=${token}`, 'mcp');
    await c.initialize();
    const call = (prompt: string) =>
      c.request('tools/call', { name: 'chat', arguments: { prompt, model: 'glm-4.5-flash' } });
    for (let i = 0; i < 20; i += 1) await call(`warm ${i}`);
    const cpu0 = cpuMsOf(child.pid!);
    const t0 = performance.now();
    let calls = 0;
    while (performance.now() - t0 < Number(secondsArg) * 1000) await call(`call ${calls++}`);
    const cpuPerCallUs = ((cpuMsOf(child.pid!) - cpu0) * 1000) / calls;
    process.stdout.write(
      `chat: ${calls} calls (fake: 10 ms, 100 tokens), daemon CPU ${Math.round(cpuPerCallUs)} µs per call ${cpuOnly ? '' : '(profiler on)'}\n`,
    );
    c.close();
  } else {
    const driver = mode === 'http' ? mcpHttpDriver(port, token) : mcpWsDriver(port, token);
    await throughput(driver, Number(clientsArg), 1);
    const cpu0 = cpuMsOf(child.pid!);
    const r = await load(driver, Number(clientsArg), Number(secondsArg));
    const cpuPerCallUs = ((cpuMsOf(child.pid!) - cpu0) * 1000) / r.calls;
    process.stdout.write(
      `${mode}: ${Math.round(r.rps)} calls/s at ${clientsArg} clients, daemon CPU ${Math.round(cpuPerCallUs)} µs per call ${cpuOnly ? '' : '(profiler on)'}\n`,
    );
  }
  await fake?.stop();
  // The profile is written as the daemon exits.
  await daemon.stop();

  if (cpuOnly) return '';
  return join(
    profDir,
    readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))!,
  );
}

/** The fake provider as bench/provider-path.ts sets it up: 10 ms, then 100 streamed tokens. */
async function startFake(): Promise<FakeProvider> {
  const fake = new FakeProvider({
    apiKey: FAKE_KEY,
    defaultReply: () => Array.from({ length: 100 }, (_, i) => `t${i}`).join(' '),
  });
  fake.latencyMs = 10;
  await fake.start();
  // Only the load matters here: keep the fake's request log from growing for the whole run.
  setInterval(() => (fake.requests.length = 0), 1000).unref();
  return fake;
}

const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as Profile;
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
// Inclusive time: each sample counts once for every distinct function on its stack.
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/perf\//, '')}:${n.callFrame.lineNumber + 1}`;
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const n = byId.get(at)!;
    if (!n.callFrame.url) continue;
    const key = label(n);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
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
process.stdout.write(
  `\ninclusive time by function\n${top(inclusive, Number(process.env.PROFILE_TOP ?? 60))}\n`,
);
process.stdout.write(`\nprofile: ${profilePath}\n`);
