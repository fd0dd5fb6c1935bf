import { useTranslation } from 'react-i18next';
import type { ToolProfile } from '../../../preload/api.ts';

// preload/api.ts's TOOL_PROFILES, by value: the renderer may only type-import that file.
const PROFILES: readonly ToolProfile[] = ['core', 'standard', 'full'];

// The tool profile picker, the same on the Tools page and in Settings → Tools. It applies on
// change (like the tool switches): the caller passes the one save path, useToolSettings().apply.
export function ToolProfileSelect({
  id,
  value,
  disabled,
  onPick,
  describedBy,
}: {
  id: string;
  value: ToolProfile;
  disabled: boolean;
  onPick: (profile: ToolProfile) => void;
  describedBy?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={id}>{t('tools.profile')}</label>
      <select
        id={id}
        data-testid={id}
        value={value}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(e) => onPick(e.target.value as ToolProfile)}
      >
        {PROFILES.map((p) => (
          <option key={p} value={p}>
            {t(`tools.profiles.${p}`)}
          </option>
        ))}
      </select>
    </>
  );
}
