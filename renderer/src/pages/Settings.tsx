import { useEffect, useState } from 'react';
import type { SettingsView } from '../../../preload/api.ts';
import { EncryptionStatus } from '../components/EncryptionStatus.tsx';
import { Field } from '../components/Field.tsx';
import { KeyField } from '../components/KeyField.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useLiveStore, useSettings } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';
import { updateText } from '../updates/update-text.ts';
import {
  buildPatch,
  draftFrom,
  fieldOfServerError,
  validate,
  validateField,
  type Draft,
  type FieldErrors,
  type FieldPath,
} from '../settings/settings-form.ts';

export function Settings() {
  const settings = useSettings();
  if (!settings) return <PageHeader title="Settings" subtitle="Loading…" />;
  return <SettingsForm settings={settings} />;
}

function SettingsForm({ settings }: { settings: SettingsView }) {
  const store = useLiveStore();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState('');
  const [saved, setSaved] = useState(false);
  const patch = buildPatch(draft, settings);
  const dirty = Object.keys(patch).length > 0;

  // Settings changed elsewhere (tray, another window): follow them unless the user is mid-edit.
  useEffect(() => {
    if (!dirty) setDraft(draftFrom(settings));
  }, [settings]);

  const keyBlocked =
    settings.encryption === 'unavailable'
      ? 'Keys cannot be stored on this system.'
      : settings.encryption === 'basic-text' && !settings.plainTextConsent
        ? 'Agree to the plain-text fallback above to store keys.'
        : undefined;

  const bind = (path: FieldPath, extra: { type?: string; inputMode?: 'numeric' | 'decimal' | 'url' } = {}) => ({
    value: draft[path],
    error: errors[path],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      const value = e.target.value;
      setDraft((d) => ({ ...d, [path]: value }));
      setSaved(false);
      // Once a field shows an error, re-check it on every keystroke so it clears as soon as it is fixed.
      if (errors[path]) setErrors((er) => ({ ...er, [path]: validateField(path, value) }));
    },
    onBlur: () => setErrors((er) => ({ ...er, [path]: validateField(path, draft[path]) })),
    spellCheck: false,
    ...extra,
  });

  const save = async () => {
    const found = validate(draft);
    setErrors(found);
    setFormError('');
    if (Object.values(found).some(Boolean)) return;
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
      <PageHeader title="Settings" subtitle="Keys, base URLs and the default model apply at once. Host, port, limits and the timeout restart the daemon." />

      <section className="card" aria-labelledby="keys-title">
        <h2 id="keys-title">API keys</h2>
        <EncryptionStatus settings={settings} />
        <KeyField id="kimi" label="Kimi" settings={settings} blocked={keyBlocked} />
        <KeyField id="glm" label="GLM" settings={settings} blocked={keyBlocked} />
      </section>

      <form
        className="settings-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <section className="card" aria-labelledby="providers-settings-title">
          <h2 id="providers-settings-title">Providers</h2>
          <Field label="Kimi base URL" {...bind('baseUrls.kimi', { type: 'url', inputMode: 'url' })} />
          <Field label="GLM base URL" {...bind('baseUrls.glm', { type: 'url', inputMode: 'url' })} />
          <Field label="Default model" {...bind('defaultModel')} hint="“auto” picks a model per tool category." />
        </section>

        <section className="card" aria-labelledby="server-settings-title">
          <h2 id="server-settings-title">Server</h2>
          <div className="grid-2 tight">
            <Field label="Host" {...bind('host')} hint="127.0.0.1 keeps the daemon on this machine." />
            <Field label="Port" {...bind('port', { inputMode: 'numeric' })} hint="Saving restarts the daemon on the new port." />
          </div>
          <h3>Concurrency limits</h3>
          <div className="grid-4">
            <Field label="All calls" {...bind('limits.global', { inputMode: 'numeric' })} />
            <Field label="Kimi calls" {...bind('limits.kimi', { inputMode: 'numeric' })} />
            <Field label="GLM calls" {...bind('limits.glm', { inputMode: 'numeric' })} />
            <Field label="Per session" {...bind('limits.session', { inputMode: 'numeric' })} />
          </div>
          <Field label="Call timeout (seconds)" {...bind('callTimeoutS', { inputMode: 'decimal' })} className="narrow" />
        </section>

        <section className="card" aria-labelledby="app-settings-title">
          <h2 id="app-settings-title">App</h2>
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
            Start EXAI Desktop when I log in
          </label>
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
            {updateText.settingLabel}
          </label>
          <p className="muted small">{updateText.settingHint}</p>
        </section>

        <div className="save-bar" role="region" aria-label="Save settings">
          {formError && (
            <span className="field-error" role="alert">
              {formError}
            </span>
          )}
          {saved && !dirty && (
            <span className="ok-text" role="status">
              Saved
            </span>
          )}
          <button
            type="button"
            className="btn btn-ghost"
            disabled={!dirty || saving}
            onClick={() => {
              setDraft(draftFrom(settings));
              setErrors({});
            }}
          >
            Revert
          </button>
          <button type="submit" className="btn btn-primary" disabled={!dirty || saving}>
            {saving ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </form>
    </>
  );
}
