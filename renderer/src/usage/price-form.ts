import type { Price } from '../../../preload/api.ts';

// The price editor's rows as typed (strings) to the Price the settings keep, or the catalog key
// of what is wrong with them. main checks them again with preload/api.ts's priceSchema (the same
// bounds) before anything is saved.

export interface PriceDraft {
  model: string;
  input: string;
  output: string;
  currency: string;
}

export type PriceParse = { ok: true; model: string; price: Price } | { ok: false; error: string };

export const MAX_PRICE = 10_000;

/** A price per million tokens as typed ("0.6", "0,6"); NaN for anything else, an empty box included. */
function perMillion(text: string): number {
  const t = text.trim().replace(',', '.');
  // Number('') is 0 and Number('1e3') is 1000: only plain decimals count as a price.
  return /^\d+(\.\d+)?$|^\.\d+$/.test(t) ? Number(t) : NaN;
}

export function parsePriceDraft(draft: PriceDraft): PriceParse {
  const model = draft.model.trim();
  if (!model || model.length > 200) return { ok: false, error: 'validation.modelNameEmpty' };
  const input = perMillion(draft.input);
  const output = perMillion(draft.output);
  for (const n of [input, output])
    if (!Number.isFinite(n) || n < 0 || n > MAX_PRICE)
      return { ok: false, error: 'validation.priceNumber' };
  // ISO 4217: what Intl formats the costs with.
  const currency = draft.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) return { ok: false, error: 'validation.currencyCode' };
  return { ok: true, model, price: { input, output, currency } };
}

export function draftOf(model: string, price: Price | undefined): PriceDraft {
  return {
    model,
    input: price ? String(price.input) : '',
    output: price ? String(price.output) : '',
    currency: price?.currency ?? 'USD',
  };
}
