import type {
  ClientId,
  ClientStatus,
  AppDaemonSettings,
  DaemonState,
  EventChannel,
  EventPayloads,
  ExaiApi,
  InvokeChannel,
  InvokeResults,
  LogLine,
  ProviderId,
  SettingsView,
  StatusSnapshot,
} from '../../../preload/api.ts';

/** The daemon's defaults for the settings the app edits, compiled in by vite.config.ts (`define`). */
declare const __EXAI_DAEMON_DEFAULTS__: AppDaemonSettings;

// Dev-server only (`vite renderer`): a simulated app so the UI can be worked on without
// Electron. The production bundle never contains this file; the e2e tests use the real stack.

type Listener = (payload: never) => void;

export function installMockExai(): void {
  const listeners = new Map<EventChannel, Set<Listener>>();
  const emit = <E extends EventChannel>(e: E, p: EventPayloads[E]) =>
    listeners.get(e)?.forEach((l) => (l as (p: EventPayloads[E]) => void)(p));
  let token = 'dev-token-0123456789abcdef';
  // The daemon's own defaults (compiled in by vite.config.ts), plus a scenario of this mock's.
  let settings: SettingsView = {
    ...structuredClone(__EXAI_DAEMON_DEFAULTS__),
    keys: { kimi: { configured: true, last4: 'a1b2' }, glm: { configured: false } },
    startAtLogin: false,
    language: 'system',
    encryption: 'basic-text',
    plainTextConsent: true,
    updateChecks: true,
    theme: 'system',
    firstRunDone: true,
    circuitNotifications: false,
  };
  const clients: ClientStatus[] = [
    {
      id: 'claude-desktop',
      name: 'Claude Desktop',
      path: '/home/dev/.config/Claude/claude_desktop_config.json',
      state: 'absent',
      managed: false,
    },
    {
      id: 'claude-code',
      name: 'Claude Code',
      path: '/home/dev/.claude.json',
      state: 'outdated',
      managed: false,
    },
    {
      id: 'cursor',
      name: 'Cursor',
      path: '/home/dev/.cursor/mcp.json',
      state: 'current',
      managed: true,
      backup: '/home/dev/.cursor/mcp.json.exai-backup-1',
    },
    {
      id: 'vscode',
      name: 'VS Code',
      path: '/home/dev/.config/Code/User/mcp.json',
      state: 'unreadable',
      error: 'line 3: unexpected "}"',
      managed: false,
    },
    {
      id: 'windsurf',
      name: 'Windsurf',
      path: '/home/dev/.codeium/windsurf/mcp_config.json',
      state: 'not-installed',
      managed: false,
    },
    {
      id: 'codex',
      name: 'Codex CLI',
      path: '/home/dev/.codex/config.toml',
      state: 'not-installed',
      managed: false,
    },
  ];
  const setClient = (id: ClientId, patch: Partial<ClientStatus>): ClientStatus => {
    const i = clients.findIndex((c) => c.id === id);
    const next = { ...(clients[i] as ClientStatus), ...patch };
    clients[i] = next;
    return next;
  };
  const checked = () => ({
    ok: true,
    message: 'connected to exai 0.1.0 over HTTP',
    at: Date.now(),
  });
  const { host, port } = settings;
  let daemon: DaemonState = {
    state: 'running',
    pid: 4242,
    endpoint: `ws://${host}:${port}/`,
    httpEndpoint: `http://${host}:${port}/mcp`,
    port,
    restarts: 0,
    since: Date.now(),
  };
  const logs: LogLine[] = [];
  const counters = { calls: 0, errors: 0, cacheHits: 0, coalesced: 0, timeouts: 0 };
  const startedAt = Date.now() - 3_600_000;
  const log = (level: LogLine['level'], msg: string, fields?: Record<string, unknown>) => {
    const line: LogLine = { time: Date.now(), level, msg, ...(fields ? { fields } : {}) };
    logs.push(line);
    emit('logs:line', line);
  };
  const setState = (patch: Partial<DaemonState>) => {
    daemon = { ...daemon, ...patch, since: Date.now() };
    emit('daemon:state', daemon);
  };
  const snapshot = (): StatusSnapshot => {
    counters.calls += Math.floor(Math.random() * 6);
    counters.errors += Math.random() < 0.2 ? 1 : 0;
    counters.cacheHits += Math.floor(Math.random() * 2);
    counters.coalesced += Math.random() < 0.3 ? 1 : 0;
    const now = Date.now();
    return {
      time: now,
      version: '0.1.0-dev',
      pid: daemon.pid ?? 0,
      startedAt,
      uptimeS: (now - startedAt) / 1000,
      endpoint: daemon.endpoint ?? '',
      httpEndpoint: daemon.httpEndpoint ?? '',
      rssBytes: (80 + Math.random() * 10) * 1024 * 1024,
      sessions: [
        {
          id: 's1',
          transport: 'mcp-ws',
          clientName: 'claude-code',
          clientVersion: '1.0.88',
          connectedAt: now - 600_000,
          lastActivityAt: now,
          calls: counters.calls,
          errors: counters.errors,
          lastTool: 'chat',
          inflight: [
            {
              id: 'c1',
              tool: 'codereview',
              model: 'kimi-k2-0905-preview',
              provider: 'kimi',
              startedAt: now - 4200,
              elapsedMs: 4200,
            },
          ],
        },
        {
          id: 's2',
          transport: 'mcp-http',
          clientName: 'cursor',
          clientVersion: '1.4',
          connectedAt: now - 120_000,
          lastActivityAt: now,
          calls: 3,
          errors: 0,
          lastTool: 'planner',
          inflight: [],
        },
      ],
      inflight: 1,
      limits: settings.limits,
      counters: { ...counters },
      latencyMs: { p50: 800 + Math.random() * 300, p95: 2500 + Math.random() * 800, p99: 4000 },
      providers: [
        {
          id: 'kimi',
          configured: true,
          baseUrl: settings.baseUrls.kimi,
          breaker: 'closed',
          consecutiveFailures: 0,
          inflight: 1,
          limit: settings.limits.kimi,
          models: [
            'kimi-k2-0905-preview',
            'kimi-k2-turbo-preview',
            'kimi-latest',
            'moonshot-v1-8k',
            'moonshot-v1-128k',
          ],
          aliases: {
            'kimi-k2-0905-preview': ['kimi-k2-0905', 'kimi-k2'],
            'kimi-k2-turbo-preview': ['kimi-k2-turbo'],
          },
        },
        {
          id: 'glm',
          configured: false,
          baseUrl: settings.baseUrls.glm,
          breaker: 'open',
          consecutiveFailures: 5,
          lastError: '429 Too Many Requests',
          lastErrorAt: now - 30_000,
          inflight: 0,
          limit: settings.limits.glm,
          models: ['glm-4.6', 'glm-4.5', 'glm-4.5-air', 'glm-4.5-flash'],
          aliases: { 'glm-4.6': ['glm-4-6'], 'glm-4.5-flash': ['glm-flash'] },
        },
      ],
      modelChoice: { fast: 'glm-4.5-flash', deep: 'kimi-k2-0905-preview' },
      recentErrors: [],
    };
  };
  setInterval(() => daemon.state === 'running' && emit('daemon:status', snapshot()), 2000);
  setInterval(
    () =>
      daemon.state === 'running' &&
      log('info', 'tool call finished', { tool: 'chat', ms: Math.round(Math.random() * 2000) }),
    3000,
  );
  log('info', 'daemon listening', { port });

  const handlers: {
    [C in InvokeChannel]: (...args: never[]) => InvokeResults[C] | Promise<InvokeResults[C]>;
  } = {
    'daemon:get-state': () => daemon,
    'daemon:start': () => (
      setState({ state: 'starting' }),
      setTimeout(() => setState({ state: 'running', pid: 4243 }), 600),
      daemon
    ),
    'daemon:stop': () => (setState({ state: 'stopped' }), daemon),
    'daemon:restart': () => (
      setState({ state: 'starting' }),
      setTimeout(() => setState({ state: 'running' }), 600),
      daemon
    ),
    'daemon:get-status': () => (daemon.state === 'running' ? snapshot() : null),
    'settings:get': () => settings,
    'settings:update': (patch: Partial<SettingsView>) => (settings = { ...settings, ...patch }),
    'settings:set-key': (id: ProviderId, key: string) =>
      (settings = {
        ...settings,
        keys: { ...settings.keys, [id]: { configured: true, last4: key.slice(-4) } },
      }),
    'settings:clear-key': (id: ProviderId) =>
      (settings = { ...settings, keys: { ...settings.keys, [id]: { configured: false } } }),
    'token:reveal': () => token,
    'token:rotate': () => (token = `dev-token-${Math.random().toString(16).slice(2)}`),
    'providers:test': async (id: ProviderId) => {
      await new Promise((r) => setTimeout(r, 400));
      return id === 'kimi'
        ? {
            ok: true,
            latencyMs: 312,
            message: '3 models listed',
            models: ['kimi-k2-0905-preview', 'kimi-k2-turbo-preview', 'moonshot-v1-8k'],
          }
        : {
            ok: false,
            latencyMs: 95,
            message: 'GLM rejected the API key (401 Unauthorized). Check the key in Settings.',
          };
    },
    'sessions:disconnect': () => true,
    'logs:recent': () => logs.slice(-500),
    'logs:open-folder': () => undefined,
    'logs:export': () => null,
    'connect:info': () => ({
      wsUrl: `ws://${host}:${port}/`,
      httpUrl: `http://${host}:${port}/mcp`,
      bridgeCommand: '/opt/EXAI Desktop/resources/bin/exai',
      bridgeArgs: ['bridge'],
      logDir: '/tmp/exai/logs',
      nodeMissing: false,
    }),
    'clients:list': () => clients,
    'clients:add': (id: ClientId) =>
      setClient(id, { state: 'current', managed: true, check: checked() }),
    'clients:remove': (id: ClientId) => setClient(id, { state: 'absent', managed: false }),
    'clients:restore': (id: ClientId) => setClient(id, { state: 'absent' }),
    'clients:verify': (id: ClientId) => setClient(id, { check: checked() }),
    'diagnostics:save': () => ({
      saved: true,
      path: '/home/dev/exai-diagnostics.zip',
      bytes: 48_213,
    }),
    'clipboard:write': (text: string) =>
      void navigator.clipboard?.writeText(text).catch(() => undefined),
    'notices:dismiss': () => undefined,
    // No main process in the dev server: the browser's languages stand in for the OS's.
    'app:system-languages': () => [...navigator.languages],
    'app:info': () => ({
      appVersion: '0.1.0',
      electronVersion: '—',
      nodeVersion: '—',
      chromeVersion: navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? '—',
      platform: 'browser',
      dataDir: '/tmp/exai',
      logDir: '/tmp/exai/logs',
      license: 'MIT',
    }),
    'app:quit': () => undefined,
    'update:get-state': () => ({
      state: 'downloaded',
      currentVersion: '0.1.0',
      version: '0.2.0',
      percent: 100,
    }),
    'update:check': () => ({ state: 'no-update', currentVersion: '0.1.0', checkedAt: Date.now() }),
    'update:install': () => undefined,
    'usage:report': (since: number) => mockUsage(since),
    'usage:export-csv': () => ({ saved: true, path: '/tmp/exai-usage.csv' }),
    'usage:shipped-prices': () => ({
      'kimi-k2-0905-preview': { input: 0.6, output: 2.5, currency: 'USD' },
      'glm-4.6': { input: 0.6, output: 2.2, currency: 'USD' },
    }),
    'tools:list': () => ({
      profile: settings.toolProfile,
      tools: [
        {
          name: 'chat',
          description: 'General chat',
          category: 'simple',
          enabled: !settings.disabledTools.includes('chat'),
          inProfile: true,
        },
        {
          name: 'codereview',
          description: 'Code review',
          category: 'workflow',
          enabled: !settings.disabledTools.includes('codereview'),
          inProfile: true,
        },
        {
          name: 'version',
          description: 'Server version',
          category: 'utility',
          enabled: true,
          inProfile: true,
        },
      ],
      stats: [{ tool: 'chat', calls: 42, errors: 1, p50_ms: 850, tokens: 120_000 }],
    }),
  };

  // Two rows a day for the Usage page: one priced, one of an unpriced model with estimated tokens.
  const mockUsage = (since: number): InvokeResults['usage:report'] => {
    const rows: InvokeResults['usage:report']['rows'] = [];
    const tz = new Date().getTimezoneOffset() * 60_000;
    for (let t = since, i = 0; t < Date.now(); t += 86_400_000, i++) {
      const day = new Date(t - tz).toISOString().slice(0, 10);
      const n = 1 + ((i * 7) % 5);
      rows.push({
        day,
        provider: 'kimi',
        model: 'kimi-k2-0905-preview',
        tool: 'chat',
        client: 'claude-code',
        requests: 4 * n,
        input_tokens: 40_000 * n,
        output_tokens: 9_000 * n,
        estimated: false,
        cost: 0.0465 * n,
        currency: 'USD',
      });
      rows.push({
        day,
        provider: 'glm',
        model: 'glm-4.5-x',
        tool: 'codereview',
        client: 'cursor',
        requests: 3,
        input_tokens: 12_000,
        output_tokens: 3_000,
        estimated: true,
        cost: null,
        currency: null,
      });
    }
    const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
    const totals = {
      requests: sum((r) => r.requests),
      input_tokens: sum((r) => r.input_tokens),
      output_tokens: sum((r) => r.output_tokens),
      cost: { USD: sum((r) => r.cost ?? 0) },
      unpriced_tokens: sum((r) => (r.cost === null ? r.input_tokens + r.output_tokens : 0)),
    };
    return { since: new Date(since).toISOString(), rows, totals };
  };

  const api: ExaiApi = {
    invoke: async (channel, ...args) => (handlers[channel] as (...a: unknown[]) => never)(...args),
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(event, set);
      return () => set.delete(listener as Listener);
    },
  };
  window.exai = api;
}
