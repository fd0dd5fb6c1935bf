// An in-process CallRunner with a controllable tool, for the runtime's unit tests.
import pino from 'pino';
import { z } from 'zod';
import { configSchema, type Config, type ConfigInput } from '../../daemon/config/schema.ts';
import { Metrics } from '../../daemon/metrics/metrics.ts';
import { CallRunner, type ToolCall } from '../../daemon/runtime/call-runner.ts';
import type { DaemonServices } from '../../daemon/tools/services.ts';
import { SessionRegistry } from '../../daemon/sessions/session-registry.ts';
import { ToolRegistry } from '../../daemon/tools/registry.ts';
import {
  defineTool,
  textResult,
  type ToolContext,
  type ToolResult,
  type ToolSpec,
} from '../../daemon/tools/tool.ts';
import { ToolError } from '../../daemon/tools/tool-error.ts';
import { until } from '../helpers/poll.ts';

export interface Execution {
  args: WorkArgs;
  signal: AbortSignal;
  ctx: ToolContext;
}

const workArgs = {
  key: z.string().optional(),
  ms: z.number().min(0).default(0),
  outcome: z.enum(['ok', 'fail', 'error-result', 'hang']).default('ok'),
  provider: z.enum(['kimi', 'glm']).optional(),
  /** Take the provider slot and never release it (the runtime must). */
  leakProvider: z.boolean().optional(),
  /** Release the provider slot twice (must free it once). */
  doubleRelease: z.boolean().optional(),
  payload: z.string().optional(),
};
type WorkArgs = z.infer<z.ZodObject<typeof workArgs>>;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

export interface Rig {
  runner: CallRunner;
  sessions: SessionRegistry;
  metrics: Metrics;
  config: Config;
  executions: Execution[];
  setConfig(patch: Partial<ConfigInput>): void;
  call(partial: Partial<ToolCall> & { args?: Partial<WorkArgs> }): Promise<ToolResult>;
  session(id: string): { id: string; transport: 'mcp-ws' };
}

/** `clock.now` drives the result cache's TTL when given (set `clock.t` to move time). */
export function makeRig(
  input: Partial<ConfigInput> = {},
  extraTools: ToolSpec[] = [],
  clock?: { t: number },
): Rig {
  const executions: Execution[] = [];
  const work = defineTool({
    name: 'work',
    description: 'test-only: does what its arguments say',
    category: 'utility',
    inputSchema: workArgs,
    async handler(args, ctx) {
      executions.push({ args, signal: ctx.signal, ctx });
      let slot: { release(): void } | undefined;
      if (args.provider) slot = await ctx.acquireProvider(args.provider, `${args.provider}-model`);
      try {
        if (args.outcome === 'hang') await sleep(1e9, ctx.signal);
        else await sleep(args.ms, ctx.signal);
        if (args.outcome === 'fail') throw new ToolError('UPSTREAM_ERROR', 'scripted failure');
        if (args.outcome === 'error-result')
          return textResult('scripted error result', { isError: true });
        return textResult(`done ${args.key ?? ''} #${executions.length}${args.payload ?? ''}`);
      } finally {
        if (!args.leakProvider) slot?.release();
        if (args.doubleRelease) slot?.release();
      }
    },
  });
  const rig = {} as Rig;
  rig.config = configSchema.parse({ dataDir: '/tmp/exai-runtime-tests', ...input });
  rig.setConfig = (patch) => {
    rig.config = configSchema.parse({ dataDir: '/tmp/exai-runtime-tests', ...input, ...patch });
  };
  const services = {
    version: 'test',
    startedAt: Date.now(),
    logger: pino({ level: 'silent' }),
    config: () => rig.config,
  } as unknown as DaemonServices;
  rig.sessions = new SessionRegistry();
  rig.metrics = new Metrics();
  rig.runner = new CallRunner({
    registry: new ToolRegistry([work as ToolSpec, ...extraTools]),
    services,
    sessions: rig.sessions,
    metrics: rig.metrics,
    ...(clock && { now: () => clock.t }),
  });
  rig.executions = executions;
  rig.session = (id) => {
    if (!rig.sessions.get(id)) rig.sessions.add({ id, transport: 'mcp-ws' }, () => undefined);
    return { id, transport: 'mcp-ws' };
  };
  rig.call = ({ args, ...rest }) =>
    rig.runner.run({ tool: 'work', session: rig.session('s1'), ...rest, args: args ?? {} });
  return rig;
}

/** Every counter the runtime keeps about running work. All zero when nothing runs. */
export function runtimeCounters(rig: Rig): Record<string, number> {
  const c = rig.runner.limits.counters();
  const sessionInflight = rig.sessions.all().reduce((n, s) => n + s.inflight.size, 0);
  return {
    runnerInflight: rig.runner.inflightCount,
    executions: rig.runner.executionCount,
    globalInflight: c.global.inflight,
    globalQueued: c.global.queued,
    sessionInflight: c.sessions.inflight,
    sessionQueued: c.sessions.queued,
    sessionQueues: c.sessions.queues,
    kimiInflight: c.providers.kimi!.inflight,
    kimiQueued: c.providers.kimi!.queued,
    glmInflight: c.providers.glm!.inflight,
    glmQueued: c.providers.glm!.queued,
    registryInflight: sessionInflight,
  };
}

/** Waits until every runtime counter is back to zero (the callers assert it afterwards). */
export async function settle(rig: Rig, timeoutMs = 5_000): Promise<void> {
  await until(
    () => Object.values(runtimeCounters(rig)).every((n) => n === 0),
    'every runtime counter at zero',
    timeoutMs,
  ).catch(() => undefined);
}

export function text(result: { content: Array<{ text: string }> }): string {
  return result.content.map((c) => c.text).join('\n');
}
