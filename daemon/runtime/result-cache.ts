import { LRUCache } from 'lru-cache';
import type { Config } from '../config/schema.ts';
import type { ToolResult } from '../core/tool-result.ts';

interface Entry {
  result: ToolResult;
  scope: string;
  bytes: number;
}

/**
 * Successful tool results, per scope, for EXAI_WS_RESULT_TTL seconds; least recently used out
 * first when the count (EXAI_CACHE_MAX_ENTRIES) or size (EXAI_CACHE_MAX_BYTES) bound is reached.
 * The original shared one cache across sessions and kept errors; this one does neither.
 */
export class ResultCache {
  private readonly config: () => Config;
  private readonly lru: LRUCache<string, Entry>;

  /** `now` (milliseconds) replaces the clock the TTL is measured with, for tests. */
  constructor(config: () => Config, options: { now?: () => number } = {}) {
    this.config = config;
    const c = config();
    this.lru = new LRUCache<string, Entry>({
      max: c.cacheMaxEntries,
      maxSize: c.cacheMaxBytes,
      sizeCalculation: (entry) => entry.bytes,
      ...(options.now && { perf: { now: options.now }, ttlResolution: 0 }),
    });
  }

  /** TTL 0 turns caching off; EXAI_CACHE_DISABLE_FOR_TOOLS turns it off for those tools. */
  enabledFor(tool: string): boolean {
    const c = this.config();
    return c.resultTtlS > 0 && !c.cacheDisabledFor.includes(tool);
  }

  get(key: string): ToolResult | undefined {
    const entry = this.lru.get(key);
    return entry ? structuredClone(entry.result) : undefined;
  }

  /** Only successes are kept; a result too big for the byte bound is simply not cached. */
  set(key: string, scope: string, result: ToolResult): void {
    if (result.isError) return;
    const bytes = Math.max(1, Buffer.byteLength(JSON.stringify(result)));
    if (bytes > this.config().cacheMaxBytes) return;
    this.lru.set(
      key,
      { result: structuredClone(result), scope, bytes },
      { ttl: this.config().resultTtlS * 1000 },
    );
  }

  /** A session ended: its results can never be asked for again. */
  dropScope(scope: string): void {
    for (const [key, entry] of this.lru.entries()) if (entry.scope === scope) this.lru.delete(key);
  }

  get entries(): number {
    return this.lru.size;
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }
}
