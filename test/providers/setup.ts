// Shared by the provider-layer tests: a config pointing Kimi and GLM at two fake servers.
import pino from 'pino';
import { afterEach } from 'vitest';
import { ModelCatalog } from '../../daemon/catalog/catalog.ts';
import {
  configSchema,
  type Config,
  type ConfigInput,
  type ProviderId,
} from '../../daemon/config/schema.ts';
import { createProviderServices, type ProviderServices } from '../../daemon/provider-services.ts';
import type { RoutedCallContext } from '../../daemon/routing/chat-router.ts';
import type { ProgressUpdate } from '../../daemon/tools/tool.ts';
import { startFakePair, type FakeProvider } from '../fixtures/fake-provider.ts';

export const KIMI_KEY = 'sk-kimi-test-key-0123456789abcdef';
export const GLM_KEY = 'glm-test-key-fedcba9876543210';

export interface Rig {
  kimi: FakeProvider;
  glm: FakeProvider;
  config: Config;
  services: ProviderServices;
  setConfig(patch: Partial<ConfigInput>): void;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

export async function startRig(
  options: { config?: Partial<ConfigInput>; keys?: ProviderId[] } = {},
): Promise<Rig> {
  const keys = options.keys ?? ['kimi', 'glm'];
  const fakes = await startFakePair({ kimi: KIMI_KEY, glm: GLM_KEY });
  cleanups.push(() => fakes.stop());
  const { kimi, glm } = fakes;
  const [kimiUrl, glmUrl] = [kimi.baseUrl, glm.baseUrl];

  const input: ConfigInput = {
    dataDir: '/tmp/exai-provider-tests',
    ...options.config,
    kimi: { baseUrl: kimiUrl, ...(keys.includes('kimi') && { apiKey: KIMI_KEY }) },
    glm: { baseUrl: glmUrl, ...(keys.includes('glm') && { apiKey: GLM_KEY }) },
  };
  const rig = {
    kimi,
    glm,
    config: configSchema.parse(input),
    services: undefined as unknown as ProviderServices,
    setConfig(patch: Partial<ConfigInput>) {
      rig.config = configSchema.parse({ ...input, ...patch });
    },
  };
  rig.services = createProviderServices({
    config: () => rig.config,
    catalog: ModelCatalog.fromFile(),
    logger: pino({ level: 'silent' }),
    applyPatch: (id, patch) => {
      const next = { ...rig.config[id] };
      if (patch.apiKey !== undefined) next.apiKey = patch.apiKey ?? undefined;
      if (patch.baseUrl !== undefined) next.baseUrl = patch.baseUrl;
      rig.config = { ...rig.config, [id]: next };
    },
    fetchLiveModels: false,
  });
  cleanups.push(() => rig.services.dispose());
  return rig;
}

export function callContext(
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): RoutedCallContext & { updates: ProgressUpdate[] } {
  const updates: ProgressUpdate[] = [];
  return {
    signal: options.signal ?? new AbortController().signal,
    deadline: Date.now() + (options.timeoutMs ?? 15_000),
    progress: (u) => updates.push(u),
    updates,
  };
}

export function userMessages(prompt: string) {
  return () => [{ role: 'user' as const, content: prompt }];
}
