import type { ClientId, ConnectInfo } from '../../../preload/api.ts';

// Ready-to-paste configuration for each MCP client, built from where the daemon listens.
// `token` may be a mask: the same builder makes the shown text and the copied text.

export interface ClientConfig {
  id: ClientId;
  /** A product name, shown as is; what to do with the text is connect.where.<id> in the catalogs. */
  name: string;
  language: 'json' | 'shell' | 'toml';
  text: string;
}

const json = (v: unknown) => JSON.stringify(v, null, 2);

/** POSIX single-quoting, so paths and tokens with spaces or symbols paste safely into a shell. */
function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A TOML basic string: JSON's escapes are valid TOML for the characters a path or URL holds. */
const tomlString = (s: string) => JSON.stringify(s);

export function clientConfigs(info: ConnectInfo, token: string): ClientConfig[] {
  const auth = `Bearer ${token}`;
  return [
    {
      id: 'claude-desktop',
      name: 'Claude Desktop',
      language: 'json',
      text: json({ mcpServers: { exai: { command: info.bridgeCommand, args: info.bridgeArgs } } }),
    },
    {
      id: 'claude-code',
      name: 'Claude Code',
      language: 'shell',
      // --scope user: available in every project, not only the folder the command ran in.
      text: `claude mcp add --scope user --transport http exai ${shellQuote(info.httpUrl)} --header ${shellQuote(`Authorization: ${auth}`)}`,
    },
    {
      id: 'cursor',
      name: 'Cursor',
      language: 'json',
      text: json({ mcpServers: { exai: { url: info.httpUrl, headers: { Authorization: auth } } } }),
    },
    {
      id: 'vscode',
      name: 'VS Code',
      language: 'json',
      text: json({
        servers: { exai: { type: 'http', url: info.httpUrl, headers: { Authorization: auth } } },
      }),
    },
    {
      id: 'windsurf',
      name: 'Windsurf',
      language: 'json',
      text: json({
        mcpServers: { exai: { serverUrl: info.httpUrl, headers: { Authorization: auth } } },
      }),
    },
    {
      id: 'codex',
      name: 'Codex CLI',
      language: 'toml',
      text: [
        '[mcp_servers.exai]',
        `command = ${tomlString(info.bridgeCommand)}`,
        `args = [${info.bridgeArgs.map(tomlString).join(', ')}]`,
      ].join('\n'),
    },
  ];
}
