import { useId } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useStatus } from '../hooks/useLive.ts';
import { modelGroups, type AllowedModels } from '../settings/choices.ts';

interface Props {
  value: string;
  onChange: (model: string) => void;
  error?: string | undefined;
  /** The saved allowed-models lists: only those models are offered. */
  allowed?: AllowedModels;
}

const NAMES = { kimi: 'Kimi', glm: 'GLM' } as const;

// "auto" plus every allowed model the daemon knows (catalog and live lists, with aliases), so a
// typo cannot be saved; the hint says which model "auto" picks for which kind of tool. A default
// the allowed lists no longer let through stays selected, with a warning instead of silence.
export function ModelSelect({ value, onChange, error, allowed }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const status = useStatus();
  const { groups, unknown, notAllowed } = modelGroups(status, value, allowed);
  const choice = status?.modelChoice;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{t('settings.defaultModel')}</label>
      <select
        id={id}
        data-testid="default-model"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={notAllowed ? `${id}-warn ${id}-hint` : `${id}-hint`}
        aria-invalid={error ? true : undefined}
      >
        <option value="auto">{t('settings.model.auto')}</option>
        {unknown && (
          <option value={unknown}>{t('settings.model.unknown', { name: unknown })}</option>
        )}
        {notAllowed && (
          <option value={notAllowed.name}>
            {t('settings.model.notAllowedOption', { name: notAllowed.name })}
          </option>
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
      {notAllowed && (
        <div className="field-warn" id={`${id}-warn`} data-testid="default-model-not-allowed">
          {t('settings.model.notAllowed', {
            name: notAllowed.name,
            provider: NAMES[notAllowed.provider],
          })}
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
