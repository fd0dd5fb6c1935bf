// `node bench/heap.ts [sessions]`: the daemon from source, a heap snapshot with 10 idle MCP-WS
// sessions and another with 10 + n, then what one session adds to the heap, by kind and
// constructor. How the per-session findings in docs/performance.md were made; not part of
// `npm run bench`.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { WsRpcClient } from './lib/rpc-client.ts';
import { ROOT, startBenchDaemon, tempDir } from './lib/processes.ts';

const added = Number(process.argv[2] ?? 300);
const snapDir = tempDir('exai-heap-');
// SIGUSR2 writes a heap snapshot into the daemon's working folder.
const daemon = await startBenchDaemon(
  join(ROOT, 'daemon/cli/exai.ts'),
  { EXAI_MAX_SESSIONS: '5000' },
  { nodeFlags: ['--heapsnapshot-signal=SIGUSR2'], cwd: snapDir },
);
const { child, port, token } = daemon;
const clients: WsRpcClient[] = [];
const open = async (n: number) => {
  for (let i = 0; i < n; i++) {
    const c = await WsRpcClient.connect(`ws://127.0.0.1:${port}/?token=${token}`, 'mcp');
    await c.initialize();
    clients.push(c);
  }
};

async function snapshot(): Promise<Map<string, number>> {
  const before = new Set(readdirSync(snapDir));
  child.kill('SIGUSR2');
  let file: string | undefined;
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    file = readdirSync(snapDir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    if (file) {
      const size = () => readFileSync(join(snapDir, file!)).length;
      const s1 = size();
      await new Promise((r) => setTimeout(r, 500));
      if (size() === s1 && s1 > 0) break;
    }
  }
  const snap = JSON.parse(readFileSync(join(snapDir, file), 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [t, n, s] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const byKind = new Map<string, number>();
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + t]!]!;
    const name = type === 'object' || type === 'closure' ? snap.strings[snap.nodes[i + n]!] : '';
    const key = `${type}${name ? ` ${name}` : ''}`;
    byKind.set(key, (byKind.get(key) ?? 0) + snap.nodes[i + s]!);
  }
  return byKind;
}

await open(10);
await new Promise((r) => setTimeout(r, 500));
const a = await snapshot();
await open(added);
await new Promise((r) => setTimeout(r, 500));
const b = await snapshot();
const rows = [...b]
  .map(([k, v]) => [k, (v - (a.get(k) ?? 0)) / added] as const)
  .filter(([, v]) => Math.abs(v) >= 16)
  .sort((x, y) => y[1] - x[1]);
const total = rows.reduce((sum, [, v]) => sum + v, 0);
process.stdout.write(`heap added per idle MCP-WS session: ${(total / 1024).toFixed(1)} KB\n`);
for (const [k, v] of rows.slice(0, 40))
  process.stdout.write(`${v.toFixed(0).padStart(7)} B  ${k}\n`);
for (const c of clients) c.close();
await daemon.stop();
rmSync(snapDir, { recursive: true, force: true });
