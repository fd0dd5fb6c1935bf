import { priceSchema, type Price } from '../../../preload/api.ts';

// The price editor's rows as typed (strings) to the Price the settings keep, or the catalog key
// of what is wrong with them. The same schema checks them again in main before they are saved.

export interface PriceDraft {
  model: string;
  input: string;
  output: string;
  currency: string;
}

export type PriceParse = { ok: true; model: string; price: Price } | { ok: false; error: string };

export function parsePriceDraft(draft: PriceDraft): PriceParse {
  const model = draft.model.trim();
  if (!model) return { ok: false, error: 'validation.modelNameEmpty' };
  // Number('') is 0: an empty box must not read as a free model.
  const num = (text: string) => (text.trim() === '' ? NaN : Number(text.trim().replace(',', '.')));
  const result = priceSchema.safeParse({
    input: num(draft.input),
    output: num(draft.output),
    currency: draft.currency.trim().toUpperCase(),
  });
  if (!result.success)
    return { ok: false, error: result.error.issues[0]?.message ?? 'validation.priceNumber' };
  return { ok: true, model, price: result.data };
}

export function draftOf(model: string, price: Price | undefined): PriceDraft {
  return {
    model,
    input: price ? String(price.input) : '',
    output: price ? String(price.output) : '',
    currency: price?.currency ?? 'USD',
  };
}
