import { useTranslation } from 'react-i18next';
import type { SupervisorStateName } from '../../../preload/api.ts';

export function StateBadge({ state }: { state: SupervisorStateName | undefined }) {
  const { t } = useTranslation();
  const s = state ?? 'stopped';
  return (
    <span className={`badge state-${s}`} data-state={s}>
      <span className="dot" aria-hidden="true" />
      {state ? t(`state.${s}`) : t('state.connecting')}
    </span>
  );
}
