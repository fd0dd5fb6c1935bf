import type { ParentToDaemon } from '../../daemon/parent/messages.ts';

// VS Code's starter pattern: the supervisor only knows this interface. ElectronLauncher runs the
// daemon as a utilityProcess inside the app; NodeLauncher forks it with plain Node for tests and
// headless use. Both deliver the same events.

export interface LaunchRequest {
  /** Arguments after the entry script, e.g. ['daemon', '--port', '8765', ...]. */
  args: string[];
  /** The complete environment of the child; launchers do not merge in their own. */
  env: Record<string, string>;
}

export interface ExitInfo {
  code: number | null;
  signal: string | null;
}

export interface DaemonProcessEvents {
  message: unknown;
  stdout: string;
  stderr: string;
  exit: ExitInfo;
}

export interface DaemonProcess {
  readonly pid: number | undefined;
  /** Delivers a message to the daemon; false when the channel is already closed. */
  send(message: ParentToDaemon): boolean;
  /** Hard kill (SIGKILL / TerminateProcess). The graceful path is the `shutdown` message. */
  kill(): void;
  on<K extends keyof DaemonProcessEvents>(
    event: K,
    listener: (payload: DaemonProcessEvents[K]) => void,
  ): () => void;
}

export interface Launcher {
  launch(request: LaunchRequest): DaemonProcess;
}
