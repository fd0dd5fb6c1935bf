import { SaveStatus } from '../components/SaveStatus.tsx';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AppDaemonSettings,
  LanguagePreference,
  SettingsView,
  ThemePreference,
} from '../../../preload/api.ts';
import { BaseUrlField } from '../components/BaseUrlField.tsx';
import { ConfirmRow } from '../components/ConfirmRow.tsx';
import { EncryptionStatus } from '../components/EncryptionStatus.tsx';
import { Field } from '../components/Field.tsx';
import { KeyField, keyBlockedReason } from '../components/KeyField.tsx';
import { ModelSelect } from '../components/ModelSelect.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SupportCard } from '../components/SupportCard.tsx';
import { useAppInfo } from '../hooks/useAppInfo.ts';
import { setLeaveGuard } from '../hooks/useHashRoute.ts';
import { useLiveStore, useSettings } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';
import { saveWarnings, type SaveWarning } from '../settings/choices.ts';
import { FilesAndModelsCard } from '../settings/FilesAndModelsCard.tsx';
import { ToolsCard } from '../settings/ToolsCard.tsx';
import {
  buildPatch,
  draftFrom,
  fieldOfServerError,
  validate,
  validateField,
  type Draft,
  type FieldErrors,
  type FieldPath,
  type Words,
} from '../settings/settings-form.ts';

const LANGUAGE_CHOICES: LanguagePreference[] = ['system', 'en', 'zh-CN'];
const THEME_CHOICES: ThemePreference[] = ['system', 'light', 'dark'];
// The daemon's own defaults, compiled in by renderer/vite.config.ts: "Reset to default" for base URLs.
declare const __EXAI_DAEMON_DEFAULTS__: AppDaemonSettings;

export function Settings() {
  const { t } = useTranslation();
  const settings = useSettings();
  if (!settings) return <PageHeader title={t('settings.title')} subtitle={t('common.loading')} />;
  return <SettingsForm settings={settings} />;
}

