import { SaveStatus } from '../components/SaveStatus.tsx';
import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../preload/api.ts';
import { Field } from '../components/Field.tsx';
import { useLiveStore, useStatus } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';
import {
  filesDraftFrom,
  filesPatch,
  hasErrors,
  LOCALE_CHOICES,
  modelChoices,
  PROVIDERS,
  toggleModel,
  validateFiles,
  type FilesDraft,
  type FilesErrors,
  type LocaleChoice,
} from './files-and-models.ts';

const PROVIDER_NAMES = { kimi: 'Kimi', glm: 'GLM' } as const;
const NO_ERRORS: FilesErrors = { roots: [], locale: '' };

// Allowed folders, allowed models and the answer language: all reach the running daemon through
// `configure`, so this card saves on its own, without a restart. `dirtyRef` tells the page whether
// it holds unsaved edits, so leaving the page asks first.
export function FilesAndModelsCard({
  settings,
  dirtyRef,
}: {
  settings: SettingsView;
  dirtyRef?: RefObject<boolean>;
}) {
  const { t } = useTranslation();
  const store = useLiveStore();
  const status = useStatus();
  const [draft, setDraft] = useState<FilesDraft>(() => filesDraftFrom(settings));
  const [errors, setErrors] = useState<FilesErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [formError, setFormError] = useState('');
  const patch = filesPatch(draft, settings);
  const dirty = Object.keys(patch).length > 0;
  if (dirtyRef) dirtyRef.current = dirty;

  // Settings changed elsewhere: follow them unless the user is mid-edit.
  useEffect(() => {
    if (!dirty) setDraft(filesDraftFrom(settings));
  }, [settings]);

  const edit = (next: FilesDraft) => {
    setDraft(next);
    setSaved(false);
    if (hasErrors(errors)) setErrors(validateFiles(next, t));
  };

  const save = async () => {
    const found = validateFiles(draft, t);
    setErrors(found);
    setFormError('');
    if (hasErrors(found)) return;
    setSaving(true);
    try {
      const view = await invoke('settings:update', patch);
      store.patch({ settings: view });
      setDraft(filesDraftFrom(view));
      setSaved(true);
    } catch (e) {
      setFormError(readableError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card" aria-labelledby="files-models-title" data-testid="files-models-card">
      <h2 id="files-models-title">{t('filesModels.title')}</h2>
      <p className="muted small">{t('filesModels.appliesLive')}</p>

      <h3>{t('filesModels.folders')}</h3>
      <p className="muted small">{t('filesModels.foldersHint')}</p>
      {draft.roots.map((root, i) => (
        <Field
          key={i}
          label={t('filesModels.folderLabel', { n: i + 1 })}
          value={root}
          placeholder={t('filesModels.folderPlaceholder')}
          error={errors.roots[i] || undefined}
          onChange={(e) => {
            const roots = [...draft.roots];
            roots[i] = e.target.value;
            edit({ ...draft, roots });
          }}
          after={
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              aria-label={t('filesModels.removeFolder', { n: i + 1 })}
              onClick={() => edit({ ...draft, roots: draft.roots.filter((_, j) => j !== i) })}
            >
              {t('filesModels.remove')}
            </button>
          }
        />
      ))}
      {draft.roots.length === 0 && <p className="small">{t('filesModels.homeOnly')}</p>}
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => edit({ ...draft, roots: [...draft.roots, ''] })}
      >
        {t('filesModels.addFolder')}
      </button>

      <h3>{t('filesModels.models')}</h3>
      <p className="muted small">{t('filesModels.modelsHint')}</p>
      {PROVIDERS.map((id) => {
        const choices = modelChoices(status, id, draft.models[id]);
        return (
          <fieldset key={id} className="plain-fieldset" data-testid={`allowed-models-${id}`}>
            <legend>
              {t('filesModels.providerModels', {
                name: PROVIDER_NAMES[id],
                state:
                  draft.models[id].length === 0
                    ? t('filesModels.allAllowed')
                    : t('filesModels.someAllowed', { count: draft.models[id].length }),
              })}
            </legend>
            {choices.length === 0 ? (
              <p className="muted small">{t('filesModels.noModelList')}</p>
            ) : (
              <div className="model-grid">
                {choices.map((name) => (
                  <label className="check small" key={name}>
                    <input
                      type="checkbox"
                      checked={draft.models[id].includes(name)}
                      onChange={(e) => edit(toggleModel(draft, id, name, e.target.checked))}
                    />
                    <code>{name}</code>
                  </label>
                ))}
              </div>
            )}
          </fieldset>
        );
      })}

      <h3>{t('filesModels.answerLanguage')}</h3>
      <div className="field narrow">
        <select
          data-testid="answer-language-select"
          value={draft.localeChoice}
          aria-label={t('filesModels.answerLanguage')}
          onChange={(e) => edit({ ...draft, localeChoice: e.target.value as LocaleChoice })}
        >
          {LOCALE_CHOICES.map((c) => (
            <option key={c} value={c}>
              {t(`filesModels.locales.${c}`)}
            </option>
          ))}
        </select>
        <div className="field-hint">{t('filesModels.answerLanguageHint')}</div>
      </div>
      {draft.localeChoice === 'other' && (
        <Field
          className="narrow"
          label={t('filesModels.otherLocale')}
          value={draft.otherLocale}
          placeholder={t('filesModels.otherLocalePlaceholder')}
          error={errors.locale || undefined}
          onChange={(e) => edit({ ...draft, otherLocale: e.target.value })}
        />
      )}

      <div className="card-actions">
        <SaveStatus error={formError || undefined} saved={saved && !dirty} />
        <button
          type="button"
          className="btn btn-ghost"
          // The page's own save bar has a Revert too: this one names what it reverts.
          aria-label={t('filesModels.revert')}
          disabled={!dirty || saving}
          onClick={() => {
            setDraft(filesDraftFrom(settings));
            setErrors(NO_ERRORS);
          }}
        >
          {t('settings.revert')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="files-models-save"
          disabled={!dirty || saving}
          onClick={() => void save()}
        >
          {saving ? t('settings.saving') : t('filesModels.save')}
        </button>
      </div>
    </section>
  );
}
