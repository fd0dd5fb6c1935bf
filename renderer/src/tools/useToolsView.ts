import type { ToolsView } from '../../../preload/api.ts';
import { useInvoke, type Loaded } from '../hooks/useInvoke.ts';
import { useDaemonState, useSettings, useStatus } from '../hooks/useLive.ts';
import { invoke } from '../ipc.ts';

// The daemon's tool list as the Tools page and Settings show it. Settings changes re-read it (the
// daemon is the judge of what clients now see), and so does a finished call (its numbers), so a
// change made on either page shows on the other.
export function useToolsView(): Loaded<ToolsView> & { running: boolean } {
  const daemon = useDaemonState();
  const settings = useSettings();
  const running = daemon?.state === 'running';
  const calls = useStatus()?.counters.calls;
  const view = useInvoke(
    () => invoke('tools:list'),
    [
      running,
      calls,
      settings?.toolProfile,
      settings?.enabledTools.join(','),
      settings?.disabledTools.join(','),
    ],
  );
  return { ...view, running };
}
