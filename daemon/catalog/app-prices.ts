import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replacePrivateFile } from '../core/private-file.ts';
import { z } from 'zod';
import { priceSchema, type Price } from '../config/schema.ts';
import { priceTable } from './prices.ts';

// The prices the app's daemon costs usage with (the Usage page's price editor, over config.json),
// kept in <dataDir>/app-prices.json so `exai usage` and `exai diagnostics` from a terminal price
// exactly as the app does. Written only by a daemon the app runs (it has a parent), at start and
// whenever the app sends new prices; prices are not secrets. Without the file (the app never ran
// on this data folder) the terminal prices at the shipped list + config.json, as before.

export const APP_PRICES_FILE = 'app-prices.json';

const fileSchema = z.object({
  $comment: z.string().optional(),
  prices: z.record(z.string().min(1), priceSchema),
});

export type AppPrices =
  | { kind: 'none' }
  | { kind: 'saved'; prices: Record<string, Price> }
  | { kind: 'unreadable'; path: string; problem: string };

export function appPricesPath(dataDir: string): string {
  return join(dataDir, APP_PRICES_FILE);
}

/** Replaces the file in one step (temp + rename): a reader sees the old prices or the new, never half. */
export function saveAppPrices(dataDir: string, prices: Readonly<Record<string, Price>>): void {
  const body = {
    $comment:
      'Written by the EXAI daemon from the prices set in the app (Usage → Prices); exai usage reads it. Edit prices in the app, not here.',
    prices,
  };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  replacePrivateFile(appPricesPath(dataDir), `${JSON.stringify(body, null, 2)}\n`);
}

export function readAppPrices(dataDir: string): AppPrices {
  const path = appPricesPath(dataDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'unreadable', path, problem: (error as Error).message };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: 'unreadable', path, problem: `not valid JSON (${(error as Error).message})` };
  }
  const parsed = fileSchema.safeParse(json, { jitless: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `"${issue.path.join('.')}": ` : '';
    return { kind: 'unreadable', path, problem: `${where}${issue.message}` };
  }
  return { kind: 'saved', prices: parsed.data.prices };
}

/**
 * The price table a terminal command uses: the app's saved prices when there are any, else the
 * shipped list + config.json. `warning` names a damaged file (the command still runs).
 */
export function terminalPrices(config: {
  dataDir: string;
  prices: Readonly<Record<string, Price>>;
}): { overrides: Record<string, Price>; table: Record<string, Price>; warning?: string } {
  const saved = readAppPrices(config.dataDir);
  if (saved.kind === 'saved') return { overrides: saved.prices, table: priceTable(saved.prices) };
  const overrides = { ...config.prices };
  if (saved.kind === 'none') return { overrides, table: priceTable(overrides) };
  return {
    overrides,
    table: priceTable(overrides),
    warning: `the app's prices in ${saved.path} could not be read (${saved.problem}); using the shipped prices and config.json instead`,
  };
}
