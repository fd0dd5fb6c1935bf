// Attack suite, fuzzing: thousands of hostile frames on every transport (fast-check, fixed
// seed), after which the daemon still serves everyone and has written no secret anywhere.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { LegacyClient } from '../legacy/legacy-client.ts';
import { GLM_KEY, KIMI_KEY, startDaemon } from '../helpers/daemon.ts';
import { legacyFrame, rpcFrame, sample } from './frame-arbitraries.ts';
import { rawHttpSession, rawMcpSocket } from './raw-mcp.ts';
import { FUZZ_SEED, SCALE } from './scale.ts';
import { expectNoSecretsWritten } from './secrets-grep.ts';

describe('fuzzed frames', () => {
  it(
    `${SCALE.fuzzFrames} on MCP-WS, ${SCALE.fuzzFrames} on MCP-HTTP and ${SCALE.fuzzFrames} on legacy leave the daemon serving, with no secret written`,
    { timeout: SCALE.timeoutMs },
    async () => {
      const rig = await startDaemon({
        fakes: true,
        stopAfterTest: true,
        env: { EXAI_LOG_LEVEL: 'trace' },
      });
      const { d } = rig;

      // MCP over WebSocket: every frame on one initialized session, then a ping on the same socket.
      const { ws, received } = await rawMcpSocket(d);
      ws.send(
        JSON.stringify({
          jsonrpc: '2.0',
          id: 'init',
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 'fuzz', version: '1' },
          },
        }),
      );
      await expect
        .poll(() => received.some((m) => m.id === 'init'), { timeout: 15_000 })
        .toBe(true);
      ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
      for (const frame of sample(rpcFrame, SCALE.fuzzFrames, FUZZ_SEED)) ws.send(frame);
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: 'still-there', method: 'ping' }));
      await expect
        .poll(() => received.find((m) => m.id === 'still-there'), { timeout: 60_000 })
        .toMatchObject({ result: {} });
      expect(ws.readyState).toBe(ws.OPEN);
      ws.close();

      // MCP over HTTP: each frame its own POST; none may fail the server (5xx) or hang.
      const session = await rawHttpSession(d);
      const statuses = new Map<number, number>();
      for (const frame of sample(rpcFrame, SCALE.fuzzFrames, FUZZ_SEED + 1)) {
        const res = await session.post(frame, { raw: true, signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
      expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
      expect(statuses.get(400)).toBeGreaterThan(0);

      // Legacy: after a good hello, then a health check on the same socket.
      const { client } = await LegacyClient.session(d.wsUrl, d.token);
      for (const frame of sample(legacyFrame, SCALE.fuzzFrames, FUZZ_SEED + 2)) client.send(frame);
      client.send({ op: 'health' });
      await client.next((f) => f.op === 'health_res', 60_000);
      expect(
        client.frames.filter((f) => f.op === 'error' && f.message === 'internal error'),
      ).toEqual([]);
      await client.close();

      // Everyone else is still served.
      const fresh = await rig.connect('after-fuzz');
      expect((await fresh.callTool({ name: 'version', arguments: {} })).isError).toBeFalsy();
      expect((await rig.call('chat', { prompt: 'still answering?' }, fresh)).isError).toBeFalsy();

      // The diagnostics archive a user would share holds none of the secrets either.
      const zip = await fetch(`${d.baseUrl}/diagnostics.zip`, {
        headers: { authorization: `Bearer ${d.token}` },
      });
      expect(zip.status).toBe(200);
      const entries = unzipSync(new Uint8Array(await zip.arrayBuffer()));
      const archived = Object.values(entries)
        .map((bytes) => strFromU8(bytes))
        .join('\n');
      expect(archived.length).toBeGreaterThan(1000);
      for (const secret of [KIMI_KEY, GLM_KEY, d.token]) expect(archived).not.toContain(secret);

      expect((await d.stop()).code).toBe(0);
      expect(expectNoSecretsWritten(d.dataDir, [KIMI_KEY, GLM_KEY, d.token])).toBeGreaterThan(1000);
      expect(d.stderr()).not.toContain(d.token);
    },
  );
});
