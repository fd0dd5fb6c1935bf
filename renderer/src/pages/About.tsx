import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../components/CopyButton.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useAppInfo } from '../hooks/useAppInfo.ts';
import { useStatus } from '../hooks/useLive.ts';
import { readableError } from '../ipc.ts';

// The main libraries the app ships (npm package names), with their licences.
const THIRD_PARTY: Array<{ name: string; license: string }> = [
  { name: 'electron', license: 'MIT' },
  { name: 'react', license: 'MIT' },
  { name: '@modelcontextprotocol/sdk', license: 'MIT' },
  { name: 'lucide-react', license: 'ISC' },
  { name: 'uplot', license: 'MIT' },
  { name: 'i18next, react-i18next', license: 'MIT' },
  { name: 'openai', license: 'Apache-2.0' },
  { name: 'zod', license: 'MIT' },
  { name: 'pino', license: 'MIT' },
  { name: 'ws', license: 'MIT' },
  { name: 'electron-store', license: 'MIT' },
  { name: 'electron-updater', license: 'MIT' },
];

export function About() {
  const { t } = useTranslation();
  const daemonVersion = useStatus()?.version;
  const { info, error: failed } = useAppInfo();
  const error = failed ? readableError(failed) : '';

  const versions: Array<[string, string | undefined]> = [
    [t('about.app'), info?.appVersion],
    [t('about.daemon'), daemonVersion ?? t('about.daemonNotRunning')],
    ['Electron', info?.electronVersion],
    ['Chromium', info?.chromeVersion],
    ['Node.js', info?.nodeVersion],
    [t('about.platform'), info?.platform],
  ];
  return (
    <>
      <PageHeader title={t('about.title')} subtitle={t('about.subtitle')} />
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      <div className="grid-2">
        <section className="card" aria-labelledby="about-versions">
          <h2 id="about-versions">{t('about.versions')}</h2>
          <dl className="facts" data-testid="about-versions">
            {versions.map(([label, value]) => (
              <Fragment key={label}>
                <dt>{label}</dt>
                <dd>{value ?? '—'}</dd>
              </Fragment>
            ))}
          </dl>
        </section>
        <section className="card" aria-labelledby="about-folders">
          <h2 id="about-folders">{t('about.folders')}</h2>
          {info && (
            <>
              <Folder label={t('about.dataFolder')} path={info.dataDir} />
              <Folder label={t('about.logFolder')} path={info.logDir} />
            </>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="about-licences">
        <h2 id="about-licences">{t('about.licences')}</h2>
        <p>{t('about.appLicence', { license: info?.license ?? 'MIT' })}</p>
        <ul className="licence-list">
          {THIRD_PARTY.map((l) => (
            <li key={l.name}>
              <code>{l.name}</code> <span className="muted small">{l.license}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function Folder({ label, path }: { label: string; path: string }) {
  const { t } = useTranslation();
  return (
    <div className="endpoint">
      <div className="endpoint-label">{label}</div>
      <div className="endpoint-row">
        <code title={path}>{path}</code>
        <CopyButton text={path} label={t('about.copyPath', { label })} compact />
      </div>
    </div>
  );
}
