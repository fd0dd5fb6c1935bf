// Counts for the attack suite: bounded for `npm test`, full under `npm run soak` (EXAI_SOAK=1).
export const SOAK = process.env.EXAI_SOAK === '1';

export const SCALE = {
  /** Fuzzed frames per transport (MCP-WS, MCP-HTTP POSTs, legacy). */
  fuzzFrames: SOAK ? 20_000 : 2000,
  /** Connections opened against the session limit, and that limit. */
  sessions: 1000,
  maxSessions: SOAK ? 256 : 100,
  /** Calls in flight when the daemon is killed. */
  killedCalls: SOAK ? 40 : 8,
  /** Kill and restart rounds. */
  killRounds: SOAK ? 5 : 1,
  /** Per-test time limit. */
  timeoutMs: SOAK ? 600_000 : 90_000,
} as const;

/** fast-check runs with a fixed seed, so a failure reproduces. */
export const FUZZ_SEED = 20261129;
