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
 * change (a pushed event: a finished call, new settings) and on reload(). Nothing polls. The last
 * good value stays on screen while a refresh is in flight or fails; an older answer that arrives
 * after a newer request is dropped.
 */
export function useInvoke<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
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

  useEffect(reload, deps);

  return { data, error, loading, reload };
}
