import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino, { type Logger, type LevelWithSilent } from 'pino';
import { createStream, type FileSize } from 'rotating-file-stream';
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
  /** Rotation threshold; 10 MB unless a test wants to see a rotation. */
  rotateAt?: FileSize;
}

/** daemon.log plus daemon.log.1 … daemon.log.4, oldest dropped. */
const ROTATED_FILES_KEPT = 4;

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
export async function createLogger(
  options: LoggerOptions,
): Promise<{ logger: Logger; close(): Promise<void> }> {
  const dir = logDir(options.dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Classic logrotate naming (daemon.log → daemon.log.1 …), so the live file keeps its name.
  const file = createStream('daemon.log', {
    path: dir,
    size: options.rotateAt ?? '10M',
    rotate: ROTATED_FILES_KEPT,
    mode: 0o600,
  });
  // A log that cannot be written must not take the daemon down; stderr still says why.
  file.on('error', (error) =>
    process.stderr.write(
      `exai daemon: cannot write ${join(dir, 'daemon.log')}: ${error.message}\n`,
    ),
  );
  const scrub = (text: string) => options.scrubber.scrub(text);

  const streams: pino.StreamEntry[] = [
    { level: 'trace', stream: lineSink((line) => file.write(scrub(line))) },
  ];
  if (options.stderr)
    streams.push({
      level: 'trace',
      stream: lineSink((line) => process.stderr.write(consoleLine(scrub(line)))),
    });
  if (options.onLine) {
    const onLine = options.onLine;
    streams.push({
      level: 'trace',
      stream: lineSink((line) => {
        try {
          const {
            level,
            time,
            msg,
            pid: _pid,
            hostname: _h,
            ...fields
          } = JSON.parse(scrub(line)) as Record<string, unknown>;
          onLine({
            type: 'log',
            level: LEVEL_NAMES[level as number] ?? 'info',
            time: time as number,
            msg: String(msg ?? ''),
            fields,
          });
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
      redact: {
        paths: ['token', 'apiKey', '*.apiKey', '*.token', 'headers.authorization', 'authorization'],
        censor: '[redacted]',
      },
    },
    pino.multistream(streams),
  );
  return {
    logger,
    close: () =>
      new Promise<void>((resolve) => {
        file.once('finish', () => resolve());
        file.once('error', () => resolve());
        file.end();
        setTimeout(resolve, 1000).unref();
      }),
  };
}
