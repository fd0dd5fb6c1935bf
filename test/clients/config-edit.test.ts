// Merging the exai entry into real-looking client configs keeps every other entry, comment and
// the formatting; removing it gives back the rest.
import { describe, expect, it } from 'vitest';
import { parse } from 'smol-toml';
import {
  ConfigParseError,
  readEntry,
  removeEntry,
  upsertEntry,
} from '../../main/clients/config-edit.ts';

const CLAUDE_DESKTOP = `{
    "mcpServers": {
        "filesystem": {
            "command": "npx",
            "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/me/Desktop"]
        }
    },
    "globalShortcut": "Alt+Space"
}
`;

const VSCODE = `// My MCP servers
{
  "servers": {
    // GitHub, for issues
    "github": {
      "type": "http",
      "url": "https://api.githubcopilot.com/mcp/",
    },
  },
  "inputs": [],
}
`;

const CODEX = `# Codex settings
model = "o4-mini"

[mcp_servers.docs]
command = "docs-mcp"   # local docs
args = ["--port", "9000"]

[profiles.fast]
model = "gpt-4.1-mini"
`;

const entry = {
  type: 'http',
  url: 'http://127.0.0.1:8765/mcp',
  headers: { Authorization: 'Bearer tok-1' },
};

describe('JSON configs', () => {
  it('adds exai beside the other servers, keeps the 4-space indentation, and removes it cleanly', () => {
    const added = upsertEntry(
      'json',
      CLAUDE_DESKTOP,
      ['mcpServers'],
      'exai',
      { command: '/usr/bin/node', args: ['/app/exai.js', 'bridge'] },
      'f',
    );
    const parsed = JSON.parse(added) as {
      mcpServers: Record<string, unknown>;
      globalShortcut: string;
    };
    expect(Object.keys(parsed.mcpServers)).toEqual(['filesystem', 'exai']);
    expect(parsed.globalShortcut).toBe('Alt+Space');
    expect(added).toContain('\n        "exai": {');
    expect(removeEntry('json', added, ['mcpServers'], 'exai', 'f').trim()).toBe(
      CLAUDE_DESKTOP.trim(),
    );
  });

  it('replaces an existing exai entry instead of adding a second', () => {
    const once = upsertEntry('json', CLAUDE_DESKTOP, ['mcpServers'], 'exai', entry, 'f');
    const twice = upsertEntry(
      'json',
      once,
      ['mcpServers'],
      'exai',
      { ...entry, headers: { Authorization: 'Bearer tok-2' } },
      'f',
    );
    expect(twice.match(/"exai"/g)).toHaveLength(1);
    expect(readEntry('json', twice, ['mcpServers'], 'exai', 'f')).toMatchObject({
      headers: { Authorization: 'Bearer tok-2' },
    });
  });

  it('creates the container in an empty or missing file', () => {
    expect(JSON.parse(upsertEntry('json', '', ['mcpServers'], 'exai', entry, 'f'))).toEqual({
      mcpServers: { exai: entry },
    });
  });

  it('refuses a broken file by name and line instead of overwriting it', () => {
    expect(() =>
      upsertEntry(
        'json',
        '{\n  "mcpServers": {\n    "a": 1,,\n}',
        ['mcpServers'],
        'exai',
        entry,
        '/home/me/.cursor/mcp.json',
      ),
    ).toThrow(ConfigParseError);
    expect(() =>
      upsertEntry(
        'json',
        '{\n  "mcpServers": {\n    "a": 1,,\n}',
        ['mcpServers'],
        'exai',
        entry,
        '/home/me/.cursor/mcp.json',
      ),
    ).toThrow(/\/home\/me\/\.cursor\/mcp\.json is not valid JSON \(.*line 3\)/);
  });
});

describe('JSONC (VS Code)', () => {
  it('keeps comments and trailing commas, and removing gives the file back', () => {
    const added = upsertEntry('jsonc', VSCODE, ['servers'], 'exai', entry, 'f');
    expect(added).toContain('// My MCP servers');
    expect(added).toContain('// GitHub, for issues');
    expect(readEntry('jsonc', added, ['servers'], 'github', 'f')).toMatchObject({ type: 'http' });
    expect(readEntry('jsonc', added, ['servers'], 'exai', 'f')).toEqual(entry);
    const removed = removeEntry('jsonc', added, ['servers'], 'exai', 'f');
    expect(removed).toContain('// GitHub, for issues');
    expect(readEntry('jsonc', removed, ['servers'], 'exai', 'f')).toBeUndefined();
    expect(readEntry('jsonc', removed, ['servers'], 'github', 'f')).toBeDefined();
  });
});

describe('TOML (Codex CLI)', () => {
  it('adds a [mcp_servers.exai] table and leaves the other tables and comments alone', () => {
    const stdio = {
      command: '/usr/local/bin/node',
      args: ['/Applications/EXAI.app/exai.js', 'bridge'],
    };
    const added = upsertEntry('toml', CODEX, ['mcp_servers'], 'exai', stdio, 'f');
    expect(added.startsWith(CODEX.trimEnd())).toBe(true);
    const parsed = parse(added) as {
      model: string;
      mcp_servers: Record<string, unknown>;
      profiles: unknown;
    };
    expect(parsed.mcp_servers.exai).toEqual(stdio);
    expect(parsed.mcp_servers.docs).toEqual({ command: 'docs-mcp', args: ['--port', '9000'] });
    expect(added).toContain('# local docs');

    const replaced = upsertEntry(
      'toml',
      added,
      ['mcp_servers'],
      'exai',
      { ...stdio, args: ['x', 'bridge'] },
      'f',
    );
    expect(replaced.match(/\[mcp_servers\.exai\]/g)).toHaveLength(1);
    expect(removeEntry('toml', replaced, ['mcp_servers'], 'exai', 'f').trim()).toBe(CODEX.trim());
  });

  it('refuses broken TOML by name', () => {
    expect(() =>
      upsertEntry(
        'toml',
        'model = \n[x',
        ['mcp_servers'],
        'exai',
        {},
        '/home/me/.codex/config.toml',
      ),
    ).toThrow(/config\.toml is not valid TOML/);
  });
});
