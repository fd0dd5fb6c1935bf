import type { BreakerState } from '../parent/status.ts';

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. */
  threshold: () => number;
  /** How long an open breaker rests the provider before one probe call is let through. */
  cooldownMs: () => number;
  now?: () => number;
}

/**
 * One per provider. Closed: calls pass and failures are counted. Open: calls are refused until the
 * cooldown ends. Half-open: one probe call passes; its success closes the breaker, its failure
 * opens it again for another cooldown.
 */
export class CircuitBreaker {
  private stateValue: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probeInFlight = false;
  private readonly options: BreakerOptions;
  private readonly now: () => number;

  constructor(options: BreakerOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  /** The state as a caller would see it now: an open breaker past its cooldown reads half-open. */
  get state(): BreakerState {
    if (this.stateValue === 'open' && this.now() - this.openedAt >= this.options.cooldownMs())
      return 'half-open';
    return this.stateValue;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Milliseconds until an open breaker lets a probe through (0 when calls may pass). */
  retryInMs(): number {
    if (this.stateValue !== 'open') return 0;
    return Math.max(0, this.openedAt + this.options.cooldownMs() - this.now());
  }

  /** Asks to make a call; in half-open only the first asker (the probe) is let through. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probeInFlight) return false;
    this.stateValue = 'half-open';
    this.probeInFlight = true;
    return true;
  }

  success(): void {
    this.stateValue = 'closed';
    this.failures = 0;
    this.probeInFlight = false;
  }

  failure(): void {
    this.failures += 1;
    this.probeInFlight = false;
    if (this.stateValue === 'half-open' || this.failures >= this.options.threshold()) {
      this.stateValue = 'open';
      this.openedAt = this.now();
    }
  }

  /** A call that ended without telling us about the provider's health (cancelled, bad request). */
  release(): void {
    if (this.probeInFlight) {
      this.probeInFlight = false;
      if (this.stateValue === 'half-open') {
        // Let the next caller probe instead.
        this.stateValue = 'open';
        this.openedAt = this.now() - this.options.cooldownMs();
      }
    }
  }
}
