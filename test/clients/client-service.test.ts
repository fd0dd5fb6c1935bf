// The Connect page's service over ClientSetup, in a temporary home against a real daemon: each
// action answers with the client's new state and the last check; a token rotation rewrites the
// entries the app wrote and pushes the list, in which hand-written entries show as outdated.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientStatus } from '../../preload/api.ts';
import type { ConnectTarget } from '../../main/clients/client-catalog.ts';
import { ClientService } from '../../main/clients/client-service.ts';
import { ClientSetup } from '../../main/clients/client-setup.ts';
import { startDaemon, type RunningDaemon } from '../helpers/daemon.ts';

const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!().catch(() => undefined);
});

function put(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

async function rig() {
  const d: RunningDaemon = await startDaemon();
  stops.push(() => d.stop());
  const home = mkdtempSync(join(tmpdir(), 'exai-home-'));
  const current: ConnectTarget = {
    httpUrl: d.httpUrl,
    token: d.token,
    bridgeCommand: process.execPath,
    bridgeArgs: ['-e', ''],
  };
  const setup = new ClientSetup({
    places: { home, platform: 'linux' },
    recordFile: join(home, 'userData', 'clients-written.json'),
  });
  let now = 1_000;
  const service = new ClientService({ setup, target: () => current, now: () => now++ });
  const pushes: ClientStatus[][] = [];
  service.events.on('changed', (list) => pushes.push(list));
  return { d, home, setup, service, current, pushes };
}

const stateOf = (list: ClientStatus[] | undefined, id: string) =>
  list?.find((c) => c.id === id)?.state;

describe('client service', () => {
  it('detects Claude Code by its ~/.claude folder, not by the home folder every user has', () => {
    const home = mkdtempSync(join(tmpdir(), 'exai-home-'));
    const setup = new ClientSetup({
      places: { home, platform: 'linux' },
      recordFile: join(home, 'r.json'),
    });
    const target: ConnectTarget = {
      httpUrl: 'http://127.0.0.1:1/mcp',
      token: 't',
      bridgeCommand: 'node',
      bridgeArgs: [],
    };
    expect(setup.state('claude-code', target).state).toBe('not-installed');
    mkdirSync(join(home, '.claude'));
    expect(setup.state('claude-code', target).state).toBe('absent');
  });

  it('Add answers with the written entry verified against the daemon, and pushes the list', async () => {
    const { service, setup, pushes } = await rig();
    put(setup.path('cursor'), '{ "mcpServers": { "other": { "command": "x" } } }');
    const added = await service.add('cursor');
    expect(added).toMatchObject({ id: 'cursor', state: 'current', managed: true });
    expect(added.backup).toMatch(/mcp\.json\.exai-backup-/);
    expect(added.check).toMatchObject({
      ok: true,
      message: expect.stringMatching(/over HTTP/),
      at: 1_000,
    });
    expect(stateOf(pushes.at(-1), 'cursor')).toBe('current');
  });

  it('Verify connects with the entry as it is in the file, so a hand-broken token fails', async () => {
    const { service, setup, d } = await rig();
    await service.add('vscode');
    const file = setup.path('vscode');
    put(file, readFileSync(file, 'utf8').replace(d.token, 'wrong-token-0123456789'));
    const verified = await service.verify('vscode');
    expect(verified.state).toBe('outdated');
    expect(verified.check).toMatchObject({ ok: false, message: expect.stringMatching(/HTTP 401/) });
    expect((await service.verify('windsurf')).check).toMatchObject({
      ok: false,
      message: expect.stringMatching(/does not exist/),
    });
  });

  it('a token rotation rewrites what the app wrote and shows the hand-written entry as outdated', async () => {
    const { service, setup, current, pushes } = await rig();
    await service.add('cursor');
    put(
      setup.path('windsurf'),
      JSON.stringify({
        mcpServers: {
          exai: {
            serverUrl: current.httpUrl,
            headers: { Authorization: `Bearer ${current.token}` },
          },
        },
      }),
    );
    expect(stateOf(service.list(), 'windsurf')).toBe('current');

    current.token = 'rotated-token-0123456789';
    expect(service.refresh()).toEqual(['cursor']);
    const pushed = pushes.at(-1);
    expect(stateOf(pushed, 'cursor')).toBe('current');
    expect(pushed?.find((c) => c.id === 'cursor')?.check).toBeUndefined(); // the old check no longer says anything
    expect(stateOf(pushed, 'windsurf')).toBe('outdated');
    expect(readFileSync(setup.path('cursor'), 'utf8')).toContain('Bearer rotated-token-0123456789');
    expect(readFileSync(setup.path('windsurf'), 'utf8')).not.toContain('rotated-token');
  });

  it('a file that cannot be rewritten after a rotation stays outdated without stopping the others', async () => {
    const { service, setup, current, pushes } = await rig();
    await service.add('cursor');
    await service.add('vscode');
    // The atomic write's temporary file cannot be created: Cursor's file cannot be rewritten.
    mkdirSync(`${setup.path('cursor')}.exai-tmp`);
    current.token = 'rotated-token-0123456789';
    expect(service.refresh()).toEqual(['vscode']);
    expect(stateOf(pushes.at(-1), 'cursor')).toBe('outdated');
    expect(stateOf(pushes.at(-1), 'vscode')).toBe('current');
  });

  it('Remove and Restore backup answer with the new state and push it', async () => {
    const { service, setup, pushes } = await rig();
    const original = '{ "mcpServers": { "other": { "command": "x" } } }';
    put(setup.path('claude-code'), original);
    await service.add('claude-code');
    const removed = service.remove('claude-code');
    expect(removed).toMatchObject({ state: 'absent', managed: false });
    expect(removed.check).toBeUndefined();
    expect(stateOf(pushes.at(-1), 'claude-code')).toBe('absent');
    put(setup.path('claude-code'), 'broken');
    expect(service.list().find((c) => c.id === 'claude-code')?.state).toBe('unreadable');
    expect(service.restore('claude-code').state).toBe('absent');
    expect(readFileSync(setup.path('claude-code'), 'utf8')).toBe(original);
  });
});
