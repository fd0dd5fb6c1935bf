import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { Config } from './config/schema.ts';
import { PROVIDER_IDS, type ProviderId } from './core/provider-id.ts';
import { ModelCatalog } from './catalog/catalog.ts';
import { createLogger } from './log/logger.ts';
import { SecretScrubber } from './log/secret-scrubber.ts';
import { Metrics } from './metrics/metrics.ts';
import { acquireInstanceLock } from './lifecycle/instance-lock.ts';
import {
  readDiscovery,
  removeDiscovery,
  writeDiscovery,
  writeHealth,
} from './lifecycle/discovery.ts';
import { loadOrCreateToken, saveToken } from './lifecycle/token.ts';
import { LegacyServer } from './legacy/legacy-server.ts';
import { allowedHostsFor } from './server/guard.ts';
import { DaemonHttpServer } from './server/http-server.ts';
import { handleProviderTest } from './server/provider-test-route.ts';
import { registerSessionMetrics } from './sessions/session-metrics.ts';
import { SessionRegistry } from './sessions/session-registry.ts';
import { CallRunner } from './runtime/call-runner.ts';
import { StatusFeed } from './runtime/status-feed.ts';
import { ToolRegistry } from './tools/registry.ts';
import { defaultTools } from './all-tools.ts';
import { hiddenReason, visibleTools } from './tools/visible-tools.ts';
import { ToolVisibility } from './tools/tool-visibility.ts';
import { isModelAllowed } from './routing/allowed-models.ts';
import { ActivityLog, modelAndTokens } from './runtime/activity-log.ts';
import { modelNames } from './prompts/model-completions.ts';
import { ToolError } from './core/tool-error.ts';
import { createProviderServices, type ProviderServices } from './provider-services.ts';
import type { Endpoint } from './core/endpoint.ts';
import type { DaemonServices } from './tools/services.ts';
import type { ParentPort, ParentToDaemon } from './parent/messages.ts';
import { parseParentMessage } from './parent/messages.ts';
import type { StatusSnapshot } from './parent/status.ts';
import { StartupError, listenError } from './startup-error.ts';
import { IdleTrim, type ExposedGc } from './lifecycle/idle-trim.ts';
import { buildHealth, buildSnapshot, type StatusSources } from './status/daemon-status.ts';
import { DAEMON_VERSION } from './core/version.ts';
import { DaemonStore } from './store/daemon-store.ts';
import { handleUsageRoutes } from './server/usage-route.ts';
import { handleToolsRoute } from './server/tools-route.ts';
import { handleDiagnosticsRoute } from './server/diagnostics-route.ts';
import { saveAppPrices } from './catalog/app-prices.ts';
import { priceTable } from './catalog/prices.ts';

export interface DaemonOptions {
  parent?: ParentPort;
  /** Mirror logs to stderr (headless). */
  logToStderr?: boolean;
  /** Someone (the parent, or POST /shutdown) asked the daemon to exit: stop, then exit the process. */
  onExitRequested?: (reason: string) => void;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** The whole daemon: builds its services, serves, and shuts down in order. */
export class Daemon {
  private config: Config;
  private readonly options: DaemonOptions;
  private readonly scrubber = new SecretScrubber();
  readonly startedAt = Date.now();
  readonly metrics = new Metrics();
  readonly sessions = new SessionRegistry();
  private logger!: Logger;
  private closeLogger: () => Promise<void> = async () => undefined;
  private http!: DaemonHttpServer;
  private runner!: CallRunner;
  private services!: DaemonServices;
  private providerServices: ProviderServices | undefined;
  private store: DaemonStore | undefined;
  /** Shared by every session; the app's `configure` changes it live (list_changed to clients). */
  private toolVisibility:
    { visibility: ToolVisibility; predicate: (name: string) => boolean } | undefined;
  private token = '';
  private port = 0;
  private releaseLock: () => void = () => undefined;
  private timers: NodeJS.Timeout[] = [];
  private idleTrim: IdleTrim | undefined;
  private statusFeed: StatusFeed | undefined;
  private starting: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;

