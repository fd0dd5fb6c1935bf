import { useTranslation } from 'react-i18next';
import { invoke } from '../ipc.ts';
import { useMessage } from '../i18n/index.ts';
import { useLiveStore, useNotices } from '../hooks/useLive.ts';

export function NoticeBar() {
  const { t } = useTranslation();
  const message = useMessage();
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
      {notices.map((n) => {
        const text = message(n.text);
        return (
          <div
            key={n.id}
            className={`banner banner-${n.level}`}
            role={n.level === 'error' ? 'alert' : 'status'}
          >
            <span>{text}</span>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => dismiss(n.id)}
              aria-label={t('common.dismissWhat', { what: text })}
            >
              {t('common.dismiss')}
            </button>
          </div>
        );
      })}
    </div>
  );
}
