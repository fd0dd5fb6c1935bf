import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke, readableError } from '../ipc.ts';

interface Props {
  text: string;
  /** What is being copied, for screen readers: "Copy WebSocket URL". */
  label: string;
  compact?: boolean;
}

// Copies through the main process (clipboard:write): the sandboxed page has no clipboard rights.
export function CopyButton({ text, label, compact }: Props) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [error, setError] = useState('');
  useEffect(() => {
    if (state === 'idle') return;
    const id = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(id);
  }, [state]);

  const copy = async () => {
    try {
      await invoke('clipboard:write', text);
      setState('copied');
    } catch (e) {
      setError(readableError(e));
      setState('failed');
    }
  };
  const shown =
    state === 'copied'
      ? t('common.copied')
      : state === 'failed'
        ? t('common.copyFailed')
        : t('common.copy');
  return (
    <button
      type="button"
      className={`btn btn-ghost${compact ? ' btn-sm' : ''}${state === 'copied' ? ' is-done' : ''}`}
      onClick={copy}
      aria-label={label}
      title={state === 'failed' ? error : label}
    >
      <span aria-live="polite">{shown}</span>
    </button>
  );
}