  constructor(config: Config, options: DaemonOptions = {}) {
    this.config = config;
    this.options = options;
    registerSessionMetrics(this.metrics, this.sessions);
  }

  get endpoint(): Endpoint {
    const host = this.config.host.includes(':') ? `[${this.config.host}]` : this.config.host;
    return {
      host: this.config.host,
      port: this.port,
      ws: `ws://${host}:${this.port}/`,
      http: `http://${host}:${this.port}/mcp`,
    };
  }

  start(): Promise<void> {
    this.starting ??= this.boot();
    return this.starting;
  }

  private async boot(): Promise<void> {
    const { dataDir } = this.config;
    const lock = await acquireInstanceLock(dataDir);
    if (!lock.ok) {
      const running = readDiscovery(dataDir);
      const where = running.kind === 'running' ? ` at ${running.info.endpoint}` : '';
      throw new StartupError(
        'already-running',
        `another EXAI daemon (pid ${lock.pid}${where}) is already running on data folder ${dataDir}; stop it with "exai stop" or use --data-dir`,
      );
    }
    this.releaseLock = lock.release;
    if (readDiscovery(dataDir).kind === 'stale') removeDiscovery(dataDir);

    this.token = loadOrCreateToken(dataDir, this.config.token);
    this.scrubber.add(this.token);
    for (const id of PROVIDER_IDS) this.scrubber.add(this.config[id].apiKey);

    const log = await createLogger({
      dataDir,
      level: this.config.logLevel,
      scrubber: this.scrubber,
      stderr: this.options.logToStderr ?? false,
      onLine: this.options.parent ? (line) => this.options.parent?.send(line) : undefined,
    });
    this.logger = log.logger;
    this.closeLogger = log.close;
    if (lock.tookOver) this.logger.warn(`took over a stale instance lock: ${lock.tookOver}`);
    // The app's prices reached us through the environment: `exai usage` reads them from the data folder.
    if (this.options.parent) this.saveAppPrices();

    const registry = new ToolRegistry(defaultTools());
    const catalog = ModelCatalog.fromFile();
    const store = new DaemonStore(dataDir, this.logger);
    this.store = store;
    const clientOf = (sessionId: string | undefined) =>
      sessionId ? this.sessions.get(sessionId)?.clientName : undefined;
    const providerServices = createProviderServices({
      config: () => this.config,
      catalog,
      logger: this.logger,
      applyPatch: (id, patch) => this.applyProviderPatch(id, patch),
      inflight: (id) => this.runner?.limits.providers.get(id)?.inflight ?? 0,
      conversations: {
        persistence: store.threads,
        scopes: { clientOf, isLive: (scope) => this.sessions.get(scope) !== undefined },
        onSaveError: (error) => store.writeFailed(error),
      },
    });
    providerServices.router.on('request', (r) =>
      store.recordUsage({
        at: Date.now(),
        provider: r.provider,
        model: r.model,
        tool: r.tool,
        client: clientOf(r.sessionId) ?? 'unknown',
        transport: r.transport,
        inputTokens: r.usage.promptTokens,
        outputTokens: r.usage.completionTokens,
        estimated: r.usageEstimated,
        durationMs: r.durationMs,
        outcome: r.outcome,
      }),
    );
    this.providerServices = providerServices;
    providerServices.router.on('upstream', (provider, outcome) =>
      this.metrics.upstream.inc({ provider, outcome }),
    );
    providerServices.router.on('usage', (provider, model, usage) => {
      this.metrics.tokens.inc({ provider, model, kind: 'prompt' }, usage.promptTokens);
      this.metrics.tokens.inc({ provider, model, kind: 'completion' }, usage.completionTokens);
    });
    // The last calls for the `activity` tool (no arguments, no prompts).
    const activity = new ActivityLog();
    this.services = {
      version: DAEMON_VERSION,
      startedAt: this.startedAt,
      logger: this.logger,
      config: () => this.config,
      endpoint: () => this.endpoint,
      catalog,
      providers: providerServices.providers,
      router: providerServices.router,
      conversations: providerServices.conversations,
      liveModels: providerServices.liveModels,
      snapshot: () => this.snapshot(),
      activity: (limit) => activity.recent(limit),
      visibleToolNames: () => visibleTools(registry, this.config).map((t) => t.name),
    };
    this.runner = new CallRunner({
      registry,
      services: this.services,
      sessions: this.sessions,
      metrics: this.metrics,
      onCallEnded: (tool, session, durationMs, outcome, result) => {
        this.idleTrim?.activity();
        store.recordCall({
          at: Date.now(),
          tool,
          client: clientOf(session.id) ?? 'unknown',
          transport: session.transport,
          durationMs,
          outcome,
        });
        activity.record({
          time: new Date(Date.now() - durationMs).toISOString(),
          session: session.id,
          transport: session.transport,
          tool,
          duration_ms: durationMs,
          outcome,
          ...modelAndTokens(result),
        });
      },
      // TOOL_PROFILE, ENABLED_TOOLS, DISABLED_TOOLS: refused on every transport, with the reason.
      hiddenReason: (tool) => {
        const spec = registry.get(tool);
        return spec && hiddenReason(spec, this.config);
      },
    });
    // TOOL_PROFILE, ENABLED_TOOLS, DISABLED_TOOLS, read live from the config; names that are not
    // tools (other prompts) stay visible.
    const showTool = (name: string) => {
      const spec = registry.get(name);
      return spec === undefined || hiddenReason(spec, this.config) === undefined;
    };
    const visibility = new ToolVisibility(showTool);
    this.toolVisibility = { visibility, predicate: showTool };
    const serverDeps = {
      version: DAEMON_VERSION,
      registry,
      runner: this.runner,
      sessions: this.sessions,
      metrics: this.metrics,
      logger: this.logger,
      config: () => this.config,
      visibility,
      modelNames: () =>
        modelNames({
          catalog,
          isConfigured: (id) => providerServices.providers.isConfigured(id),
          // KIMI_ALLOWED_MODELS / GLM_ALLOWED_MODELS: completions offer only what may be routed to.
          isAllowed: (_id, name) => {
            const model = catalog.find(name);
            return model === undefined || isModelAllowed(this.config, model);
          },
        }),
    };
    const legacy = new LegacyServer({
      ...serverDeps,
      health: () => this.health(),
      token: () => this.token,
      rotateToken: (next) => this.rotateToken(next),
    });
    this.http = new DaemonHttpServer(
      serverDeps,
      {
        token: () => this.token,
        allowedOrigins: () => this.config.allowedOrigins,
        allowedHosts: () => allowedHostsFor(this.config.host, this.port),
      },
      {
        health: () => this.health(),
        status: () => this.snapshot(),
        metrics: async () => ({
          contentType: this.metrics.contentType,
          text: this.scrubber.scrub(await this.metrics.text()),
        }),
        legacy: (socket, req) => legacy.handle(socket, req),
        waitingSessions: () => legacy.waitingForHello,
        extra: async (req, res, url) => {
          if (await handleProviderTest(req, res, url, providerServices.providers)) return true;
          if (handleUsageRoutes(req, res, url, store, () => priceTable(this.config.prices)))
            return true;
          if (handleToolsRoute(req, res, url, registry, () => this.config)) return true;
          if (
            await handleDiagnosticsRoute(req, res, url, {
              config: () => this.config,
              secrets: () => [this.token],
              status: () => this.snapshot(),
            })
          )
            return true;
          if (url.pathname !== '/shutdown' || req.method !== 'POST') return false;
          res.writeHead(202, { 'content-type': 'text/plain' }).end('shutting down\n');
          this.options.onExitRequested?.('shutdown requested over HTTP');
          return true;
        },
      },
    );

    try {
      this.port = await this.http.listen(this.config.port, this.config.host);
    } catch (error) {
      await this.closeLogger();
      this.releaseLock();
      throw listenError(error, this.config.host, this.config.port);
    }
    if (!LOOPBACK.has(this.config.host)) {
      this.logger.warn(
        { host: this.config.host },
        `listening on ${this.config.host}, which is not loopback: other machines may reach this daemon (token still required)`,
      );
    }

    writeDiscovery(dataDir, {
      pid: process.pid,
      host: this.config.host,
      port: this.port,
      version: DAEMON_VERSION,
      started_at: new Date(this.startedAt).toISOString(),
      endpoint: this.endpoint.ws,
    });
    const refreshHealth = () =>
      writeHealth(dataDir, { ...this.health(), written_at: new Date().toISOString() });
    refreshHealth();
    this.every(10_000, refreshHealth);
    this.sessions.startIdleSweep(
      () => this.config.sessionIdleTimeoutS,
      (ids) => this.logger.info({ sessions: ids }, 'sessions idle too long; closed them'),
    );
    this.connectParent();
    this.logger.info(
      { endpoint: this.endpoint.ws, http: this.endpoint.http, pid: process.pid, dataDir },
      'EXAI daemon listening',
    );
    this.idleTrim = new IdleTrim({
      busy: () => this.runner.inflightCount > 0,
      gc: (globalThis as { gc?: ExposedGc }).gc,
      onTrim: (before, after) =>
        this.logger.debug(
          { rssBeforeMb: Math.round(before / 2 ** 20), rssAfterMb: Math.round(after / 2 ** 20) },
          'idle: gave memory back',
        ),
    });
    // Start-up's own allocations are the first thing to give back.
    this.idleTrim.activity();
  }

