import { randomBytes, timingSafeEqual, hash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { replacePrivateFile } from '../core/private-file.ts';

export function tokenFile(dataDir: string): string {
  return join(dataDir, 'token');
}

export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * EXAI_WS_TOKEN when set; otherwise the token kept in the data folder, made on first run (mode
 * 0600). Either way the file ends up holding the token in force: `exai bridge` and `exai stop`
 * read it, and the app passes its token only through the environment.
 */
export function loadOrCreateToken(dataDir: string, configured: string | undefined): string {
  if (configured) {
    saveToken(dataDir, configured);
    return configured;
  }
  const file = tokenFile(dataDir);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 16) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const token = generateToken();
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}

/** Replaces the token file in one step, so a bridge reading it never sees it half-written. */
export function saveToken(dataDir: string, token: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  replacePrivateFile(tokenFile(dataDir), `${token}\n`);
}

/** Constant-time: hashing first makes both sides the same length, so length leaks nothing either. */
export function tokensEqual(given: string, expected: string): boolean {
  return timingSafeEqual(hash('sha256', given, 'buffer'), hash('sha256', expected, 'buffer'));
}
