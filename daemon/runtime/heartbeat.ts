/**
 * Progress at the progress interval while a call runs. It only reports: the original's heartbeat
 * wait cancelled any tool slower than the interval, so slow calls never answered.
 */
export interface Heartbeat {
  /** Something else reported progress; the next beat is due a full interval from now. */
  reported(): void;
  stop(): void;
}

export function startHeartbeat(intervalMs: number, beat: () => void): Heartbeat {
  let last = Date.now();
  const timer = setInterval(() => {
    if (Date.now() - last >= intervalMs - 5) beat();
  }, intervalMs);
  timer.unref();
  return {
    reported: () => {
      last = Date.now();
    },
    stop: () => clearInterval(timer),
  };
}
