import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino, { type Logger, type LevelWithSilent } from 'pino';
import pinoRoll from 'pino-roll';
import type { SecretScrubber } from './secret-scrubber.ts';
import { consoleLine } from './console-line.ts';
import type { LogMessage } from '../parent/messages.ts';

export interface LoggerOptions {
  dataDir: string;
  level: LevelWithSilent;
  scrubber: SecretScrubber;
  /** Also mirror lines to stderr (headless runs), and/or hand them to the parent process. */
  stderr: boolean;
  onLine?: (line: LogMessage) => void;
}

const LEVEL_NAMES: Record<number, LogMessage['level']> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

export function logDir(dataDir: string): string {
  return join(dataDir, 'logs');
}

function lineSink(write: (line: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      write(chunk.toString());
      done();
    },
  });
}

/** pino JSON lines to <dataDir>/logs/daemon.log, rotated at 10 MB keeping 5 files. */
export async function createLogger(options: LoggerOptions): Promise<{ logger: Logger; close(): Promise<void> }> {
  const dir = logDir(options.dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = await pinoRoll({ file: join(dir, 'daemon'), extension: '.log', size: '10m', limit: { count: 5 }, mkdir: true, symlink: true });
  const scrub = (text: string) => options.scrubber.scrub(text);

  const streams: pino.StreamEntry[] = [{ level: 'trace', stream: lineSink((line) => file.write(scrub(line))) }];
  if (options.stderr) streams.push({ level: 'trace', stream: lineSink((line) => process.stderr.write(consoleLine(scrub(line)))) });
  if (options.onLine) {
    const onLine = options.onLine;
    streams.push({
      level: 'trace',
      stream: lineSink((line) => {
        try {
          const { level, time, msg, pid: _pid, hostname: _h, ...fields } = JSON.parse(scrub(line)) as Record<string, unknown>;
          onLine({ type: 'log', level: LEVEL_NAMES[level as number] ?? 'info', time: time as number, msg: String(msg ?? ''), fields });
        } catch {
          // A line that is not JSON cannot come from pino; nothing to forward.
        }
      }),
    });
  }

  const logger = pino(
    {
      level: options.level,
      base: { pid: process.pid },
      redact: { paths: ['token', 'apiKey', '*.apiKey', '*.token', 'headers.authorization', 'authorization'], censor: '[redacted]' },
    },
    pino.multistream(streams),
  );
  return {
    logger,
    close: () =>
      new Promise<void>((resolve) => {
        // SonicBoom signals the end with 'close', not through end()'s callback.
        file.once('close', () => resolve());
        file.once('error', () => resolve());
        file.end();
        setTimeout(resolve, 1000).unref();
      }),
  };
}
