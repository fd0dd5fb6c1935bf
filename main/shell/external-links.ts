// Which links may leave the app for the user's browser: https only, and only to hosts the UI
// actually links to (provider consoles and docs). Anything else is dropped, not opened.

const EXTERNAL_HOSTS: readonly string[] = [
  'platform.moonshot.ai',
  'platform.moonshot.cn',
  'z.ai',
  'open.bigmodel.cn',
  'modelcontextprotocol.io',
  'github.com',
];

export function isAllowedExternalUrl(
  raw: string,
  hosts: readonly string[] = EXTERNAL_HOSTS,
): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  const host = url.hostname.toLowerCase();
  return hosts.some((h) => host === h || host.endsWith(`.${h}`));
}
