/**
 * The one way to derive a nested timeout (an upstream request inside a call): its own cap, within
 * what is left of the call. The call's signal already fires at the deadline; this only adds the
 * shorter, per-request limit (EXAI_PROVIDER_TIMEOUT).
 */
export function providerTimeoutMs(capS: number, deadline: number, now = Date.now()): number {
  return Math.max(0, Math.min(capS * 1000, deadline - now));
}

/** The call's signal, or a nested step's own timeout, whichever fires first. */
export function withTimeout(signal: AbortSignal, timeoutMs: number): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
}
