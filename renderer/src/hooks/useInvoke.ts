import { useCallback, useEffect, useRef, useState } from 'react';
import { readableError } from '../ipc.ts';

export interface Loaded<T> {
  data: T | null;
  error: string;
  loading: boolean;
  reload: () => void;
}

/**
 * A value the page asks main for (the daemon's usage, its tools), fetched again when `deps`
 * change, on reload() and every `everyMs` while the page is open. The last good value stays on
 * screen while a refresh is in flight or fails.
 */
export function useInvoke<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  everyMs?: number,
): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(() => {
    const mine = ++seq.current;
    setLoading(true);
    loadRef.current().then(
      (value) => {
        if (mine !== seq.current) return;
        setData(value);
        setError('');
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(readableError(e));
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    reload();
    if (!everyMs) return;
    const timer = setInterval(reload, everyMs);
    return () => clearInterval(timer);
  }, deps);

  return { data, error, loading, reload };
}
