import type { TrivialResult } from './trivial.ts';
import type { MemoryResult } from './memory.ts';
import type { ProviderPathResult } from './provider-path.ts';
import type { ConcurrencyResult } from './concurrency.ts';
import type { ColdStartResult } from './cold-start.ts';
import { round } from './lib/stats.ts';

export interface BenchResults {
  ranAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  durationS: number;
  trivial: TrivialResult;
  coldStart: ColdStartResult;
  memory: MemoryResult;
  providerPath: ProviderPathResult;
  concurrency: ConcurrencyResult;
}

const mark = (ok: boolean) => (ok ? '✅' : '❌');

/** The markdown docs/performance.md shows. */
export function renderReport(r: BenchResults): string {
  const echo = r.trivial.rows[0]!;
  const peer = r.trivial.rows.find((row) => row.transport.startsWith('supergateway'))!;
  const ws = r.trivial.rows.find((row) => row.transport === 'MCP over WebSocket')!;
  const lines: string[] = [];
  lines.push(`Ran ${r.ranAt} on ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node} (${r.machine.platform}); whole run ${r.durationS}s.`, '');
  lines.push('**Trivial call** (`version`; answer frame ' + r.trivial.answerBytes + ' bytes; the echo baseline answers frames of the same size)', '');
  lines.push('| transport | p50 ms | p99 ms | p50 × echo | calls/s ×1 | ×8 | ×64 | ×64 vs echo |', '|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of r.trivial.rows) {
    lines.push(
      `| ${row.transport} | ${round(row.p50Ms, 3)} | ${round(row.p99Ms, 3)} | ${round(row.p50Ms / echo.p50Ms)}× | ${Math.round(row.rps1)} | ${Math.round(row.rps8)} | ${Math.round(row.rps64)} | ${Math.round((row.rps64 / echo.rps64) * 100)} % |`,
    );
  }
  lines.push('', r.trivial.note, '');
  const coldRatio = r.coldStart.daemonP50Ms / r.coldStart.nodeP50Ms;
  const growth = r.memory.rssAfter20kMb - r.memory.rssAfter2kMb;
  const t = r.concurrency;
  lines.push('| target | measured | |', '|---|---|---|');
  lines.push(`| trivial-call p50 ≤ 1.5× echo (MCP-WS) | ${round(ws.p50Ms / echo.p50Ms)}× | ${mark(ws.p50Ms / echo.p50Ms <= 1.5)} |`);
  lines.push(`| throughput at 64 clients ≥ 50 % of echo (MCP-WS) | ${Math.round((ws.rps64 / echo.rps64) * 100)} % | ${mark(ws.rps64 / echo.rps64 >= 0.5)} |`);
  lines.push(`| ≥ 3× supergateway's throughput (64 clients, MCP-WS) | ${round(ws.rps64 / peer.rps64)}× | ${mark(ws.rps64 / peer.rps64 >= 3)} |`);
  lines.push(
    `| cold start ≤ 200 ms (spawn → /healthz 200, p50 of ${r.coldStart.runs}; Node's compile cache warm after the first run) | ${Math.round(r.coldStart.daemonP50Ms)} ms (node -e 0: ${Math.round(r.coldStart.nodeP50Ms)} ms, ${round(coldRatio)}×; first run, cache empty: ${Math.round(r.coldStart.daemonUncachedMs)} ms) | ${mark(r.coldStart.daemonP50Ms <= 200)} |`,
  );
  lines.push(`| idle RSS ≤ 60 MB | ${round(r.memory.idleRssMb, 1)} MB | ${mark(r.memory.idleRssMb <= 60)} |`);
  lines.push(`| ≤ 40 KB per idle session (${r.memory.sessions} MCP-WS sessions) | ${round(r.memory.perSessionKb, 1)} KB | ${mark(r.memory.perSessionKb <= 40)} |`);
  lines.push(`| no leak: RSS after 20,000 calls vs after 2,000 | ${round(r.memory.rssAfter20kMb, 1)} MB vs ${round(r.memory.rssAfter2kMb, 1)} MB (${growth >= 0 ? '+' : ''}${round(growth, 1)} MB) | ${mark(growth < 10)} |`);
  lines.push(`| provider-path overhead ≤ 2 ms p50 (fake: ${r.providerPath.fakeLatencyMs} ms + ${r.providerPath.tokens} streamed tokens) | p50 ${round(r.providerPath.overheadP50Ms)} ms, p99 ${round(r.providerPath.overheadP99Ms)} ms | ${mark(r.providerPath.overheadP50Ms <= 2)} |`);
  lines.push(`| token leaves the fake → its progress notification at the client | p50 ${round(r.providerPath.tokenToProgressP50Ms)} ms, p99 ${round(r.providerPath.tokenToProgressP99Ms)} ms (${r.providerPath.progressSamples} notifications) | |`);
  lines.push(
    `| cancel → upstream request closed ≤ 100 ms (p99 of 30 cancels) | p50 ${round(r.providerPath.cancelToUpstreamCloseP50Ms)} ms, p99 ${round(r.providerPath.cancelToUpstreamCloseP99Ms)} ms | ${mark(r.providerPath.cancelToUpstreamCloseP99Ms <= 100)} |`,
  );
  lines.push(`| ${t.calls} concurrent \`chat\` calls, default limits: throughput vs theoretical max | ${round(t.throughput, 1)}/s of ${round(t.theoreticalMax, 1)}/s (${Math.round((t.throughput / t.theoreticalMax) * 100)} %), ${t.overCapacityRetries} OVER_CAPACITY retries | |`);
  lines.push(`| zero lost answers | lost ${t.lost}, duplicated ${t.duplicated}, mismatched ${t.wrong} | ${mark(t.lost === 0 && t.duplicated === 0 && t.wrong === 0)} |`);
  lines.push(`| ${t.identicalCalls} identical concurrent calls → one upstream request | ${t.identicalUpstream} upstream | ${mark(t.identicalUpstream === 1)} |`);
  return `${lines.join('\n')}\n`;
}
