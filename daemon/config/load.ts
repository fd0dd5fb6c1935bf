import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema, type Config } from './schema.ts';
import { ConfigError, configFromEnv, setPath } from './env.ts';
import { defaultDataDir } from './paths.ts';

export { ConfigError } from './env.ts';

export interface ConfigSources {
  env: Readonly<Record<string, string | undefined>>;
  /** CLI flags already parsed to setting paths, e.g. { port: 9000, dataDir: '/x' }. */
  flags?: Record<string, unknown>;
  /** An explicit config file; otherwise <dataDir>/config.json when it exists. */
  configFile?: string;
}

function deepMerge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] =
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      prev &&
      typeof prev === 'object' &&
      !Array.isArray(prev)
        ? deepMerge(prev as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}

function readConfigFile(path: string, required: boolean): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`config file ${path}: ${(error as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error('expected a JSON object');
    }
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`config file ${path}: not valid JSON (${(error as Error).message})`);
  }
}

/** Layers, lowest first: defaults, config file, environment, CLI flags. Throws ConfigError naming the setting. */
export function loadConfig(sources: ConfigSources): Config {
  const fromEnv = configFromEnv(sources.env);
  const flags = sources.flags ?? {};
  const dataDir =
    (flags.dataDir as string | undefined) ?? sources.env.EXAI_HOME ?? defaultDataDir();
  const file = sources.configFile ?? join(dataDir, 'config.json');
  const fromFile = readConfigFile(file, sources.configFile !== undefined);

  let merged: Record<string, unknown> = { dataDir };
  merged = deepMerge(merged, fromFile);
  merged = deepMerge(merged, fromEnv.values as Record<string, unknown>);
  const flagValues: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flags)) setPath(flagValues, path, value);
  merged = deepMerge(merged, flagValues);
  merged.dataDir = dataDir;

  // Parsed once: zod's JIT would compile a parser for this one use (about 3 ms of every start).
  const result = configSchema.safeParse(merged, { jitless: true });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.join('.');
    const envName = fromEnv.sources.get(path);
    const where = envName
      ? ` (from ${envName})`
      : flags[path] !== undefined
        ? ' (from the command line)'
        : '';
    throw new ConfigError(`setting "${path || 'config'}"${where}: ${issue.message}`);
  }
  return result.data;
}
