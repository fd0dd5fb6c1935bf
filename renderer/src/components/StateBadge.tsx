import { useTranslation } from 'react-i18next';
import type { SupervisorStateName } from '../../../preload/api.ts';
import type { Readiness } from '../status/readiness.ts';

/** A running daemon that cannot answer (no key, every provider down) shows amber, not green. */
export function StateBadge({
  state,
  readiness,
}: {
  state: SupervisorStateName | undefined;
  readiness?: Readiness | undefined;
}) {
  const { t } = useTranslation();
  const s = state ?? 'stopped';
  const degraded = s === 'running' && readiness !== undefined && readiness !== 'ready';
  return (
    <span
      className={`badge state-${degraded ? 'degraded' : s}`}
      data-state={s}
      data-readiness={s === 'running' ? readiness : undefined}
    >
      <span className="dot" aria-hidden="true" />
      {!state
        ? t('state.connecting')
        : degraded
          ? t(`state.runningWith.${readiness}`)
          : t(`state.${s}`)}
    </span>
  );
}
