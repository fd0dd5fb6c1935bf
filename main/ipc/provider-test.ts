import type { ConnectionTestResult, ProviderId } from '../../preload/api.ts';
import type { ReadyMessage } from '../../daemon/parent/messages.ts';
import { tr } from '../i18n.ts';

// "Test connection" asks the running daemon to make a live request to the provider with the key
// it holds (POST /providers/<id>/test), so the test covers exactly what tool calls will use.

export interface ProviderTestDeps {
  readyInfo: () => ReadyMessage | undefined;
  token: () => string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function createProviderTester(
  deps: ProviderTestDeps,
): (id: ProviderId) => Promise<ConnectionTestResult> {
  const doFetch = deps.fetch ?? fetch;
  return async (id) => {
    const ready = deps.readyInfo();
    if (!ready) return { ok: false, latencyMs: 0, message: tr('providers.test.notRunning') };
    const started = Date.now();
    // A daemon bound to all interfaces is still reached over loopback.
    const host = ready.host === '0.0.0.0' || ready.host === '::' ? '127.0.0.1' : ready.host;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${ready.port}/providers/${id}/test`;
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${deps.token()}`, 'content-type': 'application/json' },
        body: '{}',
        signal: AbortSignal.timeout(deps.timeoutMs ?? 30_000),
      });
      const body = (await res.json().catch(() => undefined)) as
        Partial<ConnectionTestResult> | undefined;
      if (!res.ok && !body?.message) {
        return {
          ok: false,
          latencyMs: Date.now() - started,
          message: tr('providers.test.httpStatus', { status: res.status }),
        };
      }
      const result: ConnectionTestResult = {
        ok: Boolean(body?.ok) && res.ok,
        latencyMs: typeof body?.latencyMs === 'number' ? body.latencyMs : Date.now() - started,
        message: body?.message ?? tr('providers.test.noAnswer'),
      };
      if (Array.isArray(body?.models))
        result.models = body.models.filter((m) => typeof m === 'string');
      return result;
    } catch (err) {
      return {
        ok: false,
        latencyMs: Date.now() - started,
        message: tr('providers.test.unreachable', { error: (err as Error).message }),
      };
    }
  };
}
