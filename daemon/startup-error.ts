export type StartupReason = 'port-in-use' | 'already-running' | 'bad-config' | 'error';

const EXIT_CODES: Record<StartupReason, number> = {
  'bad-config': 2,
  'port-in-use': 3,
  'already-running': 4,
  error: 1,
};

/** A start-up failure with the reason the CLI, the supervisor and the user all see. */
export class StartupError extends Error {
  readonly reason: StartupReason;
  readonly port: number | undefined;

  constructor(reason: StartupReason, message: string, port?: number) {
    super(message);
    this.name = 'StartupError';
    this.reason = reason;
    this.port = port;
  }

  get exitCode(): number {
    return EXIT_CODES[this.reason];
  }
}
