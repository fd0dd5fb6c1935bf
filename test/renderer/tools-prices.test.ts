import { describe, expect, it } from 'vitest';
import { toggleTool } from '../../renderer/src/tools/tool-lists.ts';
import { parsePriceDraft } from '../../renderer/src/usage/price-form.ts';

describe('tool switches', () => {
  it('turning a tool off lists it as disabled and drops it from enabled', () => {
    expect(
      toggleTool({ enabledTools: ['activity'], disabledTools: [] }, 'activity', false, false),
    ).toEqual({
      enabledTools: [],
      disabledTools: ['activity'],
    });
  });

  it('turning a profile tool back on only removes it from disabled', () => {
    expect(
      toggleTool({ enabledTools: [], disabledTools: ['chat', 'debug'] }, 'chat', true, true),
    ).toEqual({
      enabledTools: [],
      disabledTools: ['debug'],
    });
  });

  it('turning on a tool outside the profile lists it as enabled, once', () => {
    expect(
      toggleTool(
        { enabledTools: ['activity'], disabledTools: ['activity'] },
        'activity',
        true,
        false,
      ),
    ).toEqual({
      enabledTools: ['activity'],
      disabledTools: [],
    });
  });
});

describe('price rows', () => {
  const draft = { model: ' my-model ', input: '0.5', output: '2', currency: 'usd' };

  it('reads a typed row as a price per million tokens', () => {
    expect(parsePriceDraft(draft)).toEqual({
      ok: true,
      model: 'my-model',
      price: { input: 0.5, output: 2, currency: 'USD' },
    });
    expect(parsePriceDraft({ ...draft, input: '0,25' })).toMatchObject({
      ok: true,
      price: { input: 0.25 },
    });
  });

  it('refuses what is not a price, naming the problem', () => {
    expect(parsePriceDraft({ ...draft, input: '' })).toEqual({
      ok: false,
      error: 'validation.priceNumber',
    });
    expect(parsePriceDraft({ ...draft, output: 'cheap' })).toEqual({
      ok: false,
      error: 'validation.priceNumber',
    });
    expect(parsePriceDraft({ ...draft, output: '-1' })).toEqual({
      ok: false,
      error: 'validation.priceNumber',
    });
    for (const input of ['1e3', '10001', '0x10'])
      expect(parsePriceDraft({ ...draft, input })).toEqual({
        ok: false,
        error: 'validation.priceNumber',
      });
    expect(parsePriceDraft({ ...draft, currency: 'dollars' })).toEqual({
      ok: false,
      error: 'validation.currencyCode',
    });
    expect(parsePriceDraft({ ...draft, model: '  ' })).toEqual({
      ok: false,
      error: 'validation.modelNameEmpty',
    });
  });
});
