// Attack suite, crash: kill -9 with calls in flight, then a clean restart on the same data
// folder (stale lock and discovery file handled), serving again, with no secret written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  connectMcpWs,
  startDaemon,
  type RunningDaemon,
  GLM_KEY,
  KIMI_KEY,
} from '../helpers/daemon.ts';
import { SCALE } from './scale.ts';
import { expectNoSecretsWritten } from './secrets-grep.ts';

describe('kill -9', () => {
  it(
    `with ${SCALE.killedCalls} calls in flight, ${SCALE.killRounds} time(s): the daemon restarts cleanly and serves`,
    { timeout: SCALE.timeoutMs },
    async () => {
      const limits = {
        EXAI_LOG_LEVEL: 'debug',
        EXAI_WS_SESSION_MAX_INFLIGHT: String(SCALE.killedCalls),
        EXAI_WS_GLM_MAX_INFLIGHT: String(SCALE.killedCalls),
        EXAI_WS_GLOBAL_MAX_INFLIGHT: String(SCALE.killedCalls + 4),
      };
      const rig = await startDaemon({ fakes: true, stopAfterTest: true, env: limits });
      const env = {
        KIMI_API_URL: rig.kimi.baseUrl,
        GLM_API_URL: rig.glm.baseUrl,
        KIMI_API_KEY: KIMI_KEY,
        GLM_API_KEY: GLM_KEY,
        ...limits,
      };
      let d: RunningDaemon = rig.d;
      let client = rig.client;
      const restarted: RunningDaemon[] = [];
      try {
        for (let round = 0; round < SCALE.killRounds; round += 1) {
          const seen = rig.glm.chatRequests.length;
          for (let i = 0; i < SCALE.killedCalls; i += 1) rig.glm.script({ kind: 'hang' });
          const calls = Array.from({ length: SCALE.killedCalls }, (_, i) =>
            client
              .callTool({
                name: 'chat',
                arguments: { prompt: `in flight ${round}.${i}`, model: 'glm-4.5' },
              })
              .catch((error: unknown) => error),
          );
          await rig.glm.waitFor((f) => f.chatRequests.length === seen + SCALE.killedCalls, 30_000);
          // Only the daemon dies: the fakes stand for the providers, which outlive it.
          d.child.kill('SIGKILL');
          expect(await d.exited).toEqual({ code: null, signal: 'SIGKILL' });
          // Every caller hears that its connection went away; none waits forever.
          for (const outcome of await Promise.all(calls)) expect(outcome).toBeInstanceOf(Error);
          // The upstream requests of the dead daemon were closed with it.
          await rig.glm.waitFor((f) => f.chatRequests.slice(seen).every((r) => r.aborted), 10_000);

          d = await startDaemon({ dataDir: d.dataDir, env });
          restarted.push(d);
          expect(JSON.parse(readFileSync(join(d.dataDir, 'daemon.json'), 'utf8')).pid).toBe(
            d.child.pid,
          );
          client = await connectMcpWs(d);
          const answer = await client.callTool({
            name: 'chat',
            arguments: { prompt: 'back?', model: 'glm-4.5' },
          });
          expect(answer.isError).toBeFalsy();
        }
        await client.close();
        expect((await d.stop()).code).toBe(0);
        expectNoSecretsWritten(d.dataDir, [KIMI_KEY, GLM_KEY, d.token]);
      } finally {
        await Promise.all(restarted.map((r) => r.stop('SIGKILL')));
      }
    },
  );
});
