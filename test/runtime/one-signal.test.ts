// One signal per call: whatever ends a call (client cancel, disconnect, shutdown, deadline), the
// provider's HTTP request is aborted once, with that cause as its reason, and nothing is retried.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ModelCatalog } from '../../daemon/catalog/catalog.ts';
import { Metrics } from '../../daemon/metrics/metrics.ts';
import type { AttemptOptions } from '../../daemon/providers/openai-provider.ts';
import { CallRunner } from '../../daemon/runtime/call-runner.ts';
import { SessionRegistry } from '../../daemon/sessions/session-registry.ts';
import { chatTool } from '../../daemon/tools/chat.ts';
import { ToolRegistry } from '../../daemon/tools/registry.ts';
import type { DaemonServices } from '../../daemon/tools/services.ts';
import { ToolError, type ToolSpec } from '../../daemon/tools/tool.ts';
import { startRig } from '../providers/setup.ts';

const SHUTDOWN = new ToolError('CANCELLED', 'the EXAI daemon is shutting down');

async function callRig() {
  const rig = await startRig();
  const sessions = new SessionRegistry();
  const services = {
    version: 'test',
    startedAt: Date.now(),
    logger: pino({ level: 'silent' }),
    config: () => rig.config,
    catalog: ModelCatalog.fromFile(),
    providers: rig.services.providers,
    router: rig.services.router,
    conversations: rig.services.conversations,
    liveModels: rig.services.liveModels,
  } as unknown as DaemonServices;
  const runner = new CallRunner({
    registry: new ToolRegistry([chatTool as ToolSpec]),
    services,
    sessions,
    metrics: new Metrics(),
  });

  // What reaches the provider: the signal of each attempt, how often it fired, and why.
  const attempts: Array<{ signal: AbortSignal; aborts: number }> = [];
  const glm = rig.services.providers.get('glm');
  const chat = glm.chat.bind(glm);
  glm.chat = (request, options: AttemptOptions) => {
    const attempt = { signal: options.signal, aborts: 0 };
    options.signal.addEventListener('abort', () => (attempt.aborts += 1));
    attempts.push(attempt);
    return chat(request, options);
  };
  const upstream: string[] = [];
  rig.services.router.on('upstream', (provider, outcome) =>
    upstream.push(`${provider}:${outcome}`),
  );

  // Like the transports: closing the session's connection aborts the client's signal of its calls.
  const client = new AbortController();
  sessions.add({ id: 's1', transport: 'mcp-ws' }, () => client.abort());
  rig.glm.script({ kind: 'hang', tokens: ['partial'] });

  const run = (timeoutS?: number) =>
    runner
      .run({
        tool: 'chat',
        args: { prompt: 'never ends', model: 'glm-4.5' },
        session: { id: 's1', transport: 'mcp-ws' },
        signal: client.signal,
        ...(timeoutS !== undefined && { timeoutS }),
      })
      .then(
        () => {
          throw new Error('the call answered');
        },
        (error: unknown) => error,
      );
  const upstreamStarted = () => rig.glm.waitFor((f) => f.chatRequests.length === 1);

  /** After the call has ended: one request, aborted once with `reason`, nothing tried again. */
  async function expectAbortedOnce(reason: { code: string; message: string }, outcome: string) {
    await rig.glm.waitFor((f) => f.chatRequests[0]!.aborted);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.aborts).toBe(1);
    expect(attempts[0]!.signal.reason).toMatchObject(reason);
    expect(upstream).toEqual([`glm:${outcome}`]);
    expect(rig.glm.chatRequests).toHaveLength(1);
    expect(rig.kimi.chatRequests).toHaveLength(0);
    expect(runner.inflightCount).toBe(0);
  }

  return { run, runner, sessions, client, upstreamStarted, expectAbortedOnce };
}

describe('one signal per call reaches the provider', () => {
  it('client cancel: the request is aborted once, as cancelled by the client', async () => {
    const t = await callRig();
    const answer = t.run();
    await t.upstreamStarted();
    t.client.abort();
    const reason = { code: 'CANCELLED', message: 'chat was cancelled by the client' };
    expect(await answer).toMatchObject(reason);
    await t.expectAbortedOnce(reason, 'cancelled');
  });

  it('disconnect: closing the session aborts the request once, as a client cancel', async () => {
    const t = await callRig();
    const answer = t.run();
    await t.upstreamStarted();
    expect(t.sessions.disconnect('s1')).toBe(true);
    const reason = { code: 'CANCELLED', message: 'chat was cancelled by the client' };
    expect(await answer).toMatchObject(reason);
    await t.expectAbortedOnce(reason, 'cancelled');
  });

  it('shutdown: the request is aborted once, with the shutdown error', async () => {
    const t = await callRig();
    const answer = t.run();
    await t.upstreamStarted();
    t.runner.cancelAll(SHUTDOWN);
    expect(await answer).toBe(SHUTDOWN);
    await t.expectAbortedOnce(SHUTDOWN, 'cancelled');
  });

  it('deadline: the request is aborted once, at the call deadline, as a timeout', async () => {
    const t = await callRig();
    const answer = t.run(0.5);
    await t.upstreamStarted();
    const reason = { code: 'TIMEOUT', message: 'chat did not finish within its 0.5s deadline' };
    expect(await answer).toMatchObject(reason);
    await t.expectAbortedOnce(reason, 'timeout');
  });
});
