import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../preload/api.ts';
import { toolsSummary } from '../tools/tool-lists.ts';
import { ToolProfileSelect } from '../tools/ToolProfileSelect.tsx';
import { useToolSettings } from '../tools/useToolSettings.ts';
import { useToolsView } from '../tools/useToolsView.ts';

// Settings › Tools: the tool profile, with the Tools page's own control and save path (it applies
// at once, like the Tools page and the theme; it is not part of the page's Save, so it never makes
// the page "unsaved"), and a summary of the per-tool switches, which live on the Tools page.
export function ToolsCard({ settings }: { settings: SettingsView }) {
  const { t } = useTranslation();
  const { running, ...view } = useToolsView();
  const { apply, busy, error } = useToolSettings();
  // A stopped daemon's last list may be stale: then the saved lists are all there is.
  const summary = toolsSummary(running ? (view.data?.tools ?? null) : null, settings);
  const profile = settings.toolProfile;

  return (
    <section className="card" aria-labelledby="tools-card-title" data-testid="tools-card">
      <h2 id="tools-card-title">{t('toolsCard.title')}</h2>
      <p className="muted small">{t('toolsCard.appliesLive')}</p>
      <div className="field narrow">
        <ToolProfileSelect
          id="settings-tool-profile"
          value={profile}
          disabled={busy !== null}
          describedBy="settings-tool-profile-hint"
          onPick={(toolProfile) => void apply('profile', { toolProfile })}
        />
        <div className="field-hint" id="settings-tool-profile-hint">
          {t(`toolsCard.profileHint.${profile}`)}
        </div>
        {error && (
          <div className="field-error" role="alert">
            {error}
          </div>
        )}
      </div>

      <p className="small" role="status" data-testid="tools-card-shown">
        {summary.shown === null
          ? t('toolsCard.notListed')
          : t('tools.shownCount', { shown: summary.shown, total: summary.total })}
      </p>
      {running && view.error && (
        <p className="field-error" role="alert">
          {t('tools.loadFailed', { error: view.error })}
        </p>
      )}
      <ToolNames
        testId="tools-turned-on"
        label={t('toolsCard.turnedOn')}
        names={summary.turnedOn}
      />
      <ToolNames
        testId="tools-turned-off"
        label={t('toolsCard.turnedOff')}
        names={summary.turnedOff}
      />

      <div className="card-actions">
        <a className="btn btn-sm" href="#/tools" data-testid="open-tools-page">
          {t('toolsCard.openTools')}
        </a>
      </div>
    </section>
  );
}

function ToolNames({ testId, label, names }: { testId: string; label: string; names: string[] }) {
  const { t } = useTranslation();
  return (
    <div className="tool-names small" data-testid={testId}>
      <span className="tool-names-label">{label}</span>
      {names.length === 0 ? (
        <span className="muted">{t('toolsCard.none')}</span>
      ) : (
        names.map((name) => (
          <code key={name} className="tool-name">
            {name}
          </code>
        ))
      )}
    </div>
  );
}
