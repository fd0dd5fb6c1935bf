import { readiness, type Readiness } from '../status/readiness.ts';
import { useDaemonState, useSettings, useStatus } from './useLive.ts';

/** Readiness of a running daemon; undefined while it is not running or has sent no status yet. */
export function useReadiness(): Readiness | undefined {
  const daemon = useDaemonState();
  const status = useStatus();
  const settings = useSettings();
  return daemon?.state === 'running' ? readiness(status, settings) : undefined;
}
