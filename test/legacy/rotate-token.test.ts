import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type RunningDaemon } from '../helpers/daemon.ts';
import { decideRotation } from '../../daemon/legacy/rotate-token.ts';
import { LegacyClient } from './legacy-client.ts';

let daemon: RunningDaemon;

beforeAll(async () => {
  daemon = await startDaemon();
});
afterAll(async () => {
  await daemon?.stop();
});

async function rotate(
  client: LegacyClient,
  frame: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const seen = client.frames.length;
  client.send({ op: 'rotate_token', ...frame });
  return client.next((f) => f.op === 'rotate_token_res' && client.frames.indexOf(f) >= seen);
}

describe('legacy rotate_token', () => {
  it('needs both params and the current token; then the new token is the only one that works', async () => {
    const oldToken = daemon.token;
    const newToken = 'rotated-token-0123456789abcdef';
    const { client } = await LegacyClient.session(daemon.wsUrl, oldToken);

    expect(await rotate(client, { new: newToken })).toMatchObject({
      ok: false,
      error: 'missing_params',
    });
    expect(await rotate(client, { old: oldToken })).toMatchObject({
      ok: false,
      error: 'missing_params',
    });
    expect(
      await rotate(client, { old: 'not-the-current-token-at-all', new: newToken }),
    ).toMatchObject({ ok: false, error: 'unauthorized' });
    expect(await rotate(client, { old: oldToken, new: 'short' })).toMatchObject({
      ok: false,
      error: 'missing_params',
    });
    // Refusals changed nothing: the old token still opens a session, and the parent heard nothing.
    const still = await LegacyClient.session(daemon.wsUrl, oldToken);
    await still.client.close();
    expect(daemon.messages.filter((m) => m.type === 'token-rotated')).toEqual([]);

    expect(await rotate(client, { old: oldToken, new: newToken })).toEqual({
      op: 'rotate_token_res',
      ok: true,
    });
    // The parent (the app) owns the token and is told the new one over IPC — but not in any log line.
    await expect
      .poll(() => daemon.messages.filter((m) => m.type === 'token-rotated'))
      .toEqual([{ type: 'token-rotated', token: newToken }]);
    expect(JSON.stringify(daemon.messages.filter((m) => m.type === 'log'))).not.toContain(newToken);
    expect(daemon.stderr()).not.toContain(newToken);

    const refused = await LegacyClient.connect(daemon.wsUrl);
    refused.send({ op: 'hello', token: oldToken });
    expect((await refused.closed).code).toBe(4003);
    const accepted = await LegacyClient.session(daemon.wsUrl, newToken);
    await accepted.client.close();

    // The rest of the daemon follows: the bearer token for HTTP, and the token file for `exai bridge`.
    expect(
      (
        await fetch(`${daemon.baseUrl}/status`, {
          headers: { authorization: `Bearer ${oldToken}` },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await fetch(`${daemon.baseUrl}/status`, {
          headers: { authorization: `Bearer ${newToken}` },
        })
      ).status,
    ).toBe(200);
    expect(readFileSync(join(daemon.dataDir, 'token'), 'utf8').trim()).toBe(newToken);
    // The connection that rotated stays usable.
    client.send({ op: 'health' });
    await client.next((f) => f.op === 'health_res');
    await client.close();
  });
});

describe('decideRotation', () => {
  it('refuses rotation when no token is configured, even with an empty "old"', () => {
    expect(
      decideRotation({ op: 'rotate_token', old: 'anything', new: 'a-brand-new-token-123456' }, ''),
    ).toMatchObject({ ok: false, error: 'unauthorized' });
    expect(
      decideRotation({ op: 'rotate_token', old: '', new: 'a-brand-new-token-123456' }, ''),
    ).toMatchObject({ ok: false });
  });

  it('compares the old token exactly (no prefix or case tricks)', () => {
    const current = 'Current-Token-0123456789';
    for (const old of ['Current-Token-012345678', 'current-token-0123456789', `${current} `]) {
      expect(
        decideRotation({ op: 'rotate_token', old, new: 'a-brand-new-token-123456' }, current),
      ).toMatchObject({ ok: false, error: 'unauthorized' });
    }
    expect(
      decideRotation(
        { op: 'rotate_token', old: current, new: 'a-brand-new-token-123456' },
        current,
      ),
    ).toEqual({ op: 'rotate_token_res', ok: true });
  });
});
