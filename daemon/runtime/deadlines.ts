import type { Config } from '../config/schema.ts';

/**
 * Deadlines nest: provider < tool < call < client. The call's cap is EXAI_WS_CALL_TIMEOUT; a
 * tool's own default (ToolSpec.timeoutS) and the client's request can only shorten it. Each
 * upstream request gets at most EXAI_PROVIDER_TIMEOUT and never more than the call has left
 * (see providerTimeoutMs), and at the call's deadline the runner aborts ctx.signal, which
 * aborts the provider's HTTP request.
 */
export function callDeadlineS(config: Config, toolTimeoutS: number | undefined, clientTimeoutS?: number): number {
  const candidates = [config.callTimeoutS, toolTimeoutS ?? config.callTimeoutS];
  if (clientTimeoutS !== undefined && clientTimeoutS > 0) candidates.push(clientTimeoutS);
  return Math.min(...candidates);
}

/** Time one upstream request may take: the provider cap, within what is left of the call. */
export function providerTimeoutMs(config: Config, deadline: number, now = Date.now()): number {
  return Math.max(0, Math.min(config.providerTimeoutS * 1000, deadline - now));
}
