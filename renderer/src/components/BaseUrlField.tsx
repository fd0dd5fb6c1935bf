import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderId } from '../../../preload/api.ts';
import { BASE_URL_PRESETS, presetOf } from '../settings/choices.ts';
import { Field } from './Field.tsx';

type InputProps = Omit<React.ComponentProps<typeof Field>, 'label' | 'after'>;

interface Props extends InputProps {
  provider: ProviderId;
  label: string;
  value: string;
  /** The daemon's default for this provider. */
  defaultUrl: string;
  /** Sets the field as if typed. */
  onPick: (url: string) => void;
}

// The URL stays editable (a proxy, a self-hosted gateway); the presets cover the usual endpoints.
export function BaseUrlField({ provider, label, value, defaultUrl, onPick, ...input }: Props) {
  const { t } = useTranslation();
  const presetId = useId();
  const current = presetOf(provider, value);
  return (
    <Field
      label={label}
      value={value}
      {...input}
      after={
        <>
          <select
            id={presetId}
            className="preset-select"
            aria-label={t('settings.urlPreset.label', { name: label })}
            value={current}
            onChange={(e) => {
              const preset = BASE_URL_PRESETS[provider].find((p) => p.id === e.target.value);
              if (preset) onPick(preset.url);
            }}
          >
            <option value="custom" disabled={current !== 'custom'}>
              {t('settings.urlPreset.custom')}
            </option>
            {BASE_URL_PRESETS[provider].map((p) => (
              <option key={p.id} value={p.id}>
                {t(`settings.urlPreset.${provider}.${p.id}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn"
            onClick={() => onPick(defaultUrl)}
            disabled={value.trim() === defaultUrl}
            aria-label={t('settings.urlPreset.resetWhat', { name: label })}
          >
            {t('settings.urlPreset.reset')}
          </button>
        </>
      }
    />
  );
}
