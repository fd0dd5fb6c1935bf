import { invoke } from '../ipc.ts';
import { useLiveStore, useNotices } from '../hooks/useLive.ts';

export function NoticeBar() {
  const notices = useNotices();
  const store = useLiveStore();
  if (notices.length === 0) return null;
  const dismiss = async (id: string) => {
    // Hide at once; the pushed notices:changed confirms it.
    store.patch({ notices: notices.filter((n) => n.id !== id) });
    await invoke('notices:dismiss', id).catch(() => undefined);
  };
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`banner banner-${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
          <span>{n.message}</span>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => dismiss(n.id)} aria-label={`Dismiss: ${n.message}`}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
