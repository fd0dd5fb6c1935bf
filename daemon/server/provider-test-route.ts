import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProviderId } from '../core/provider-id.ts';
import type { ProviderRegistry } from '../providers/provider-registry.ts';
import { ProviderCallError } from '../providers/provider-error.ts';
import { sendJson } from './http-reply.ts';

const ROUTE = /^\/providers\/(kimi|glm)\/test$/;
const TIMEOUT_MS = 15_000;
const LABEL: Record<ProviderId, { name: string; env: string }> = {
  kimi: { name: 'Kimi', env: 'KIMI_API_KEY' },
  glm: { name: 'GLM', env: 'GLM_API_KEY' },
};

export interface ConnectionTest {
  ok: boolean;
  latencyMs: number;
  message: string;
  models?: string[];
}

/** A real request to the provider (its model list), for the dashboard's "Test connection". */
export async function testProvider(
  providers: ProviderRegistry,
  id: ProviderId,
): Promise<ConnectionTest> {
  const { name, env } = LABEL[id];
  if (!providers.isConfigured(id)) {
    return {
      ok: false,
      latencyMs: 0,
      message: `${name} is not configured: add an API key in Settings, or set ${env}`,
    };
  }
  const started = performance.now();
  try {
    const models = await providers.get(id).listModels(AbortSignal.timeout(TIMEOUT_MS));
    const latencyMs = Math.round(performance.now() - started);
    providers.markKey(id, false);
    return {
      ok: true,
      latencyMs,
      message: `${models.length} model${models.length === 1 ? '' : 's'} listed`,
      models,
    };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    const reason =
      error instanceof ProviderCallError
        ? error.message
        : `unexpected error: ${(error as Error).message}`;
    const refused = error instanceof ProviderCallError && error.kind === 'auth';
    if (refused) providers.markKey(id, true);
    const hint = refused ? ' — check the API key' : '';
    return { ok: false, latencyMs, message: `${reason}${hint}` };
  }
}

/** POST /providers/<id>/test; answers false when the path is not this route. */
export async function handleProviderTest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  providers: ProviderRegistry,
): Promise<boolean> {
  const match = ROUTE.exec(url.pathname);
  if (!match || req.method !== 'POST') return false;
  sendJson(res, 200, await testProvider(providers, match[1] as ProviderId));
  return true;
}
