import { useTranslation } from 'react-i18next';
import { useStatus } from '../hooks/useLive.ts';

// exai.db (threads, usage): a damaged file moved aside, or writes failing. The daemon keeps
// serving; the user should know that history may be missing or not kept.
export function StoreBanner() {
  const { t } = useTranslation();
  const store = useStatus()?.store;
  if (!store || (store.state === 'ok' && !store.notice)) return null;
  const level = store.state === 'unavailable' ? 'error' : 'warn';
  return (
    <div
      className={`banner banner-${level}`}
      role={level === 'error' ? 'alert' : 'status'}
      data-testid="store-banner"
    >
      <div>
        <strong>{t(`store.${store.state}`)}</strong>
        {(store.notice ?? store.error) && (
          <div className="small">{t('store.detail', { detail: store.notice ?? store.error })}</div>
        )}
      </div>
    </div>
  );
}
