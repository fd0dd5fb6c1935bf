import type {
  ClientStatus,
  ConnectionTestResult,
  DaemonState,
  ExaiApi,
  LogLine,
  Notice,
  ProviderId,
  SettingsView,
  StatusSnapshot,
} from '../../../preload/api.ts';
import { appendSample, type HealthSample } from './health-history.ts';

// Everything the main process pushes lands here once, whichever page is open, so Health has
// 15 minutes of history and Logs has a tail the moment the user looks. Pages read it through
// useSyncExternalStore (hooks/useLive.ts); nothing here polls.

const LOG_CAPACITY = 2000;

export interface LiveState {
  daemon: DaemonState | null;
  status: StatusSnapshot | null;
  settings: SettingsView | null;
  notices: Notice[];
  logs: LogLine[];
  history: HealthSample[];
  /** The last "Test connection" per provider, kept while the user moves between pages. */
  tests: Partial<Record<ProviderId, ConnectionTestResult & { at: number }>>;
  /** MCP clients and their exai entries; loaded by the pages that show them, then kept current by pushes. */
  clients: ClientStatus[] | null;
  /** The first load failed: the window has no working bridge to the app. */
  loadError?: string;
}

const LIVE_STATES = new Set(['running', 'starting']);

export class LiveStore {
  private state: LiveState = {
    daemon: null,
    status: null,
    settings: null,
    notices: [],
    logs: [],
    history: [],
    tests: {},
    clients: null,
  };
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribers: Array<() => void> = [];
  private readonly api: ExaiApi;

  constructor(api: ExaiApi) {
    this.api = api;
  }

  start(): void {
    const { api } = this;
    this.unsubscribers.push(
      api.on('daemon:state', (d) => this.setDaemon(d)),
      api.on('daemon:status', (s) => this.setStatus(s)),
      api.on('settings:changed', (settings) => this.patch({ settings })),
      api.on('notices:changed', (notices) => this.patch({ notices })),
      api.on('clients:changed', (clients) => this.patch({ clients })),
      api.on('logs:line', (line) => this.patch({ logs: appendLog(this.state.logs, [line]) })),
    );
    void Promise.all([
      api.invoke('daemon:get-state').then((d) => this.setDaemon(d)),
      api.invoke('daemon:get-status').then((s) => s && this.setStatus(s)),
      api.invoke('settings:get').then((settings) => this.patch({ settings })),
      // Lines pushed while this was in flight are kept; the recent batch goes before them.
      api
        .invoke('logs:recent', 500)
        .then((recent) => this.patch({ logs: mergeRecent(recent, this.state.logs) })),
    ]).catch((e: unknown) => this.patch({ loadError: e instanceof Error ? e.message : String(e) }));
  }

  dispose(): void {
    for (const off of this.unsubscribers.splice(0)) off();
    this.listeners.clear();
  }

  get = (): LiveState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Results of invoke calls (e.g. settings:set-key) are applied at once, not when the push comes. */
  patch(partial: Partial<LiveState>): void {
    this.state = { ...this.state, ...partial };
    for (const l of this.listeners) l();
  }

  setDaemon(daemon: DaemonState): void {
    // A stopped or crashed daemon has no sessions: drop the last snapshot instead of showing it as live.
    this.patch(LIVE_STATES.has(daemon.state) ? { daemon } : { daemon, status: null });
  }

  private setStatus(status: StatusSnapshot): void {
    if (this.state.daemon && !LIVE_STATES.has(this.state.daemon.state)) return;
    this.patch({ status, history: appendSample(this.state.history, this.state.status, status) });
  }
}

function appendLog(logs: LogLine[], lines: LogLine[]): LogLine[] {
  const next = logs.concat(lines);
  return next.length > LOG_CAPACITY ? next.slice(next.length - LOG_CAPACITY) : next;
}

function mergeRecent(recent: LogLine[], pushed: LogLine[]): LogLine[] {
  const newest = recent.at(-1)?.time ?? -Infinity;
  return appendLog(
    recent,
    pushed.filter((l) => l.time > newest),
  );
}
