import type { IncomingMessage } from 'node:http';
import { tokensEqual } from '../lifecycle/token.ts';

export interface GuardOptions {
  token(): string;
  allowedOrigins(): readonly string[];
  /** Host headers we answer to: the loopback names with our port, plus an explicitly bound host. */
  allowedHosts(): readonly string[];
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function allowedHostsFor(host: string, port: number): string[] {
  const names = new Set(LOOPBACK_NAMES);
  if (host !== '0.0.0.0' && host !== '::')
    names.add(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
  return [...names].map((name) => `${name}:${port}`);
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1]?.trim();
}

/**
 * Runs before any upgrade or request: Host (DNS rebinding), Origin (browsers), then the token.
 * `requireToken: false` is for /healthz only; the legacy protocol authenticates in its hello.
 */
export function checkRequest(
  req: IncomingMessage,
  options: GuardOptions,
  requireToken: boolean,
  /** Only WebSocket upgrades may carry ?token= (browsers cannot set headers there). */
  allowQueryToken = false,
): GuardVerdict {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!options.allowedHosts().includes(host)) {
    return {
      ok: false,
      status: 403,
      reason: `forbidden host "${host || '(none)'}": the daemon answers only on its loopback address`,
    };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !options.allowedOrigins().includes(origin)) {
    return {
      ok: false,
      status: 403,
      reason: `forbidden origin "${origin}": add it to EXAI_ALLOWED_ORIGINS to allow it`,
    };
  }
  if (!requireToken) return { ok: true };

  const header = bearerToken(req);
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined;
  if (header === undefined && query !== undefined && !allowQueryToken) {
    return {
      ok: false,
      status: 401,
      reason:
        'a ?token= is accepted only on WebSocket connections; send "Authorization: Bearer <token>" (tokens in URLs end up in logs and history)',
    };
  }
  const given = header ?? query;
  if (given === undefined) {
    return {
      ok: false,
      status: 401,
      reason: 'missing token: send "Authorization: Bearer <token>" (or ?token= on a WebSocket URL)',
    };
  }
  if (!tokensEqual(given, options.token())) {
    return { ok: false, status: 401, reason: 'wrong token' };
  }
  return { ok: true };
}
