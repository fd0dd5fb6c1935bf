/**
 * A nested timer fires this long after the call's deadline when the deadline is the nearer limit,
 * so the call's own deadline (its one signal) ends the request and names it the call's timeout.
 */
const PAST_DEADLINE_MS = 50;

/**
 * An upstream request's own limit: the provider timeout (EXAI_PROVIDER_TIMEOUT) when it ends
 * before the call's deadline; otherwise just past that deadline, which then decides.
 */
export function providerTimeoutMs(capS: number, deadline: number, now = Date.now()): number {
  const left = Math.max(0, deadline - now);
  const cap = capS * 1000;
  return cap < left ? cap : left + PAST_DEADLINE_MS;
}

/** The call's signal, or a nested step's own timeout, whichever fires first. */
export function withTimeout(signal: AbortSignal, timeoutMs: number): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
}
