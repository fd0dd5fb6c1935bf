import type { ScalingRow, TrivialResult, TrivialRow } from './trivial.ts';
import type { MemoryResult } from './memory.ts';
import type { ProviderPathResult } from './provider-path.ts';
import type { ConcurrencyResult } from './concurrency.ts';
import type { ColdStartResult } from './cold-start.ts';
import type { ChatTurnsResult } from './chat-turns.ts';
import type { RelevantFilesResult } from './relevant-files.ts';
import { growth, round } from './lib/stats.ts';

export interface BenchResults {
  ranAt: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    platform: string;
    loadAvgBefore: number[];
    loadAvgAfter: number[];
  };
  durationS: number;
  trivial: TrivialResult;
  coldStart: ColdStartResult;
  memory: MemoryResult;
  providerPath: ProviderPathResult;
  concurrency: ConcurrencyResult;
  chatTurns: ChatTurnsResult;
  relevantFiles: RelevantFilesResult;
}

const mark = (ok: boolean) => (ok ? '✅' : '❌');
const isHttp = (row: TrivialRow) => /HTTP|http/.test(row.transport);
const pct = (x: number) => `${Math.round(x * 100)} %`;

function table(
  lines: string[],
  head: string[],
  rows: Array<Array<string | number>>,
  align: string[],
): void {
  lines.push(`| ${head.join(' | ')} |`, `|${align.join('|')}|`);
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  lines.push('');
}

function scalingTable(lines: string[], s: ScalingRow): void {
  const first = s.points[0]!;
  const last = s.points.at(-1)!;
  lines.push(`**${s.transport}**, trivial call, clients calling back-to-back:`, '');
  table(
    lines,
    ['clients', 'calls/s', 'p50 ms', 'p99 ms', 'daemon CPU µs/call'],
    s.points.map((p) => [
      p.clients,
      Math.round(p.rps),
      round(p.p50Ms, 3),
      round(p.p99Ms, 3),
      Math.round(p.cpuUsPerCall ?? Number.NaN),
    ]),
    ['---:', '---:', '---:', '---:', '---:'],
  );
  lines.push(
    `Growth from ${first.clients} to ${last.clients} clients: throughput ${growth(first.clients, first.rps, last.clients, last.rps)}; p50 ${growth(first.clients, first.p50Ms, last.clients, last.p50Ms)}; CPU per call ${growth(first.clients, first.cpuUsPerCall ?? 0, last.clients, last.cpuUsPerCall ?? 0)}.`,
    '',
  );
}

