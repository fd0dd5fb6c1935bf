import { readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { replacePrivateFile } from '../core/private-file.ts';
import { z } from 'zod';

// daemon.json tells `exai bridge`, `exai status` and `exai stop` where the running daemon is.
// The token is not in it: that stays in the token file (or the environment) only.
export const discoverySchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  port: z.number().int(),
  version: z.string(),
  started_at: z.string(),
  endpoint: z.string(),
});
export type Discovery = z.infer<typeof discoverySchema>;

export function discoveryFile(dataDir: string): string {
  return join(dataDir, 'daemon.json');
}

export function healthFile(dataDir: string): string {
  return join(dataDir, 'daemon.health.json');
}

function writeAtomic(path: string, data: unknown): void {
  replacePrivateFile(path, `${JSON.stringify(data, null, 2)}\n`);
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type DiscoveryState =
  | { kind: 'none' }
  | { kind: 'running'; info: Discovery }
  | { kind: 'stale'; info: Discovery | undefined };

/** Reads daemon.json and says whether its process is alive; a corrupt or dead file is "stale". */
export function readDiscovery(dataDir: string): DiscoveryState {
  let text: string;
  try {
    text = readFileSync(discoveryFile(dataDir), 'utf8');
  } catch {
    return { kind: 'none' };
  }
  const parsed = discoverySchema.safeParse(
    (() => {
      try {
        return JSON.parse(text);
      } catch {
        return undefined;
      }
    })(),
  );
  if (!parsed.success) return { kind: 'stale', info: undefined };
  return isProcessAlive(parsed.data.pid) && parsed.data.pid !== process.pid
    ? { kind: 'running', info: parsed.data }
    : { kind: 'stale', info: parsed.data };
}

export function writeDiscovery(dataDir: string, info: Discovery): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeAtomic(discoveryFile(dataDir), info);
}

export function writeHealth(dataDir: string, health: unknown): void {
  writeAtomic(healthFile(dataDir), health);
}

export function removeDiscovery(dataDir: string): void {
  rmSync(discoveryFile(dataDir), { force: true });
  rmSync(healthFile(dataDir), { force: true });
}
