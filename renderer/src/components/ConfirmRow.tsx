import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** What will be lost, in a sentence. */
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  /** The button that confirms is a plain one, not a red one (e.g. a harmless follow-up). */
  tone?: 'danger' | 'normal';
  cancelLabel?: string;
  testId?: string;
}

// The token card's confirm pattern, shared: the warning and two buttons take the action's place.
// Focus moves to Cancel, so Enter on the first click never confirms by accident.
export function ConfirmRow({
  message,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
  tone = 'danger',
  cancelLabel,
  testId,
}: Props) {
  const { t } = useTranslation();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="confirm-row" role="group" aria-label={confirmLabel} data-testid={testId}>
      <span className={tone === 'danger' ? 'warn-text' : undefined}>{message}</span>
      <span className="confirm-buttons">
        <button
          type="button"
          className={`btn btn-sm ${tone === 'danger' ? 'btn-danger' : 'btn-primary'}`}
          onClick={onConfirm}
          disabled={busy}
        >
          {confirmLabel}
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          ref={cancel}
          onClick={onCancel}
          onKeyDown={(e) => e.key === 'Escape' && onCancel()}
        >
          {cancelLabel ?? t('common.cancel')}
        </button>
      </span>
    </div>
  );
}
