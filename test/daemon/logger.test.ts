import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, logDir } from '../../daemon/log/logger.ts';
import { SecretScrubber } from '../../daemon/log/secret-scrubber.ts';
import type { LogMessage } from '../../daemon/parent/messages.ts';

const SECRET = 'sk-logger-test-secret-0123456789';
const dirs: string[] = [];

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'exai-logger-'));
  dirs.push(dir);
  return dir;
}

function lines(dir: string, name: string): Array<Record<string, unknown>> {
  return readFileSync(join(logDir(dir), name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('daemon log', () => {
  it('writes pino JSON lines to logs/daemon.log with secrets scrubbed by value, and forwards them to the parent', async () => {
    const dir = dataDir();
    const scrubber = new SecretScrubber();
    scrubber.add(SECRET);
    const forwarded: LogMessage[] = [];
    const log = await createLogger({
      dataDir: dir,
      level: 'info',
      scrubber,
      stderr: false,
      onLine: (line) => forwarded.push(line),
    });
    log.logger.info({ detail: `upstream said ${SECRET}` }, 'provider answered');
    log.logger.debug('below the level');
    await log.close();

    const written = lines(dir, 'daemon.log');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ level: 30, msg: 'provider answered', pid: process.pid });
    expect(JSON.stringify(written)).not.toContain(SECRET);
    expect(String(written[0]!.detail)).toContain('[redacted …89]');
    expect(forwarded).toEqual([
      expect.objectContaining({ type: 'log', level: 'info', msg: 'provider answered' }),
    ]);
    expect(JSON.stringify(forwarded)).not.toContain(SECRET);
  });

  it('rotates by size into daemon.log.1 …, keeping daemon.log as the live file and at most five files', async () => {
    const dir = dataDir();
    const log = await createLogger({
      dataDir: dir,
      level: 'info',
      scrubber: new SecretScrubber(),
      stderr: false,
      rotateAt: '1K',
    });
    // ~200-byte lines, written in turns so each rotation finishes before the next threshold.
    for (let i = 0; i < 60; i += 1) {
      log.logger.info({ i, pad: 'x'.repeat(120) }, 'line');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    log.logger.info('last line');
    await log.close();

    const files = readdirSync(logDir(dir)).sort();
    expect(files).toContain('daemon.log');
    expect(files).toContain('daemon.log.1');
    expect(files.length).toBeLessThanOrEqual(5);
    expect(files.every((f) => /^daemon\.log(\.[1-4])?$/.test(f))).toBe(true);
    expect(lines(dir, 'daemon.log').at(-1)).toMatchObject({ msg: 'last line' });
    // Rotated files hold whole JSON lines, older ones with lower line numbers.
    const rotated = lines(dir, 'daemon.log.1');
    expect(rotated.length).toBeGreaterThan(0);
    expect(Number(rotated.at(-1)!.i)).toBeGreaterThan(
      Number(lines(dir, files.at(-1)!).at(0)!.i ?? -1),
    );
  });
});
