import { useTranslation } from 'react-i18next';

/** Beside a form's Save button: why the last save failed, and that it is saved (until the next edit). */
export function SaveStatus({ error, saved }: { error: string | undefined; saved: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
      {saved && (
        <span className="ok-text" role="status">
          {t('settings.saved')}
        </span>
      )}
    </>
  );
}
