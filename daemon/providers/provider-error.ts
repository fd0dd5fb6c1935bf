/** Why one upstream attempt failed; decides retry, fallback and what the breaker counts. */
export type FailureKind =
  | 'rate-limited'
  | 'server'
  | 'timeout'
  | 'connection'
  | 'malformed'
  | 'auth'
  | 'not-configured'
  | 'rejected'
  | 'cancelled';

export class ProviderCallError extends Error {
  readonly kind: FailureKind;
  readonly status: number | undefined;
  /** From a 429's Retry-After (seconds or HTTP date), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(
    kind: FailureKind,
    message: string,
    options: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProviderCallError';
    this.kind = kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }

  /**
   * 429, 5xx, timeouts, dropped connections and garbled streams move a call along its fallback
   * chain, and count against the provider's circuit breaker.
   */
  get retryable(): boolean {
    return ['rate-limited', 'server', 'timeout', 'connection', 'malformed'].includes(this.kind);
  }
}

export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
