// End-to-end rig for provider-backed tools: two fake providers (Kimi, GLM) and a real daemon
// process pointed at them through the same environment variables a user would set.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startFakePair, type FakeProvider } from '../fixtures/fake-provider.ts';
import { connectMcpWs, startDaemon, tempDataDir, type RunningDaemon } from '../helpers/daemon.ts';

export const KIMI_KEY = 'sk-kimi-e2e-secret-0123456789abcdef';
export const GLM_KEY = 'glm-e2e-secret-fedcba9876543210.zz';

export interface McpRig {
  d: RunningDaemon;
  kimi: FakeProvider;
  glm: FakeProvider;
  client: Client;
  connect(name?: string): Promise<Client>;
  call(name: string, args: Record<string, unknown>, client?: Client): Promise<CallToolResult>;
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

export async function startMcpRig(
  options: {
    env?: Record<string, string>;
    config?: Record<string, unknown>;
    keys?: Array<'kimi' | 'glm'>;
    /** Set up the fakes before the daemon starts (it asks their /models at start-up). */
    prepare?: (kimi: FakeProvider, glm: FakeProvider) => void;
  } = {},
): Promise<McpRig> {
  const keys = options.keys ?? ['kimi', 'glm'];
  const fakes = await startFakePair({ kimi: KIMI_KEY, glm: GLM_KEY });
  cleanups.push(() => fakes.stop());
  const { kimi, glm } = fakes;
  const [kimiUrl, glmUrl] = [kimi.baseUrl, glm.baseUrl];

  options.prepare?.(kimi, glm);
  const dataDir = tempDataDir();
  if (options.config) writeFileSync(join(dataDir, 'config.json'), JSON.stringify(options.config));
  const providerEnv: Record<string, string> = {
    KIMI_API_URL: kimiUrl,
    GLM_API_URL: glmUrl,
    ...(keys.includes('kimi') && { KIMI_API_KEY: KIMI_KEY }),
    ...(keys.includes('glm') && { GLM_API_KEY: GLM_KEY }),
  };
  const d = await startDaemon({
    dataDir,
    env: { ...providerEnv, ...options.env },
  });
  cleanups.push(() => d.stop());
  const clients: Client[] = [];
  cleanups.push(() => Promise.all(clients.map((c) => c.close().catch(() => undefined))));
  const connect = async (name?: string) => {
    const c = await connectMcpWs(d, name);
    clients.push(c);
    return c;
  };
  const client = await connect();
  return {
    d,
    kimi,
    glm,
    client,
    connect,
    call: async (name, args, c = client) =>
      (await c.callTool({ name, arguments: args })) as CallToolResult,
  };
}

export function text(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}
