import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Price } from '../../../preload/api.ts';
import { useInvoke } from '../hooks/useInvoke.ts';
import { useLiveStore, useSettings } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';
import { draftOf, parsePriceDraft, type PriceDraft } from '../usage/price-form.ts';

const NO_PRICES: Record<string, Price> = {};

const samePrice = (a: Price | undefined, b: Price | undefined) =>
  !!a && !!b && a.input === b.input && a.output === b.output && a.currency === b.currency;

/**
 * Per-model prices (per million tokens) over the shipped list. Saving writes the user's prices
 * (the ones that differ from the shipped list, or are new) to settings; the daemon applies them
 * at once, and every cost on the page is recomputed with them, past days included.
 */
export function PriceEditor({ seenModels }: { seenModels: string[] }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const store = useLiveStore();
  const shipped = useInvoke(() => invoke('usage:shipped-prices'), []);
  const overrides = settings?.prices ?? NO_PRICES;
  const table = useMemo(
    () => ({ ...(shipped.data ?? {}), ...overrides }),
    [shipped.data, overrides],
  );
  const models = useMemo(
    () => [...new Set([...Object.keys(table), ...seenModels])].sort(),
    [table, seenModels.join('|')],
  );
  const [drafts, setDrafts] = useState<Record<string, PriceDraft>>({});
  const [added, setAdded] = useState<PriceDraft>(draftOf('', undefined));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(
    () => setDrafts(Object.fromEntries(models.map((m) => [m, draftOf(m, table[m])]))),
    [models, table],
  );

  const save = async (next: Record<string, Price>) => {
    setSaving(true);
    setNote(null);
    try {
      store.patch({ settings: await invoke('settings:update', { prices: next }) });
      setNote({ ok: true, text: t('prices.saved') });
      setAdded(draftOf('', undefined));
    } catch (e) {
      setNote({ ok: false, text: t('prices.saveFailed', { error: readableError(e) }) });
    } finally {
      setSaving(false);
    }
  };

  const submit = () => {
    const found: Record<string, string> = {};
    const next: Record<string, Price> = {};
    for (const model of models) {
      const draft = drafts[model];
      if (!draft) continue;
      // A model without a price stays unknown unless the user fills in its row.
      if (!table[model] && !draft.input.trim() && !draft.output.trim()) continue;
      const parsed = parsePriceDraft(draft);
      if (!parsed.ok) found[model] = parsed.error;
      else if (!samePrice(parsed.price, shipped.data?.[model])) next[model] = parsed.price;
    }
    if (added.model.trim() || added.input.trim() || added.output.trim()) {
      const parsed = parsePriceDraft(added);
      if (!parsed.ok) found['\u0000new'] = parsed.error;
      else next[parsed.model] = parsed.price;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setNote({ ok: false, text: t('prices.fixErrors') });
      return;
    }
    void save(next);
  };

  const reset = (model: string) => {
    const { [model]: _dropped, ...rest } = overrides;
    void save(rest);
  };

  const edit = (model: string, field: keyof PriceDraft, value: string) =>
    setDrafts((d) => ({
      ...d,
      [model]: { ...(d[model] ?? draftOf(model, undefined)), [field]: value },
    }));

  return (
    <section className="card prices" aria-labelledby="prices-title">
      <h2 id="prices-title">{t('prices.title')}</h2>
      <p className="muted small">{t('prices.hint')}</p>
      {shipped.error && (
        <div className="banner banner-error" role="alert">
          {shipped.error}
        </div>
      )}
      <div className="table-wrap">
        <table className="table price-table" aria-label={t('prices.title')}>
          <thead>
            <tr>
              <th>{t('prices.model')}</th>
              <th>{t('prices.input')}</th>
              <th>{t('prices.output')}</th>
              <th>{t('prices.currency')}</th>
              <th className="actions">{t('prices.source')}</th>
            </tr>
          </thead>
          <tbody>
            {models.map((model) => {
              const draft = drafts[model] ?? draftOf(model, table[model]);
              const custom = model in overrides;
              return (
                <tr key={model} className={errors[model] ? 'has-error' : undefined}>
                  <td>
                    <code>{model}</code>
                    {errors[model] && (
                      <div className="field-error" role="alert">
                        {t(errors[model]!)}
                      </div>
                    )}
                  </td>
                  <PriceCells draft={draft} model={model} onEdit={(f, v) => edit(model, f, v)} />
                  <td className="actions">
                    {custom ? (
                      <button
                        type="button"
                        className="btn btn-sm btn-ghost"
                        onClick={() => reset(model)}
                        disabled={saving}
                      >
                        {shipped.data?.[model] ? t('prices.reset') : t('prices.remove')}
                      </button>
                    ) : (
                      <span className="muted small">
                        {table[model] ? t('prices.shipped') : t('prices.unknown')}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
            <tr>
              <td>
                <input
                  aria-label={t('prices.newModel')}
                  placeholder={t('prices.newModel')}
                  value={added.model}
                  onChange={(e) => setAdded({ ...added, model: e.target.value })}
                />
                {errors['\u0000new'] && (
                  <div className="field-error" role="alert">
                    {t(errors['\u0000new'])}
                  </div>
                )}
              </td>
              <PriceCells
                draft={added}
                model={t('prices.newModel')}
                onEdit={(f, v) => setAdded({ ...added, [f]: v })}
              />
              <td />
            </tr>
          </tbody>
        </table>
      </div>
      <div className="row gap">
        <button type="button" className="btn btn-primary" onClick={submit} disabled={saving}>
          {saving ? t('prices.saving') : t('prices.save')}
        </button>
        {note && (
          <span className={note.ok ? 'ok-text' : 'error-text'} role={note.ok ? 'status' : 'alert'}>
            {note.text}
          </span>
        )}
      </div>
    </section>
  );
}

function PriceCells({
  draft,
  model,
  onEdit,
}: {
  draft: PriceDraft;
  model: string;
  onEdit: (field: keyof PriceDraft, value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <td>
        <input
          className="num-input"
          inputMode="decimal"
          aria-label={t('prices.inputFor', { model })}
          value={draft.input}
          onChange={(e) => onEdit('input', e.target.value)}
        />
      </td>
      <td>
        <input
          className="num-input"
          inputMode="decimal"
          aria-label={t('prices.outputFor', { model })}
          value={draft.output}
          onChange={(e) => onEdit('output', e.target.value)}
        />
      </td>
      <td>
        <input
          className="currency-input"
          maxLength={3}
          aria-label={t('prices.currencyFor', { model })}
          value={draft.currency}
          onChange={(e) => onEdit('currency', e.target.value)}
        />
      </td>
    </>
  );
}
