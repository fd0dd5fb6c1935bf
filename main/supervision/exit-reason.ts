import type { FatalMessage } from '../../daemon/parent/messages.ts';
import type { Message } from '../../preload/api.ts';
import type { ExitInfo } from './launcher.ts';

// Turns "the daemon went away" into words a user can act on. The daemon's `fatal` message is the
// best source; its exit code (2 bad config, 3 port in use, 4 already running) is the fallback when
// the message was lost; the last stderr line says the rest.

export interface ExitReason {
  code: 'port-in-use' | 'bad-config' | 'already-running' | 'start-timeout' | 'exit';
  reason: string;
  /** The same, as a catalog key (reason.*) for the tray and windows to show in their language. */
  message: Message;
}

export interface ExitContext {
  fatal?: FatalMessage;
  exit?: ExitInfo;
  /** Was the daemon ready (running) before it went away? */
  wasReady: boolean;
  timedOut?: boolean;
  /** The port we asked for, to name it when the daemon could not say. */
  port: number;
  lastStderr?: string;
}

export function describeExit(ctx: ExitContext): ExitReason {
  const fatalReason = ctx.fatal?.reason;
  const exitCode = ctx.exit?.code;
  if (fatalReason === 'port-in-use' || exitCode === 3) {
    const port = ctx.fatal?.port ?? ctx.port;
    return {
      code: 'port-in-use',
      reason: `Port ${port} is already in use by another program. Close it or choose another port in Settings.`,
      message: { key: 'reason.port-in-use', params: { port } },
    };
  }
  if (fatalReason === 'bad-config' || exitCode === 2) {
    const detail = ctx.fatal?.message ?? ctx.lastStderr ?? 'no details';
    return {
      code: 'bad-config',
      reason: `The daemon's configuration is invalid: ${detail}`,
      message: { key: 'reason.bad-config', params: { detail } },
    };
  }
  if (fatalReason === 'already-running' || exitCode === 4) {
    const reason =
      ctx.fatal?.message ?? 'Another EXAI daemon is already running on this data folder.';
    // The daemon's own words name the folder; they are shown as they are.
    return {
      code: 'already-running',
      reason,
      message: ctx.fatal?.message
        ? { key: 'reason.raw', params: { text: reason } }
        : { key: 'reason.already-running' },
    };
  }
  if (ctx.timedOut) {
    return {
      code: 'start-timeout',
      reason: 'The daemon did not report ready in time and was stopped.',
      message: { key: 'reason.start-timeout' },
    };
  }
  const how = ctx.exit?.signal
    ? `was killed (${ctx.exit.signal})`
    : `exited with code ${ctx.exit?.code ?? 'unknown'}`;
  const when = ctx.wasReady ? 'The daemon' : 'The daemon, while starting,';
  const detail = ctx.fatal?.message ?? ctx.lastStderr;
  const key = `reason.${ctx.exit?.signal ? 'killed' : 'exited'}${ctx.wasReady ? '' : 'Starting'}${detail ? 'Detail' : ''}`;
  const params = {
    signal: ctx.exit?.signal ?? '',
    code: String(ctx.exit?.code ?? '?'),
    detail: detail ?? '',
  };
  return {
    code: 'exit',
    reason: `${when} ${how}${detail ? `: ${detail}` : '.'}`,
    message: { key, params },
  };
}
