import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { clientConfigs } from '../../renderer/src/connect/client-configs.ts';

const info = {
  wsUrl: 'ws://127.0.0.1:8765/',
  httpUrl: 'http://127.0.0.1:8765/mcp',
  bridgeCommand: '/Applications/EXAI Desktop.app/Contents/Resources/bin/exai',
  bridgeArgs: ['bridge'],
  logDir: '/tmp/logs',
  nodeMissing: false,
};

describe('client configs', () => {
  const byId = Object.fromEntries(clientConfigs(info, "to'k en").map((c) => [c.id, c.text]));

  it('quotes a token with spaces or quotes so the Claude Code command pastes into a shell intact', () => {
    expect(byId['claude-code']).toBe(
      `claude mcp add --scope user --transport http exai http://127.0.0.1:8765/mcp --header 'Authorization: Bearer to'\\''k en'`,
    );
  });

  it('gives Claude Desktop the absolute bridge path, spaces and all, as JSON', () => {
    expect(JSON.parse(byId['claude-desktop'] ?? '')).toEqual({
      mcpServers: { exai: { command: info.bridgeCommand, args: ['bridge'] } },
    });
  });

  it('uses "servers" with type http for VS Code and "mcpServers" for Cursor', () => {
    expect(Object.keys(JSON.parse(byId.vscode ?? ''))).toEqual(['servers']);
    expect(JSON.parse(byId.vscode ?? '').servers.exai.type).toBe('http');
    expect(JSON.parse(byId.cursor ?? '').mcpServers.exai.headers.Authorization).toBe(
      "Bearer to'k en",
    );
  });

  it('gives Windsurf serverUrl with the header, and Codex CLI a TOML table that a TOML parser reads back', () => {
    expect(JSON.parse(byId.windsurf ?? '').mcpServers.exai).toEqual({
      serverUrl: 'http://127.0.0.1:8765/mcp',
      headers: { Authorization: "Bearer to'k en" },
    });
    const windows = {
      ...info,
      bridgeCommand: 'C:\\Program Files\\nodejs\\node.exe',
      bridgeArgs: ['C:\\EXAI\\exai.js', 'bridge'],
    };
    const codex = clientConfigs(windows, 't').find((c) => c.id === 'codex')?.text ?? '';
    expect(parseToml(codex)).toEqual({
      mcp_servers: { exai: { command: windows.bridgeCommand, args: windows.bridgeArgs } },
    });
  });
});
