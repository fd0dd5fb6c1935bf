import type { Config } from '../config/schema.ts';

/**
 * Deadlines nest: provider < tool < call < client. The call's cap is EXAI_WS_CALL_TIMEOUT; a
 * tool's own default (ToolSpec.timeoutS) and the client's request can only shorten it. The runner
 * turns the result into the call's one signal (call-signal.ts); each upstream request gets at most
 * EXAI_PROVIDER_TIMEOUT within what the call has left (core/deadlines.ts providerTimeoutMs).
 */
export function callDeadlineS(
  config: Config,
  toolTimeoutS: number | undefined,
  clientTimeoutS?: number,
): number {
  const candidates = [config.callTimeoutS, toolTimeoutS ?? config.callTimeoutS];
  if (clientTimeoutS !== undefined && clientTimeoutS > 0) candidates.push(clientTimeoutS);
  return Math.min(...candidates);
}
