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

/** The listen() failure in words that name the port and the flag to change it. */
export function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new StartupError(
      'port-in-use',
      `port ${port} on ${host} is already in use by another program; choose another with --port (or EXAI_WS_PORT)`,
      port,
    );
  }
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    return new StartupError(
      'bad-config',
      `cannot listen on ${host}:${port} (${code}); check --host and --port`,
      port,
    );
  }
  return error;
}