function SettingsForm({ settings }: { settings: SettingsView }) {
  const { t, i18n } = useTranslation();
  const words: Words = { t, locale: i18n.language };
  const store = useLiveStore();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState('');
  const [saved, setSaved] = useState(false);
  const [warnings, setWarnings] = useState<SaveWarning[]>([]);
  const patch = buildPatch(draft, settings);
  const dirty = Object.keys(patch).length > 0;
  const { info } = useAppInfo();
  // Electron has no login items on Linux: the switch would do nothing there.
  const loginItems = info !== null && info.platform !== 'linux';

  // Leaving the page (sidebar, a link) with unsaved edits, here or in the Files and models card
  // (which saves on its own), asks first.
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const cardDirtyRef = useRef(false);
  useEffect(() => setLeaveGuard(() => dirtyRef.current || cardDirtyRef.current), []);

  // Settings changed elsewhere (tray, another window): follow them unless the user is mid-edit.
  useEffect(() => {
    if (!dirty) setDraft(draftFrom(settings));
  }, [settings]);

  // A new language re-words the errors on screen (a server-side one is re-checked here instead).
  useEffect(() => {
    setErrors((er) => {
      const next: FieldErrors = {};
      for (const path of Object.keys(er) as FieldPath[])
        if (er[path]) next[path] = validateField(path, draft[path], words);
      return next;
    });
  }, [i18n.language]);

  const [languageError, setLanguageError] = useState('');
  // Language and theme apply the moment they are picked, like a menu: no Save needed.
  const applyNow = async (patch: { language: LanguagePreference } | { theme: ThemePreference }) => {
    setLanguageError('');
    try {
      store.patch({ settings: await invoke('settings:update', patch) });
    } catch (e) {
      setLanguageError(readableError(e));
    }
  };
  const pick = (path: FieldPath, value: string) => {
    setDraft((d) => ({ ...d, [path]: value }));
    setSaved(false);
    setErrors((er) => ({ ...er, [path]: validateField(path, value, words) }));
  };

  const keyBlocked = keyBlockedReason(settings, t);

  const bind = (
    path: FieldPath,
    extra: { type?: string; inputMode?: 'numeric' | 'decimal' | 'url' } = {},
  ) => ({
    value: draft[path],
    error: errors[path],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      const value = e.target.value;
      setDraft((d) => ({ ...d, [path]: value }));
      setSaved(false);
      // Once a field shows an error, re-check it on every keystroke so it clears as soon as it is fixed.
      if (errors[path]) setErrors((er) => ({ ...er, [path]: validateField(path, value, words) }));
    },
    onBlur: () => setErrors((er) => ({ ...er, [path]: validateField(path, draft[path], words) })),
    spellCheck: false,
    ...extra,
  });

  const save = async (confirmed = false) => {
    const found = validate(draft, words);
    setErrors(found);
    setFormError('');
    if (Object.values(found).some(Boolean)) return;
    // A host other machines can reach, or a port clients were set up with: say so before saving.
    const warn = saveWarnings(patch);
    if (!confirmed && warn.length > 0) {
      setWarnings(warn);
      return;
    }
    setWarnings([]);
    setSaving(true);
    try {
      const next = await invoke('settings:update', patch);
      store.patch({ settings: next });
      setDraft(draftFrom(next));
      setSaved(true);
    } catch (e) {
      const message = readableError(e);
      const field = fieldOfServerError(message);
      if (field) setErrors((er) => ({ ...er, [field.path]: field.message }));
      else setFormError(message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />

      <section className="card" aria-labelledby="language-title">
        <h2 id="language-title">{t('settings.appearance')}</h2>
        <label className="field-label" htmlFor="language-select">
          {t('settings.language')}
        </label>
        <div className="field narrow">
          <select
            id="language-select"
            data-testid="language-select"
            value={settings.language}
            onChange={(e) => void applyNow({ language: e.target.value as LanguagePreference })}
            aria-label={t('settings.language')}
            aria-describedby="language-hint"
          >
            {LANGUAGE_CHOICES.map((l) => (
              <option key={l} value={l}>
                {t(`settings.languages.${l}`)}
              </option>
            ))}
          </select>
          <div className="field-hint" id="language-hint">
            {t('settings.languageHint')}
          </div>
          {languageError && (
            <div className="field-error" role="alert">
              {languageError}
            </div>
          )}
        </div>
        <fieldset className="segmented" data-testid="theme-choice">
          <legend>{t('settings.theme')}</legend>
          {THEME_CHOICES.map((th) => (
            <label key={th} className={`segment${settings.theme === th ? ' is-on' : ''}`}>
              <input
                type="radio"
                name="theme"
                value={th}
                checked={settings.theme === th}
                onChange={() => void applyNow({ theme: th })}
              />
              {t(`settings.themes.${th}`)}
            </label>
          ))}
        </fieldset>
      </section>

      <section className="card" aria-labelledby="keys-title">
        <h2 id="keys-title">{t('settings.apiKeys')}</h2>
        <EncryptionStatus settings={settings} />
        <KeyField id="kimi" label="Kimi" settings={settings} blocked={keyBlocked} />
        <KeyField id="glm" label="GLM" settings={settings} blocked={keyBlocked} />
      </section>

      <FilesAndModelsCard settings={settings} dirtyRef={cardDirtyRef} />

      {/* Applies at once, like the Tools page: nothing here for the leave guard to watch. */}
      <ToolsCard settings={settings} />

      <form
        className="settings-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <section className="card" aria-labelledby="providers-settings-title">
          <h2 id="providers-settings-title">{t('settings.providers')}</h2>
          <BaseUrlField
            provider="kimi"
            label={t('settings.kimiBaseUrl')}
            defaultUrl={__EXAI_DAEMON_DEFAULTS__.baseUrls.kimi}
            onPick={(url) => pick('baseUrls.kimi', url)}
            {...bind('baseUrls.kimi', { type: 'url', inputMode: 'url' })}
          />
          <BaseUrlField
            provider="glm"
            label={t('settings.glmBaseUrl')}
            defaultUrl={__EXAI_DAEMON_DEFAULTS__.baseUrls.glm}
            onPick={(url) => pick('baseUrls.glm', url)}
            {...bind('baseUrls.glm', { type: 'url', inputMode: 'url' })}
          />
          <ModelSelect
            value={draft.defaultModel}
            error={errors.defaultModel}
            allowed={settings.allowedModels}
            onChange={(model) => pick('defaultModel', model)}
          />
        </section>

        <section className="card" aria-labelledby="server-settings-title">
          <h2 id="server-settings-title">{t('settings.server')}</h2>
          <div className="grid-2 tight">
            <Field label={t('settings.host')} {...bind('host')} hint={t('settings.hostHint')} />
            <Field
              label={t('settings.port')}
              {...bind('port', { inputMode: 'numeric' })}
              hint={t('settings.portHint')}
            />
          </div>
          <h3>{t('settings.limits')}</h3>
          <div className="grid-4">
            <Field
              label={t('settings.limitAll')}
              {...bind('limits.global', { inputMode: 'numeric' })}
            />
            <Field
              label={t('settings.limitKimi')}
              {...bind('limits.kimi', { inputMode: 'numeric' })}
            />
            <Field
              label={t('settings.limitGlm')}
              {...bind('limits.glm', { inputMode: 'numeric' })}
            />
            <Field
              label={t('settings.limitSession')}
              {...bind('limits.session', { inputMode: 'numeric' })}
            />
          </div>
          <Field
            label={t('settings.callTimeout')}
            {...bind('callTimeoutS', { inputMode: 'decimal' })}
            className="narrow"
          />
        </section>

        <section className="card" aria-labelledby="app-settings-title">
          <h2 id="app-settings-title">{t('settings.app')}</h2>
          {loginItems && (
            <label className="check">
              <input
                type="checkbox"
                checked={draft.startAtLogin}
                onChange={(e) => {
                  const startAtLogin = e.target.checked;
                  setDraft((d) => ({ ...d, startAtLogin }));
                  setSaved(false);
                }}
              />
              {t('settings.startAtLogin')}
            </label>
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={draft.updateChecks}
              onChange={(e) => {
                const updateChecks = e.target.checked;
                setDraft((d) => ({ ...d, updateChecks }));
                setSaved(false);
              }}
            />
            {t('update.settingLabel')}
          </label>
          <p className="muted small">{t('update.settingHint')}</p>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.circuitNotifications}
              onChange={(e) => {
                const circuitNotifications = e.target.checked;
                setDraft((d) => ({ ...d, circuitNotifications }));
                setSaved(false);
              }}
            />
            {t('settings.circuitNotifications')}
          </label>
          <p className="muted small">{t('settings.circuitNotificationsHint')}</p>
        </section>

        <SupportCard />

        {/* Sticky (a layer with a border and shadow over the form) only while there is something to save. */}
        <div
          className={`save-bar${dirty || warnings.length > 0 ? ' is-sticky' : ''}`}
          role="region"
          aria-label={t('settings.saveBar')}
        >
          {warnings.length > 0 && (
            <ConfirmRow
              testId="save-warning"
              message={warnings
                .map((w) =>
                  t(`settings.saveWarning.${w}`, {
                    host: patch.host ?? settings.host,
                    port: patch.port ?? settings.port,
                    old: settings.port,
                  }),
                )
                .join(' ')}
              confirmLabel={t('settings.saveAnyway')}
              onConfirm={() => void save(true)}
              onCancel={() => setWarnings([])}
            />
          )}
          <SaveStatus error={formError || undefined} saved={saved && !dirty} />
          <button
            type="button"
            className="btn btn-ghost"
            disabled={!dirty || saving}
            onClick={() => {
              setDraft(draftFrom(settings));
              setErrors({});
              setWarnings([]);
            }}
          >
            {t('settings.revert')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!dirty || saving}>
            {saving ? t('settings.saving') : t('settings.saveChanges')}
          </button>
        </div>
      </form>
    </>
  );
}
