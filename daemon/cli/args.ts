import { parseArgs } from 'node:util';
import { ConfigError } from '../config/env.ts';

export interface CliArgs {
  command: string;
  /** Flags mapped to setting paths (see config/load.ts). */
  flags: Record<string, unknown>;
  configFile?: string;
  rest: Record<string, string | boolean | undefined>;
}

function portFlag(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`--port: expected a port number 0–65535, got "${raw}"`);
  }
  return port;
}

export function parseCli(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        config: { type: 'string' },
        'log-level': { type: 'string' },
        url: { type: 'string' },
        token: { type: 'string' },
        'no-autostart': { type: 'boolean' },
        json: { type: 'boolean' },
        since: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const flags: Record<string, unknown> = {};
  if (values.port !== undefined) flags.port = portFlag(values.port);
  if (values.host !== undefined) flags.host = values.host;
  if (values['data-dir'] !== undefined) flags.dataDir = values['data-dir'];
  if (values['log-level'] !== undefined) flags.logLevel = values['log-level'];
  const command = values.help ? 'help' : values.version ? 'version' : (positionals[0] ?? 'help');
  return { command, flags, configFile: values.config, rest: values };
}
