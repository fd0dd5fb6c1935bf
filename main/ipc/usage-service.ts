import type {
  CsvExportResult,
  ToolInfo,
  ToolProfile,
  ToolsView,
  ToolStat,
  UsageReport,
} from '../../preload/api.ts';
import { tr } from '../i18n.ts';
import type { FileSaver } from '../shell/save-to-file.ts';
import { daemonGet, daemonGetJson, type DaemonRequestDeps } from './daemon-request.ts';

// The Usage and Tools pages' data: the daemon's ledger (GET /usage, /usage.csv, /tools/stats)
// and tool list (GET /tools), fetched with the token so it never reaches the renderer. Export CSV
// saves through the app's one save path (main/shell/save-to-file.ts).

export interface UsageServiceDeps extends DaemonRequestDeps {
  /** The save dialog and the atomic write. */
  saver: Pick<FileSaver, 'save'>;
  now?: () => number;
}

export interface UsageService {
  report(since: number, tz: number): Promise<UsageReport>;
  exportCsv(since: number, tz: number): Promise<CsvExportResult>;
  tools(): Promise<ToolsView>;
}

/** exai-usage-2026-03-10.csv: the day the export was made, in the user's zone. */
export function csvFileName(now: number, tz: number): string {
  return `exai-usage-${new Date(now + tz * 60_000).toISOString().slice(0, 10)}.csv`;
}

const query = (since: number, tz: number) => `since=${Math.floor(since)}&tz=${Math.trunc(tz)}`;

export function createUsageService(deps: UsageServiceDeps): UsageService {
  return {
    report: (since, tz) => daemonGetJson<UsageReport>(deps, `/usage?${query(since, tz)}`),
    async exportCsv(since, tz) {
      // Fetched first: a daemon that cannot answer fails before the user picks a file.
      const csv = await daemonGet(deps, `/usage.csv?${query(since, tz)}`);
      const result = await deps.saver.save(
        {
          title: tr('usage.exportCsv'),
          defaultName: csvFileName(deps.now?.() ?? Date.now(), tz),
          filters: [{ name: 'CSV', extensions: ['csv'] }],
        },
        csv,
      );
      return result.saved ? { saved: true, path: result.path } : { saved: false };
    },
    async tools() {
      const [list, stats] = await Promise.all([
        daemonGetJson<{ profile: ToolProfile; tools: ToolInfo[] }>(deps, '/tools'),
        daemonGetJson<{ tools: ToolStat[] }>(deps, '/tools/stats'),
      ]);
      return { profile: list.profile, tools: list.tools, stats: stats.tools };
    },
  };
}
