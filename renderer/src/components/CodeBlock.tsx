import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton.tsx';

interface Props {
  /** What is copied: always the real text, even when `shown` masks a secret. */
  text: string;
  shown?: string;
  label: string;
}

export function CodeBlock({ text, shown, label }: Props) {
  const { t } = useTranslation();
  return (
    <div className="code">
      <pre tabIndex={0} aria-label={label}>
        <code>{shown ?? text}</code>
      </pre>
      <div className="code-actions">
        <CopyButton text={text} label={t('common.copyWhat', { what: label })} compact />
      </div>
    </div>
  );
}
