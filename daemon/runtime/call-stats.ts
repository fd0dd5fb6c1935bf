import type { ToolError } from '../core/tool-error.ts';

const WINDOW = 1000;

/** Counters and a rolling latency window for the status snapshot (Prometheus has the full histogram). */
export class CallStats {
  calls = 0;
  errors = 0;
  timeouts = 0;
  cacheHits = 0;
  coalesced = 0;
  private readonly latencies: number[] = [];
  private next = 0;
  readonly recentErrors: Array<{ time: number; tool: string; code: string; message: string }> = [];

  recordCall(elapsedMs: number, outcome: string): void {
    this.calls += 1;
    if (outcome !== 'ok') this.errors += 1;
    if (outcome === 'timeout') this.timeouts += 1;
    if (this.latencies.length < WINDOW) this.latencies.push(elapsedMs);
    else this.latencies[this.next] = elapsedMs;
    this.next = (this.next + 1) % WINDOW;
  }

  recordError(tool: string, error: ToolError): void {
    this.recentErrors.unshift({ time: Date.now(), tool, code: error.code, message: error.message });
    this.recentErrors.length = Math.min(this.recentErrors.length, 20);
  }

  percentiles(): { p50: number; p95: number; p99: number } {
    if (this.latencies.length === 0) return { p50: 0, p95: 0, p99: 0 };
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
  }
}
