import type { SupervisorStateName } from '../../../preload/api.ts';

const LABELS: Record<SupervisorStateName, string> = {
  stopped: 'Stopped',
  starting: 'Starting',
  running: 'Running',
  stopping: 'Stopping',
  crashed: 'Crashed',
  'backing-off': 'Restarting',
  failed: 'Failed',
};

export function StateBadge({ state }: { state: SupervisorStateName | undefined }) {
  const s = state ?? 'stopped';
  return (
    <span className={`badge state-${s}`} data-state={s}>
      <span className="dot" aria-hidden="true" />
      {state ? LABELS[s] : 'Connecting…'}
    </span>
  );
}
