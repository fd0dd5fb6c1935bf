import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../preload/api.ts';
import { invoke } from '../ipc.ts';

// Versions and folders do not change while the window is open: asked once per window.
let cached: Promise<AppInfo> | undefined;

export function useAppInfo(): { info: AppInfo | null; error: unknown } {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    cached ??= invoke('app:info');
    cached.then(
      (i) => live && setInfo(i),
      (e: unknown) => {
        cached = undefined;
        if (live) setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return { info, error };
}
