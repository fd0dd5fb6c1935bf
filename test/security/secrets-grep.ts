import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Every file the daemon wrote under its data folder (logs, daemon.json, health, config), except
 * the token file itself, must hold none of the secrets. Returns how many bytes were searched.
 */
export function expectNoSecretsWritten(dataDir: string, secrets: readonly string[]): number {
  const files = filesUnder(dataDir).filter((f) => f !== join(dataDir, 'token'));
  expect(files.some((f) => f.endsWith('.log'))).toBe(true);
  let bytes = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    bytes += text.length;
    for (const secret of secrets)
      expect(text.includes(secret), `${secret.slice(0, 6)}… in ${file}`).toBe(false);
  }
  return bytes;
}
