import type { FatalMessage } from '../../daemon/parent/messages.ts';
import type { ExitInfo } from './launcher.ts';

// Turns "the daemon went away" into words a user can act on. The daemon's `fatal` message is the
// best source; its exit code (2 bad config, 3 port in use, 4 already running) is the fallback when
// the message was lost; the last stderr line says the rest.

export interface ExitReason {
  code: 'port-in-use' | 'bad-config' | 'already-running' | 'start-timeout' | 'exit';
  reason: string;
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
    };
  }
  if (fatalReason === 'bad-config' || exitCode === 2) {
    const detail = ctx.fatal?.message ?? ctx.lastStderr ?? 'no details';
    return { code: 'bad-config', reason: `The daemon's configuration is invalid: ${detail}` };
  }
  if (fatalReason === 'already-running' || exitCode === 4) {
    return {
      code: 'already-running',
      reason: ctx.fatal?.message ?? 'Another EXAI daemon is already running on this data folder.',
    };
  }
  if (ctx.timedOut) {
    return { code: 'start-timeout', reason: 'The daemon did not report ready in time and was stopped.' };
  }
  const how = ctx.exit?.signal ? `was killed (${ctx.exit.signal})` : `exited with code ${ctx.exit?.code ?? 'unknown'}`;
  const when = ctx.wasReady ? 'The daemon' : 'The daemon, while starting,';
  const detail = ctx.fatal?.message ?? ctx.lastStderr;
  return { code: 'exit', reason: `${when} ${how}${detail ? `: ${detail}` : '.'}` };
}
