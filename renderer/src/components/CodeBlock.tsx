import { CopyButton } from './CopyButton.tsx';

interface Props {
  /** What is copied: always the real text, even when `shown` masks a secret. */
  text: string;
  shown?: string;
  label: string;
}

export function CodeBlock({ text, shown, label }: Props) {
  return (
    <div className="code">
      <pre tabIndex={0} aria-label={label}>
        <code>{shown ?? text}</code>
      </pre>
      <div className="code-actions">
        <CopyButton text={text} label={`Copy ${label}`} compact />
      </div>
    </div>
  );
}
