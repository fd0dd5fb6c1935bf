import { z } from 'zod';
import { priceSchema, type Price } from '../config/schema.ts';
// Imported, not read from disk, so the prices travel inside the bundled daemon.
import priceData from './prices.json' with { type: 'json' };

const shipped = z
  .object({ $comment: z.string().optional(), prices: z.record(z.string(), priceSchema) })
  // Once, at start: without zod's JIT, which would compile a parser for this one use.
  .parse(priceData, { jitless: true }).prices;

/** The user's prices (Settings, config.json "prices") over the shipped list. */
export function priceTable(overrides: Readonly<Record<string, Price>> = {}): Record<string, Price> {
  return { ...shipped, ...overrides };
}

/** What tokens cost at a model's price, or null when the price is unknown (shown as "—", never 0). */
export function costOf(
  price: Price | undefined,
  inputTokens: number,
  outputTokens: number,
): number | null {
  if (!price) return null;
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
}
