// One-click client setup in a temporary home: detect, add with a backup, verify against a real
// daemon the way each client connects, update on token rotation, remove and restore.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientSetup } from '../../main/clients/client-setup.ts';
import type { ConnectTarget } from '../../main/clients/client-catalog.ts';
import { verifyEntry } from '../../main/clients/verify-entry.ts';
import { readEntry } from '../../main/clients/config-edit.ts';
import { EXAI_ENTRY, startDaemon, type RunningDaemon } from '../helpers/daemon.ts';

const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!().catch(() => undefined);
});

function setup(platform: NodeJS.Platform = 'linux') {
  const home = mkdtempSync(join(tmpdir(), 'exai-home-'));
  let tick = 0;
  const clients = new ClientSetup({
    places: { home, platform, appData: join(home, 'AppData', 'Roaming') },
    recordFile: join(home, 'app-data', 'clients-written.json'),
    now: () => new Date(Date.UTC(2026, 10, 29, 12, 0, tick++)),
  });
  return { home, clients };
}

function target(
  d: RunningDaemon | undefined,
  token = d?.token ?? 'tok-0123456789abcdef',
): ConnectTarget {
  return {
    httpUrl: d?.httpUrl ?? 'http://127.0.0.1:8765/mcp',
    token,
    bridgeCommand: process.execPath,
    bridgeArgs: [EXAI_ENTRY, 'bridge', '--no-autostart', ...(d ? ['--data-dir', d.dataDir] : [])],
  };
}

function put(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

describe('detecting clients', () => {
  it('knows each client’s config file per OS and tells installed from not', () => {
    const { home, clients } = setup('darwin');
    expect(clients.path('claude-desktop')).toBe(
      join(home, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json'),
    );
    expect(clients.path('vscode')).toBe(
      join(home, 'Library', 'Application Support', 'Code', 'User', 'mcp.json'),
    );
    expect(setup('win32').clients.path('claude-desktop')).toMatch(
      /AppData[\\/]Roaming[\\/]Claude[\\/]claude_desktop_config\.json$/,
    );
    expect(clients.path('codex')).toBe(join(home, '.codex', 'config.toml'));

    mkdirSync(join(home, '.cursor'));
    put(
      clients.path('windsurf'),
      '{ "mcpServers": { "exai": { "serverUrl": "http://127.0.0.1:1/mcp" } } }',
    );
    put(clients.path('claude-code'), '{ "mcpServers": { "exai": ');
    const states = Object.fromEntries(
      clients.states(target(undefined)).map((s) => [s.id, s.state]),
    );
    expect(states).toEqual({
      'claude-desktop': 'not-installed',
      'claude-code': 'unreadable',
      cursor: 'absent',
      vscode: 'not-installed',
      windsurf: 'outdated',
      codex: 'not-installed',
    });
  });
});

describe('adding, verifying, rotating, removing', () => {
  it('merges into Cursor’s file with a backup, and the entry really connects', async () => {
    const d = await startDaemon();
    stops.push(() => d.stop());
    const { clients } = setup();
    const file = clients.path('cursor');
    const original = '{\n  "mcpServers": {\n    "other": { "command": "other-mcp" }\n  }\n}\n';
    put(file, original);

    const { backup } = clients.add('cursor', target(d));
    expect(backup && readFileSync(backup, 'utf8')).toBe(original);
    const written = readFileSync(file, 'utf8');
    expect(readEntry('json', written, ['mcpServers'], 'other', file)).toEqual({
      command: 'other-mcp',
    });
    expect(clients.state('cursor', target(d)).state).toBe('current');

    const entry = readEntry('json', written, ['mcpServers'], 'exai', file) as Record<
      string,
      unknown
    >;
    expect(await verifyEntry(entry)).toMatchObject({
      ok: true,
      message: expect.stringMatching(/connected to exai .* over HTTP/),
    });

    // A rotated token: the written entry no longer works, refresh rewrites it.
    const rotated = target(d, 'rotated-token-0123456789');
    expect(clients.state('cursor', rotated).state).toBe('outdated');
    expect(
      await verifyEntry(
        entry.headers
          ? { ...entry, headers: { Authorization: 'Bearer wrong-token-0123456789' } }
          : entry,
      ),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/HTTP 401/),
    });
    expect(clients.refresh(rotated)).toEqual(['cursor']);
    expect(readFileSync(file, 'utf8')).toContain('Bearer rotated-token-0123456789');

    clients.remove('cursor');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(original));
    put(file, 'broken by hand');
    expect(clients.restoreBackup('cursor')).toBe(backup);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('a Claude Desktop stdio entry connects through the bridge and survives a token rotation untouched', async () => {
    const d = await startDaemon();
    stops.push(() => d.stop());
    const { clients } = setup();
    clients.add('claude-desktop', target(d));
    const file = clients.path('claude-desktop');
    expect(clients.latestBackup('claude-desktop')).toBeUndefined(); // there was no file to back up
    const entry = readEntry(
      'json',
      readFileSync(file, 'utf8'),
      ['mcpServers'],
      'exai',
      file,
    ) as Record<string, unknown>;
    expect(await verifyEntry(entry)).toMatchObject({
      ok: true,
      message: expect.stringMatching(/through the stdio bridge/),
    });
    expect(clients.refresh(target(d, 'rotated-token-0123456789'))).toEqual([]);
  });

  it('refresh leaves alone the entries the user wrote by hand', () => {
    const { clients } = setup();
    put(
      clients.path('cursor'),
      '{ "mcpServers": { "exai": { "url": "http://127.0.0.1:9/mcp" } } }',
    );
    expect(clients.refresh(target(undefined))).toEqual([]);
    expect(readFileSync(clients.path('cursor'), 'utf8')).toContain('127.0.0.1:9');
  });
});
