import { dirname, join } from 'node:path';

// The MCP clients the Connect page can set up, where each keeps its user-level config, and the
// entry each needs. Stdio entries run `exai bridge`, which reads the token file itself, so they
// survive a token rotation; HTTP entries carry the token and are rewritten when it rotates.

export type ClientId =
  'claude-desktop' | 'claude-code' | 'cursor' | 'vscode' | 'windsurf' | 'codex';
export type ConfigFormat = 'json' | 'jsonc' | 'toml';

export interface ConnectTarget {
  httpUrl: string;
  token: string;
  /** An absolute node (or the app's own runner) and the args that start `exai bridge`. */
  bridgeCommand: string;
  bridgeArgs: string[];
}

export interface ClientInfo {
  id: ClientId;
  name: string;
  format: ConfigFormat;
  /** Key path of the object that holds servers by name. */
  container: readonly string[];
  /** Whether the entry embeds the token (and so must be rewritten when it rotates). */
  embedsToken: boolean;
  entry(target: ConnectTarget): Record<string, unknown>;
}

export interface Places {
  home: string;
  platform: NodeJS.Platform;
  /** %APPDATA% on Windows. */
  appData?: string | undefined;
}

const auth = (t: ConnectTarget) => ({ Authorization: `Bearer ${t.token}` });

export const CLIENTS: readonly ClientInfo[] = [
  {
    id: 'claude-desktop',
    name: 'Claude Desktop',
    format: 'json',
    container: ['mcpServers'],
    embedsToken: false,
    entry: (t) => ({ command: t.bridgeCommand, args: t.bridgeArgs }),
  },
  {
    id: 'claude-code',
    name: 'Claude Code',
    format: 'json',
    container: ['mcpServers'],
    embedsToken: true,
    entry: (t) => ({ type: 'http', url: t.httpUrl, headers: auth(t) }),
  },
  {
    id: 'cursor',
    name: 'Cursor',
    format: 'json',
    container: ['mcpServers'],
    embedsToken: true,
    entry: (t) => ({ url: t.httpUrl, headers: auth(t) }),
  },
  {
    id: 'vscode',
    name: 'VS Code',
    format: 'jsonc',
    container: ['servers'],
    embedsToken: true,
    entry: (t) => ({ type: 'http', url: t.httpUrl, headers: auth(t) }),
  },
  {
    id: 'windsurf',
    name: 'Windsurf',
    format: 'json',
    container: ['mcpServers'],
    embedsToken: true,
    entry: (t) => ({ serverUrl: t.httpUrl, headers: auth(t) }),
  },
  {
    id: 'codex',
    name: 'Codex CLI',
    format: 'toml',
    container: ['mcp_servers'],
    embedsToken: false,
    entry: (t) => ({ command: t.bridgeCommand, args: t.bridgeArgs }),
  },
];

/** A per-user app folder: Application Support on macOS, %APPDATA% on Windows, ~/.config elsewhere. */
function appConfigDir(p: Places, ...parts: string[]): string {
  if (p.platform === 'darwin') return join(p.home, 'Library', 'Application Support', ...parts);
  if (p.platform === 'win32')
    return join(p.appData ?? join(p.home, 'AppData', 'Roaming'), ...parts);
  return join(p.home, '.config', ...parts);
}

/** The user-level config file of a client on this OS. */
export function configPath(id: ClientId, p: Places): string {
  switch (id) {
    case 'claude-desktop':
      return appConfigDir(p, 'Claude', 'claude_desktop_config.json');
    case 'claude-code':
      return join(p.home, '.claude.json');
    case 'cursor':
      return join(p.home, '.cursor', 'mcp.json');
    case 'vscode':
      return appConfigDir(p, 'Code', 'User', 'mcp.json');
    case 'windsurf':
      return join(p.home, '.codeium', 'windsurf', 'mcp_config.json');
    case 'codex':
      return join(p.home, '.codex', 'config.toml');
  }
}

/**
 * The folder whose presence says the client is installed. Mostly the config's own folder, but
 * Claude Code keeps ~/.claude.json in the home folder, which every user has: ~/.claude says more.
 */
export function installMarker(id: ClientId, p: Places): string {
  return id === 'claude-code' ? join(p.home, '.claude') : dirname(configPath(id, p));
}

export function clientInfo(id: ClientId): ClientInfo {
  const found = CLIENTS.find((c) => c.id === id);
  if (!found) throw new Error(`unknown MCP client "${id}"`);
  return found;
}