/** The markdown docs/performance.md shows. */
export function renderReport(r: BenchResults): string {
  const rows = r.trivial.rows;
  const find = (prefix: string) => rows.find((row) => row.transport.startsWith(prefix))!;
  const wsEcho = find('ws echo');
  const httpEcho = find('node:http echo');
  const ws = find('MCP over WebSocket');
  const http = find('MCP over HTTP');
  const peerWs = find('supergateway, WebSocket');
  const peerHttp = find('supergateway, HTTP');
  const lines: string[] = [];
  const load = (l: number[]) => l.map((x) => round(x, 1)).join(' / ');
  lines.push(
    `Ran ${r.ranAt} on ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node} (${r.machine.platform}); whole run ${r.durationS}s; load average (1/5/15 min) ${load(r.machine.loadAvgBefore)} before, ${load(r.machine.loadAvgAfter)} after.`,
    '',
  );
  lines.push(
    `**Trivial call** (\`version\`; answer ${r.trivial.answerBytes} bytes; each echo baseline answers with the same size; HTTP rows are compared with the node:http echo, the others with the ws echo)`,
    '',
  );
  table(
    lines,
    [
      'transport',
      'p50 ms',
      'p99 ms',
      'p50 × echo',
      'calls/s ×1',
      '×8',
      '×64',
      '×64 vs echo',
      'server CPU µs/call ×64',
    ],
    rows.map((row) => {
      const echo = isHttp(row) ? httpEcho : wsEcho;
      return [
        row.transport,
        round(row.p50Ms, 3),
        round(row.p99Ms, 3),
        `${round(row.p50Ms / echo.p50Ms)}×`,
        Math.round(row.rps1),
        Math.round(row.rps8),
        Math.round(row.rps64),
        pct(row.rps64 / echo.rps64),
        row.cpuUs64 === undefined ? '–' : Math.round(row.cpuUs64),
      ];
    }),
    ['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:'],
  );
  lines.push(r.trivial.note, '');

  const m = r.memory;
  const growthRatio = m.rssAfter20kMb / m.rssAfter2kMb;
  const cold = r.coldStart.daemonP50Ms / r.coldStart.nodeP50Ms;
  const t = r.concurrency;
  const p = r.providerPath;
  lines.push('**Targets** (issue 15), each a ratio measured in this run:', '');
  table(
    lines,
    ['target', 'measured', ''],
    [
      [
        'MCP-WS throughput at 64 clients ≥ 1.5× supergateway (stdio→ws)',
        `${round(ws.rps64 / peerWs.rps64)}×`,
        mark(ws.rps64 / peerWs.rps64 >= 1.5),
      ],
      [
        'MCP-WS throughput at 64 clients ≥ 45 % of ws echo',
        pct(ws.rps64 / wsEcho.rps64),
        mark(ws.rps64 / wsEcho.rps64 >= 0.45),
      ],
      [
        'MCP-WS trivial-call p50 ≤ 1.5× ws echo',
        `${round(ws.p50Ms / wsEcho.p50Ms)}×`,
        mark(ws.p50Ms / wsEcho.p50Ms <= 1.5),
      ],
      [
        'MCP over HTTP throughput at 64 clients ≥ 1.5× supergateway (stdio→Streamable HTTP)',
        `${round(http.rps64 / peerHttp.rps64)}×`,
        mark(http.rps64 / peerHttp.rps64 >= 1.5),
      ],
      [
        'MCP over HTTP p50 ≤ 3× node:http echo',
        `${round(http.p50Ms / httpEcho.p50Ms)}×`,
        mark(http.p50Ms / httpEcho.p50Ms <= 3),
      ],
      [
        'MCP over HTTP throughput at 64 clients vs node:http echo (no target)',
        pct(http.rps64 / httpEcho.rps64),
        '',
      ],
      [
        `provider-path overhead p50 ≤ 2 ms (fake: ${p.fakeLatencyMs} ms + ${p.tokens} streamed tokens)`,
        `p50 ${round(p.overheadP50Ms)} ms, p99 ${round(p.overheadP99Ms)} ms`,
        mark(p.overheadP50Ms <= 2),
      ],
      [
        `memory per idle MCP-WS session ≤ 30 KB (from ${m.idleSessions[0]!.sessions} to ${m.sessions} sessions)`,
        `${round(m.perSessionKb, 1)} KB (a raw \`ws\` echo connection: ${round(m.echoPerConnectionKb, 1)} KB, ${round(m.perSessionKb / m.echoPerConnectionKb)}×; from no session, with the SDK's one-time load: ${round(m.perSessionFromIdleKb, 1)} KB)`,
        mark(m.perSessionKb <= 30),
      ],
      [
        "idle RSS ≤ 60 MB (once idle: after the daemon's idle trim, 10 s after start)",
        `${round(m.idleTrimmedRssMb, 1)} MB (1 s after start: ${round(m.idleRssMb, 1)} MB)`,
        mark(m.idleTrimmedRssMb <= 60),
      ],
      [
        'RSS after 20,000 calls ≤ 1.15× after 2,000',
        `${round(m.rssAfter20kMb, 1)} MB vs ${round(m.rssAfter2kMb, 1)} MB (${round(growthRatio)}×)`,
        mark(growthRatio <= 1.15),
      ],
      [
        'RSS after 20,000 calls, once idle (the idle trim; no target)',
        `${round(m.rssAfter20kIdleMb, 1)} MB`,
        '',
      ],
      [
        `cold start ≤ 2.5× \`node -e 0\` (spawn → /healthz 200, p50 of ${r.coldStart.runs})`,
        `${Math.round(r.coldStart.daemonP50Ms)} ms vs ${Math.round(r.coldStart.nodeP50Ms)} ms (${round(cold)}×; first run, compile cache empty: ${Math.round(r.coldStart.daemonUncachedMs)} ms)`,
        mark(cold <= 2.5),
      ],
      [
        `${t.calls} concurrent \`chat\` calls, default limits: ≥ 75 % of the theoretical max`,
        `${round(t.throughput, 1)}/s of ${round(t.theoreticalMax, 1)}/s (${pct(t.throughput / t.theoreticalMax)}), ${t.overCapacityRetries} OVER_CAPACITY retries`,
        mark(t.throughput / t.theoreticalMax >= 0.75),
      ],
      [
        `… and OVER_CAPACITY only past the queue bound (\`limits.queueLength\` ${t.queueBound} waiting per limit)`,
        `at most ${t.mostWaiting} wait under one limit; ${t.overCapacityRetries} OVER_CAPACITY; daemon CPU ${round(t.daemonCpuMsPerCall, 2)} ms per call`,
        mark(t.mostWaiting > t.queueBound || t.overCapacityRetries === 0),
      ],
      [
        `cancel → upstream request closed ≤ 100 ms (p99 of 30 cancels)`,
        `p50 ${round(p.cancelToUpstreamCloseP50Ms)} ms, p99 ${round(p.cancelToUpstreamCloseP99Ms)} ms`,
        mark(p.cancelToUpstreamCloseP99Ms <= 100),
      ],
      [
        `token leaves the fake → its progress notification at the client (no target)`,
        `p50 ${round(p.tokenToProgressP50Ms)} ms, p99 ${round(p.tokenToProgressP99Ms)} ms (${p.progressSamples} notifications)`,
        '',
      ],
      [
        'zero lost answers',
        `lost ${t.lost}, duplicated ${t.duplicated}, mismatched ${t.wrong}`,
        mark(t.lost === 0 && t.duplicated === 0 && t.wrong === 0),
      ],
      [
        `${t.identicalCalls} identical concurrent calls → one upstream request`,
        `${t.identicalUpstream} upstream`,
        mark(t.identicalUpstream === 1),
      ],
    ],
    ['---', '---', '---'],
  );

  lines.push('**Scaling**', '');
  for (const s of r.trivial.scaling) scalingTable(lines, s);

  const steps = m.idleSessions;
  lines.push(
    '**Idle MCP-WS sessions**, RSS of the daemon (the first session also loads the MCP SDK, about 10 MB):',
    '',
  );
  table(
    lines,
    ['sessions', 'RSS MB', 'above idle MB', 'KB per added session'],
    steps.map((s, i) => {
      const prev = steps[i - 1];
      const marginal = prev
        ? ((s.rssMb - prev.rssMb) * 1024) / (s.sessions - prev.sessions)
        : Number.NaN;
      return [
        s.sessions,
        round(s.rssMb, 1),
        round(s.rssMb - m.idleRssMb, 1),
        prev ? round(marginal, 1) : '(SDK load)',
      ];
    }),
    ['---:', '---:', '---:', '---:'],
  );
  const [s0, s1, sN] = [steps[0]!, steps[1]!, steps.at(-1)!];
  lines.push(
    `Growth of RSS above the ${s0.sessions}-session point, from ${s1.sessions} to ${sN.sessions} sessions: ${growth(s1.sessions, s1.rssMb - s0.rssMb, sN.sessions, sN.rssMb - s0.rssMb)}.`,
    '',
  );

  const c = r.chatTurns;
  lines.push(
    `**\`chat\` in a conversation**: the daemon's own time per call (client wait minus the fake provider's time; 2 KB prompts, answers of 100 streamed tokens; p50 over ${c.conversations} conversations) at its Nth exchange:`,
    '',
  );
  table(
    lines,
    ['exchange', 'messages sent upstream', 'p50 ms', 'p99 ms'],
    c.points.map((pt) => [pt.turn, pt.messagesSent, round(pt.p50Ms, 2), round(pt.p99Ms, 2)]),
    ['---:', '---:', '---:', '---:'],
  );
  const c0 = c.points[0]!;
  const cN = c.points.at(-1)!;
  lines.push(
    `Growth from exchange ${c0.turn} to ${cN.turn}: ${growth(c0.turn, c0.p50Ms, cN.turn, cN.p50Ms)}.`,
    '',
  );
  const f = r.relevantFiles;
  lines.push(
    `**A workflow step's \`relevant_files\`**: read through the daemon's file reader and fitted into a 256k-token model's file budget, against reading the same files with \`fs\` alone (files of ${f.fileBytes} bytes; median of 5, in the bench process):`,
    '',
  );
  table(
    lines,
    ['files', 'read and fit ms', 'fs alone ms', '× fs', 'embedded / omitted'],
    f.points.map((pt) => [
      pt.files,
      round(pt.workflowMs, 1),
      round(pt.fsMs, 1),
      `${round(pt.workflowMs / pt.fsMs, 1)}×`,
      `${pt.embedded} / ${pt.omitted}`,
    ]),
    ['---:', '---:', '---:', '---:', '---:'],
  );
  const f0 = f.points[0]!;
  const fN = f.points.at(-1)!;
  lines.push(
    `Growth from ${f0.files} to ${fN.files} files: read and fit ${growth(f0.files, f0.workflowMs, fN.files, fN.workflowMs)}; fs alone ${growth(f0.files, f0.fsMs, fN.files, fN.fsMs)}.`,
    '',
  );
  return `${lines.join('\n')}\n`;
}
