import { delimiter, join } from 'node:path';

// Where Node usually lives when a GUI app's PATH (macOS gives apps only /usr/bin:/bin:…) misses it.
const USUAL_DIRS: Record<string, string[]> = {
  darwin: ['/opt/homebrew/bin', '/usr/local/bin'],
  linux: ['/usr/local/bin', '/usr/bin'],
  win32: ['C:\\Program Files\\nodejs'],
};

/**
 * An absolute path to `node` for the Connect page's Claude Desktop config: Claude Desktop starts
 * MCP servers without a login shell, so a bare "node" often is not found. Undefined when none is.
 */
export function findNode(
  envPath: string | undefined,
  platform: NodeJS.Platform,
  exists: (path: string) => boolean,
): string | undefined {
  const exe = platform === 'win32' ? 'node.exe' : 'node';
  const sep = platform === 'win32' ? ';' : delimiter === ';' ? ':' : delimiter;
  const dirs = [...(envPath ?? '').split(sep).filter(Boolean), ...(USUAL_DIRS[platform] ?? [])];
  for (const dir of dirs) {
    const candidate = platform === 'win32' ? `${dir.replace(/\\+$/, '')}\\${exe}` : join(dir, exe);
    if (exists(candidate)) return candidate;
  }
  return undefined;
}
