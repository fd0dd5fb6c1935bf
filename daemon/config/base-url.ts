import { z } from 'zod';

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The one rule for a provider base URL, wherever it is set (config file, environment, the app's
 * Settings, the app's configure message): the API key goes with every request to it, so https,
 * or plain http only to this machine (a local proxy or a test server). Returns the problem, or
 * undefined when the URL is fine.
 */
export function checkProviderBaseUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `not a URL: "${value}"`;
  }
  if (url.username || url.password) {
    return 'must not carry a user name or password; the API key has its own setting';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') {
    return LOOPBACK_HOST.test(url.hostname)
      ? undefined
      : `https is required for ${url.hostname}: the API key goes with every request, so http only for this machine (localhost, 127.0.0.1, [::1])`;
  }
  return `must be an https URL, not ${url.protocol.replace(/:$/, '')}`;
}

/** checkProviderBaseUrl as a zod string schema. */
export const providerBaseUrlSchema = z.string().superRefine((value, ctx) => {
  const problem = checkProviderBaseUrl(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
