import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { parseRetryAfter, ProviderCallError } from './provider-error.ts';

function upstreamMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  const text = typeof body?.message === 'string' ? body.message : error.message;
  return text.replace(/\s+/g, ' ').slice(0, 300);
}

/**
 * Turns whatever the openai client threw into a ProviderCallError. `scrub` removes API keys from
 * any text an upstream server echoed back. `why` tells a timeout from a cancel when our own
 * AbortSignal fired (the client reports both as an abort).
 */
export function classifyError(
  error: unknown,
  label: string,
  scrub: (text: string) => string,
  why: 'timeout' | 'cancelled' | undefined,
): ProviderCallError {
  if (error instanceof ProviderCallError) return error;
  if (why === 'timeout' || error instanceof APIConnectionTimeoutError) {
    return new ProviderCallError('timeout', `${label} did not answer in time`);
  }
  if (why === 'cancelled' || error instanceof APIUserAbortError) {
    return new ProviderCallError('cancelled', `the call to ${label} was cancelled`);
  }
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new ProviderCallError('connection', scrub(`could not reach ${label}${cause}`));
  }
  if (error instanceof APIError && error.status !== undefined) {
    const status = error.status;
    const message = scrub(upstreamMessage(error));
    if (status === 429) {
      return new ProviderCallError('rate-limited', `${label} is rate limiting (429): ${message}`, {
        status,
        retryAfterMs: parseRetryAfter(error.headers?.get('retry-after')),
      });
    }
    if (status === 401 || status === 403) {
      return new ProviderCallError(
        'auth',
        `${label} rejected the API key (${status}): ${message}`,
        { status },
      );
    }
    if (status >= 500)
      return new ProviderCallError('server', `${label} failed (${status}): ${message}`, { status });
    return new ProviderCallError(
      'rejected',
      `${label} rejected the request (${status}): ${message}`,
      { status },
    );
  }
  if (error instanceof APIError) {
    // An `error` object inside an otherwise fine stream.
    return new ProviderCallError(
      'server',
      scrub(`${label} reported an error mid-stream: ${upstreamMessage(error)}`),
    );
  }
  if (error instanceof SyntaxError) {
    return new ProviderCallError(
      'malformed',
      `${label} sent a malformed stream (not valid JSON in an SSE event)`,
    );
  }
  const text = error instanceof Error ? error.message : String(error);
  if (/terminated|socket|ECONNRESET|other side closed|fetch failed/i.test(text)) {
    return new ProviderCallError(
      'connection',
      scrub(`the connection to ${label} dropped: ${text}`),
    );
  }
  return new ProviderCallError('server', scrub(`${label} call failed: ${text}`));
}
