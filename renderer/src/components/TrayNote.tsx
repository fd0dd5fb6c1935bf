import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const SEEN_KEY = 'exai.trayNoteSeen';

function seen(): boolean {
  try {
    return window.localStorage.getItem(SEEN_KEY) === '1';
  } catch {
    return true; // no storage: better no note than one that never goes away
  }
}

// Said once: closing the window does not stop EXAI, which keeps serving clients from the tray.
export function TrayNote() {
  const { t } = useTranslation();
  const [show, setShow] = useState(() => !seen());
  if (!show) return null;
  const dismiss = () => {
    try {
      window.localStorage.setItem(SEEN_KEY, '1');
    } catch {
      // the note just comes back next time
    }
    setShow(false);
  };
  return (
    <div className="banner banner-info" role="status" data-testid="tray-note">
      <span>{t('trayNote.text')}</span>
      <button type="button" className="btn btn-ghost btn-sm" onClick={dismiss}>
        {t('trayNote.ok')}
      </button>
    </div>
  );
}