  private every(ms: number, fn: () => void): void {
    const timer = setInterval(fn, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private connectParent(): void {
    const parent = this.options.parent;
    if (!parent) return;
    parent.onMessage((raw) => {
      const message = parseParentMessage(raw);
      if (message instanceof Error) {
        this.logger.warn({ error: message.message }, 'ignored a message from the parent');
        return;
      }
      this.onParentMessage(message);
    });
    // A change (sessions, calls, provider health) is reported at once, and a full snapshot every second.
    const feed = new StatusFeed({
      snapshot: () => this.snapshot(),
      send: (snapshot) => parent.send({ type: 'status', snapshot }),
    });
    this.statusFeed = feed;
    this.sessions.on('changed', () => feed.changed());
    this.providerServices?.providers.on('health', () => feed.changed());
    parent.send({
      type: 'ready',
      pid: process.pid,
      host: this.config.host,
      port: this.port,
      endpoint: this.endpoint.ws,
      httpEndpoint: this.endpoint.http,
      version: DAEMON_VERSION,
    });
  }

  /** New tool settings from the app: every open session re-lists its tools (list_changed). */
  private applyToolSettings(message: Extract<ParentToDaemon, { type: 'configure' }>): void {
    const { toolProfile, enabledTools, disabledTools } = message;
    if (toolProfile === undefined && enabledTools === undefined && disabledTools === undefined)
      return;
    this.config = {
      ...this.config,
      ...(toolProfile !== undefined && { toolProfile }),
      ...(enabledTools !== undefined && { enabledTools }),
      ...(disabledTools !== undefined && { disabledTools }),
    };
    if (this.toolVisibility) this.toolVisibility.visibility.update(this.toolVisibility.predicate);
  }

  private onParentMessage(message: ParentToDaemon): void {
    switch (message.type) {
      case 'configure':
        for (const id of PROVIDER_IDS) {
          const patch = message[id];
          if (patch) this.services.providers.configure(id, patch);
        }
        if (message.defaultModel)
          this.config = { ...this.config, defaultModel: message.defaultModel };
        // Tools read the config at each call, so these hold from the next call on.
        if (message.allowedRoots)
          this.config = { ...this.config, allowedRoots: message.allowedRoots };
        if (message.locale !== undefined) this.config = { ...this.config, locale: message.locale };
        if (message.token) this.setToken(message.token);
        // Costs are computed per request from this.config.prices: the next /usage uses them.
        if (message.prices) {
          this.config = { ...this.config, prices: message.prices };
          this.saveAppPrices();
        }
        this.applyToolSettings(message);
        this.logger.info(
          { providers: PROVIDER_IDS.filter((id) => message[id]) },
          'configuration updated by the app',
        );
        return;
      case 'shutdown':
        if (message.graceS !== undefined)
          this.config = { ...this.config, shutdownGraceS: message.graceS };
        this.options.onExitRequested?.('shutdown requested by the app');
        return;
      case 'disconnect-session':
        this.sessions.disconnect(message.sessionId);
        return;
      case 'status-request':
        this.options.parent?.send({ type: 'status', snapshot: this.snapshot() });
        return;
    }
  }

  /** Keeps <dataDir>/app-prices.json equal to the prices the app set; a failed write costs only the terminal's view. */
  private saveAppPrices(): void {
    try {
      saveAppPrices(this.config.dataDir, this.config.prices);
    } catch (error) {
      this.logger.warn(
        { error: (error as Error).message },
        `could not save the app's prices for exai usage`,
      );
    }
  }

  /** The new token holds from now on, and the token file follows so `exai bridge` and `exai stop` keep working. */
  private setToken(next: string): void {
    this.scrubber.add(next);
    this.token = next;
    try {
      saveToken(this.config.dataDir, next);
    } catch (error) {
      this.logger.warn(
        { error: (error as Error).message },
        'could not write the token file; exai bridge may be refused until the daemon restarts',
      );
    }
  }

  /** Legacy rotate_token: the app keeps the token in its settings, so tell it, or its next start undoes this. */
  private rotateToken(next: string): void {
    this.setToken(next);
    this.options.parent?.send({ type: 'token-rotated', token: next });
  }

  private applyProviderPatch(
    id: ProviderId,
    patch: { apiKey?: string | null; baseUrl?: string; allowedModels?: string[] },
  ): void {
    const current = this.config[id];
    const next = { ...current };
    if (patch.apiKey !== undefined) next.apiKey = patch.apiKey ?? undefined;
    if (patch.baseUrl !== undefined) next.baseUrl = patch.baseUrl;
    if (patch.allowedModels !== undefined) next.allowedModels = patch.allowedModels;
    this.scrubber.add(next.apiKey);
    this.config = { ...this.config, [id]: next };
  }

  health(): Record<string, unknown> {
    return buildHealth(this.statusSources());
  }

  snapshot(): StatusSnapshot {
    const store = this.store?.health();
    return { ...buildSnapshot(this.statusSources()), ...(store && { store }) };
  }

  private statusSources(): StatusSources {
    return {
      startedAt: this.startedAt,
      stopping: this.stopping !== undefined,
      port: this.port,
      endpoint: this.endpoint,
      config: this.config,
      sessions: this.sessions,
      runner: this.runner,
      providers: this.services.providers,
    };
  }

  /**
   * Graceful stop: no new connections, in-flight calls get the grace period, the rest are
   * answered with an error, sessions are closed with proper codes, the discovery file goes.
   */
  stop(graceS = this.config.shutdownGraceS): Promise<void> {
    this.stopping ??= this.shutdown(graceS);
    return this.stopping;
  }

  private async shutdown(graceS: number): Promise<void> {
    // A signal during start-up waits for start-up to finish, so nothing is left half-open.
    const started = await this.starting?.then(
      () => true,
      () => false,
    );
    if (!started) return;
    this.logger.info({ graceS, inflight: this.runner.inflightCount }, 'shutting down');
    for (const timer of this.timers) clearInterval(timer);
    this.idleTrim?.stop();
    this.statusFeed?.dispose();
    this.sessions.stopIdleSweep();
    this.http.stopAccepting();
    const deadline = Date.now() + graceS * 1000;
    while (this.runner.inflightCount > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (this.runner.inflightCount > 0) {
      this.logger.warn(
        { inflight: this.runner.inflightCount },
        'grace period over; cancelling the calls still running',
      );
      this.runner.cancelAll(
        new ToolError(
          'CANCELLED',
          `the EXAI daemon is shutting down; the call did not finish within the ${graceS}s grace period`,
        ),
      );
      // Let the cancelled calls' error answers reach their clients before the sockets close.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const socket of this.http.sockets()) closeGoingAway(socket);
    await this.http.mcpHttp.closeAll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await this.http.close();
    removeDiscovery(this.config.dataDir);
    this.providerServices?.dispose();
    this.store?.close();
    this.releaseLock();
    this.logger.info('stopped');
    await this.closeLogger();
  }
}

function closeGoingAway(socket: WebSocket): void {
  socket.close(1001, 'EXAI daemon shutting down');
}
