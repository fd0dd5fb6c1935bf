import { useId } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useStatus } from '../hooks/useLive.ts';
import { modelGroups } from '../settings/choices.ts';

interface Props {
  value: string;
  onChange: (model: string) => void;
  error?: string | undefined;
}

const NAMES = { kimi: 'Kimi', glm: 'GLM' } as const;

// "auto" plus every model the daemon knows (catalog and live lists, with aliases), so a typo
// cannot be saved; the hint says which model "auto" picks for which kind of tool.
export function ModelSelect({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const status = useStatus();
  const { groups, unknown } = modelGroups(status, value);
  const choice = status?.modelChoice;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{t('settings.defaultModel')}</label>
      <select
        id={id}
        data-testid="default-model"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
      >
        <option value="auto">{t('settings.model.auto')}</option>
        {unknown && (
          <option value={unknown}>{t('settings.model.unknown', { name: unknown })}</option>
        )}
        {groups.map((g) => (
          <optgroup key={g.provider} label={NAMES[g.provider]}>
            {g.models.map((m) => (
              <option key={m.name} className="model-option" value={m.name}>
                {m.aliases.length > 0
                  ? t('settings.model.withAliases', { name: m.name, aliases: m.aliases.join(', ') })
                  : m.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      <div className="field-hint" id={`${id}-hint`} data-testid="auto-explained">
        {choice ? (
          <Trans
            i18nKey="settings.model.autoPicks"
            values={{ fast: choice.fast, deep: choice.deep }}
            components={{ c: <code /> }}
          />
        ) : status ? (
          t('settings.defaultModelHint')
        ) : (
          t('settings.model.startDaemon')
        )}
      </div>
    </div>
  );
}
