import envPaths from 'env-paths';

/** The OS convention for app data (e.g. %APPDATA%\exai\Data, ~/Library/Application Support/exai). */
export function defaultDataDir(): string {
  return envPaths('exai', { suffix: '' }).data;
}
