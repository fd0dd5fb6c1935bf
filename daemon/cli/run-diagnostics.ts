import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../config/env.ts';
import { loadConfig } from '../config/load.ts';
import { readDiscovery } from '../lifecycle/discovery.ts';
import { buildDiagnostics } from '../diagnostics/diagnostics.ts';
import { terminalPrices } from '../catalog/app-prices.ts';
import { readToken, statusUrl } from './control.ts';
import type { CliArgs } from './args.ts';

/** `exai diagnostics --out FILE [--data-dir D]`: one zip to attach to a bug report, without secrets. */
export async function runDiagnostics(args: CliArgs): Promise<number> {
  const out = typeof args.rest.out === 'string' ? args.rest.out : undefined;
  if (!out) throw new ConfigError('diagnostics: --out FILE is required (where to write the zip)');
  const loaded = loadConfig({ env: process.env, flags: args.flags, configFile: args.configFile });
  // The usage summary is priced as the app prices, like `exai usage`.
  const prices = terminalPrices(loaded);
  if (prices.warning) process.stderr.write(`exai: ${prices.warning}\n`);
  const config = { ...loaded, prices: prices.overrides };
  const token = readToken(config.dataDir);
  const state = readDiscovery(config.dataDir);
  let status: unknown;
  if (state.kind === 'running' && token) {
    try {
      const response = await fetch(statusUrl(state.info), {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(3000),
      });
      if (response.ok) status = await response.json();
    } catch {
      // Not answering: the zip says the daemon was not running.
    }
  }
  const zip = buildDiagnostics({ config, secrets: [token], status });
  const path = resolve(out);
  writeFileSync(path, zip, { mode: 0o600 });
  process.stdout.write(
    `Diagnostics written to ${path} (${zip.length} bytes). It holds no API key, token or prompt.\n`,
  );
  return 0;
}
