import { useState } from 'react';
import { invoke, readableError } from '../ipc.ts';
import { useLiveStore } from './useLive.ts';

type Action = 'daemon:start' | 'daemon:stop' | 'daemon:restart';

/** Start/Stop/Restart with a pending flag; the returned state is shown at once, pushes follow. */
export function useDaemonActions() {
  const store = useLiveStore();
  const [pending, setPending] = useState<Action | null>(null);
  const [error, setError] = useState('');
  const run = async (action: Action) => {
    setPending(action);
    setError('');
    try {
      store.setDaemon(await invoke(action));
    } catch (e) {
      setError(readableError(e));
    } finally {
      setPending(null);
    }
  };
  return { pending, error, run };
}
