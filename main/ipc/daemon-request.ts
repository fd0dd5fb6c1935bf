import type { ReadyMessage } from '../../daemon/parent/messages.ts';
import { tr } from '../i18n.ts';

// How main asks the running daemon for something over its token-protected HTTP routes (usage,
// tools): the address from its `ready` message, the token from settings. Errors are worded for
// the user, in the app's language.

export interface DaemonRequestDeps {
  readyInfo: () => ReadyMessage | undefined;
  token: () => string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function daemonUrl(ready: Pick<ReadyMessage, 'host' | 'port'>, path: string): string {
  // A daemon bound to all interfaces is still reached over loopback.
  const host = ready.host === '0.0.0.0' || ready.host === '::' ? '127.0.0.1' : ready.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${ready.port}${path}`;
}

/** GETs `path` from the daemon and returns the body as text; throws an Error a user can read. */
export async function daemonGet(deps: DaemonRequestDeps, path: string): Promise<string> {
  const ready = deps.readyInfo();
  if (!ready) throw new Error(tr('daemonRequest.notRunning'));
  let res: Response;
  try {
    res = await (deps.fetch ?? fetch)(daemonUrl(ready, path), {
      headers: { authorization: `Bearer ${deps.token()}` },
      signal: AbortSignal.timeout(deps.timeoutMs ?? 15_000),
    });
  } catch (error) {
    throw new Error(tr('daemonRequest.unreachable', { error: (error as Error).message }), {
      cause: error,
    });
  }
  const text = await res.text();
  if (!res.ok) {
    // The daemon's routes answer {"error": "..."} with what went wrong (exai.db not open, …).
    let detail = text.trim();
    try {
      detail = String((JSON.parse(text) as { error?: unknown }).error ?? detail);
    } catch {
      // not JSON: the text as it came
    }
    throw new Error(
      tr('daemonRequest.failed', { status: res.status, error: detail.slice(0, 300) }),
    );
  }
  return text;
}

export async function daemonGetJson<T>(deps: DaemonRequestDeps, path: string): Promise<T> {
  return JSON.parse(await daemonGet(deps, path)) as T;
}
