import { useCallback, useEffect, useState } from 'react';
import type { ClientId, ClientStatus } from '../../../preload/api.ts';
import { useLive, useLiveStore } from '../hooks/useLive.ts';
import { invoke, readableError } from '../ipc.ts';

export type ClientAction = 'add' | 'remove' | 'restore' | 'verify';

export interface ClientsControl {
  clients: ClientStatus[] | null;
  loadError: string;
  /** The action running per client, so only its buttons are disabled. */
  busy: Partial<Record<ClientId, ClientAction>>;
  /** The last failed action per client, in the app's words. */
  errors: Partial<Record<ClientId, string>>;
  run(id: ClientId, action: ClientAction): Promise<boolean>;
}

// The Connect page and the first-run setup share this: the list lives in the live store, so a
// token rotation that rewrote entries (pushed as clients:changed) shows on whichever page is open.
export function useClients(): ClientsControl {
  const store = useLiveStore();
  const clients = useLive((s) => s.clients);
  const [loadError, setLoadError] = useState('');
  const [busy, setBusy] = useState<ClientsControl['busy']>({});
  const [errors, setErrors] = useState<ClientsControl['errors']>({});

  useEffect(() => {
    let live = true;
    invoke('clients:list').then(
      (list) => live && store.patch({ clients: list }),
      (e: unknown) => live && setLoadError(readableError(e)),
    );
    return () => {
      live = false;
    };
  }, [store]);

  const run = useCallback(
    async (id: ClientId, action: ClientAction) => {
      setBusy((b) => ({ ...b, [id]: action }));
      setErrors((e) => ({ ...e, [id]: undefined }));
      try {
        const next = await invoke(`clients:${action}`, id);
        const list = store.get().clients ?? [];
        store.patch({ clients: list.map((c) => (c.id === id ? next : c)) });
        return next.check?.ok ?? true;
      } catch (e) {
        setErrors((er) => ({ ...er, [id]: readableError(e) }));
        return false;
      } finally {
        setBusy((b) => ({ ...b, [id]: undefined }));
      }
    },
    [store],
  );

  return { clients, loadError, busy, errors, run };
}
