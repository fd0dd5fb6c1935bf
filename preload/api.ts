import { z } from 'zod';
import type { StatusSnapshot } from '../daemon/parent/status.ts';
import type { UsageReport } from '../daemon/parent/usage.ts';
import type { LanguagePreference, Message } from '../locales/index.ts';
import type { AppDaemonSettings, ProviderId } from '../daemon/parent/settings-contract.ts';

// The one place every IPC channel is declared: its zod-checked arguments and its result type.
// main/ registers handlers from this table, preload/ exposes it as window.exai, and the
// renderer types itself against ExaiApi. A renamed channel is a compile error everywhere.

export type {
  StatusSnapshot,
  SessionSnapshot,
  ProviderStatus,
  InflightCall,
} from '../daemon/parent/status.ts';
export type { Language, LanguagePreference, Message } from '../locales/index.ts';

export type { AppDaemonSettings, ProviderId } from '../daemon/parent/settings-contract.ts';
// The preload is sandboxed and may only type-import the daemon, so the ids are spelled once more
// here; `satisfies` and the settings-parity test (test/config/settings-parity.test.ts) keep them
// equal to PROVIDER_IDS.
export const providerIdSchema = z.enum(['kimi', 'glm'] as const satisfies readonly ProviderId[]);

export type SupervisorStateName =
  'stopped' | 'starting' | 'running' | 'stopping' | 'crashed' | 'backing-off' | 'failed';

export interface DaemonState {
  state: SupervisorStateName;
  pid?: number;
  endpoint?: string;
  httpEndpoint?: string;
  port?: number;
  /** Why the daemon is crashed/failed, in words a user can act on (English, for logs). */
  reason?: string;
  /** The same reason as a catalog key and its values, which each window shows in its language. */
  reasonMessage?: Message;
  /** port-in-use, bad-config, already-running, crash-loop, exit, start-timeout */
  reasonCode?: string;
  lastLogLines?: string[];
  nextRetryAt?: number;
  restarts: number;
  since: number;
}

export interface KeyInfo {
  configured: boolean;
  last4?: string;
}

/** The settings a user edits, as the app stores them and the dashboard shows them. */
export interface EditableSettings extends AppDaemonSettings {
  startAtLogin: boolean;
  /** The user agreed to store keys with the plain-text fallback. */
  plainTextConsent: boolean;
  /** The app's language: 'system' follows the OS. */
  language: LanguagePreference;
  /** Check GitHub releases for a new version at start and every few hours. */
  updateChecks: boolean;
  /** The dashboard's colours: 'system' follows the OS. */
  theme: ThemePreference;
  /** The user's per-model prices over the shipped list (the daemon's `prices`); applied live. */
  prices: Record<string, Price>;
  /** Which tools clients see (the daemon's TOOL_PROFILE, ENABLED_TOOLS, DISABLED_TOOLS); applied live. */
  toolProfile: ToolProfile;
  enabledTools: string[];
  disabledTools: string[];
  /** The user finished or skipped the first-run setup: the dashboard no longer opens on it. */
  firstRunDone: boolean;
  /** Desktop notifications when a provider's circuit opens or closes (off: a flaky network makes noise). */
  circuitNotifications: boolean;
}

export type ThemePreference = 'system' | 'light' | 'dark';
/** A model's price per million tokens (the daemon's config `prices` entry). */
export interface Price {
  input: number;
  output: number;
  currency: string;
}

export const TOOL_PROFILES = ['core', 'standard', 'full'] as const;
export type ToolProfile = (typeof TOOL_PROFILES)[number];

export interface SettingsView extends EditableSettings {
  keys: Record<ProviderId, KeyInfo>;
  /** 'os' = OS keychain-backed; 'basic-text' = Linux plain-text fallback; 'unavailable' = cannot store keys. */
  encryption: 'os' | 'basic-text' | 'unavailable';
}

// Messages are catalog keys (validation.*): main/validation-error.ts shows them in the app's language.
const limit = z
  .number({ error: 'validation.limitRange' })
  .int('validation.limitRange')
  .min(1, 'validation.limitRange')
  .max(1000, 'validation.limitRange');
const baseUrl = z.url({ protocol: /^https?$/, error: 'validation.urlFull' });
const pricePerMillion = z
  .number({ error: 'validation.priceNumber' })
  .min(0, 'validation.priceNumber')
  .max(10_000, 'validation.priceNumber');
export const priceSchema = z
  .object({
    input: pricePerMillion,
    output: pricePerMillion,
    // ISO 4217: what Intl formats the costs with.
    currency: z.string().regex(/^[A-Z]{3}$/, 'validation.currencyCode'),
  })
  .strict();
const modelName = z
  .string()
  .trim()
  .min(1, 'validation.modelNameEmpty')
  .max(200, 'validation.modelNameEmpty');
const toolNames = z.array(z.string().min(1).max(100)).max(200);

/** POSIX /a/b, Windows C:\\a or C:/a, or a UNC \\\\server\\share path. */
export const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/;
// Folders reach the daemon as one comma-separated variable (EXAI_ALLOWED_ROOTS), so no commas.
const folder = z
  .string()
  .trim()
  .min(1, 'validation.folderEmpty')
  .regex(ABSOLUTE_PATH, 'validation.folderAbsolute')
  .refine((p) => !p.includes(','), 'validation.folderComma');
const modelList = z.array(z.string().trim().min(1).max(200)).max(500);

export const settingsPatchSchema = z
  .object({
    baseUrls: z.object({ kimi: baseUrl.optional(), glm: baseUrl.optional() }).strict().optional(),
    defaultModel: z.string().trim().min(1, 'validation.defaultModelEmpty').optional(),
    host: z.string().trim().min(1, 'validation.hostEmpty').optional(),
    port: z
      .number({ error: 'validation.portRange' })
      .int('validation.portRange')
      .min(1, 'validation.portRange')
      .max(65_535, 'validation.portRange')
      .optional(),
    limits: z
      .object({
        global: limit.optional(),
        kimi: limit.optional(),
        glm: limit.optional(),
        session: limit.optional(),
      })
      .strict()
      .optional(),
    callTimeoutS: z
      .number({ error: 'validation.timeoutNumber' })
      .min(1, 'validation.timeoutRange')
      .max(3600, 'validation.timeoutRange')
      .optional(),
    allowedRoots: z.array(folder).max(100).optional(),
    allowedModels: z
      .object({ kimi: modelList.optional(), glm: modelList.optional() })
      .strict()
      .optional(),
    locale: z
      .union([
        z.literal(''),
        z
          .string()
          .trim()
          .max(35, 'validation.localeTag')
          .regex(/^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$/, 'validation.localeTag'),
      ])
      .optional(),
    startAtLogin: z.boolean().optional(),
    plainTextConsent: z.boolean().optional(),
    language: z.enum(['system', 'en', 'zh-CN'], { error: 'validation.languageChoice' }).optional(),
    updateChecks: z.boolean().optional(),
    theme: z.enum(['system', 'light', 'dark'], { error: 'validation.themeChoice' }).optional(),
    prices: z.record(modelName, priceSchema).optional(),
    toolProfile: z.enum(TOOL_PROFILES, { error: 'validation.toolProfile' }).optional(),
    enabledTools: toolNames.optional(),
    disabledTools: toolNames.optional(),
    firstRunDone: z.boolean().optional(),
    circuitNotifications: z.boolean().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export interface LogLine {
  time: number;
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  msg: string;
  fields?: Record<string, unknown>;
}

export interface ConnectionTestResult {
  ok: boolean;
  latencyMs: number;
  /** e.g. "12 models listed" or the provider's error in plain words. */
  message: string;
  models?: string[];
}

/** What the About view shows: versions, folders and the licence. */
export interface AppInfo {
  appVersion: string;
  electronVersion: string;
  nodeVersion: string;
  chromeVersion: string;
  platform: NodeJS.Platform | string;
  /** The daemon's data folder and its logs. */
  dataDir: string;
  logDir: string;
  license: string;
}

/** Where an export was saved; null when the user cancelled the dialog. */
export type SavedFile = { path: string } | null;

export interface ConnectInfo {
  wsUrl: string;
  httpUrl: string;
  /** Absolute path of the `exai` launcher for stdio clients (Claude Desktop). */
  bridgeCommand: string;
  bridgeArgs: string[];
  logDir: string;
  /** No Node was found at start, so the bridge command is a bare `node` that must be on the client's PATH. */
  nodeMissing: boolean;
}

// One-click client setup (the Connect page). main/clients/ holds the logic; these are its views.
export const CLIENT_IDS = [
  'claude-desktop',
  'claude-code',
  'cursor',
  'vscode',
  'windsurf',
  'codex',
] as const;
export type ClientId = (typeof CLIENT_IDS)[number];
const clientId = z.enum(CLIENT_IDS);

/** not-installed: no config file nor its folder; absent: no exai entry; outdated: an old token or address. */
export type ClientEntryState = 'not-installed' | 'absent' | 'current' | 'outdated' | 'unreadable';

export interface ClientCheck {
  ok: boolean;
  /** What the check saw, in English (the server's or the OS's words). */
  message: string;
  at: number;
}

export interface ClientStatus {
  id: ClientId;
  name: string;
  /** The client's user-level config file on this OS. */
  path: string;
  state: ClientEntryState;
  /** Why the file could not be read ('unreadable'). */
  error?: string;
  /** The newest backup the app made of the file. */
  backup?: string;
  /** The app wrote this entry, so it rewrites it when the token rotates. */
  managed: boolean;
  /** The last Add or Verify, connecting the way the client would. */
  check?: ClientCheck;
}

export type DiagnosticsResult = { saved: false } | { saved: true; path: string; bytes: number };

export interface Notice {
  id: string;
  level: 'info' | 'warn' | 'error';
  /** In English, for logs and tests; windows show `text` in their own language. */
  message: string;
  text: Message;
}

export type UpdateStateName =
  'no-update' | 'checking' | 'available' | 'downloading' | 'downloaded' | 'error' | 'disabled';
/** setting-off: the Settings switch; unsigned-mac: macOS only installs signed updates; not-packaged: a dev run. */
export type UpdateDisabledReason = 'setting-off' | 'unsigned-mac' | 'not-packaged';

export interface UpdateState {
  state: UpdateStateName;
  /** The running app's version. */
  currentVersion: string;
  /** The new version, once one is found. */
  version?: string;
  /** Download progress, 0–100. */
  percent?: number;
  /** What went wrong, in one line (state 'error'). */
  error?: string;
  disabledReason?: UpdateDisabledReason;
  /** When the last check finished (ms since epoch). */
  checkedAt?: number;
}

export type { UsageReport, UsageReportRow as UsageRow } from '../daemon/parent/usage.ts';

/** A tool as the daemon lists it (GET /tools) with its last-24-hours numbers (GET /tools/stats). */
export interface ToolInfo {
  name: string;
  description: string;
  /** The ToolSpec category: simple, workflow, provider, utility, … */
  category: string;
  /** Clients see it now. */
  enabled: boolean;
  /** The current profile alone would show it (before the enabled/disabled lists). */
  inProfile: boolean;
}

export interface ToolStat {
  tool: string;
  calls: number;
  errors: number;
  p50_ms: number;
  tokens: number;
}

export interface ToolsView {
  profile: ToolProfile;
  tools: ToolInfo[];
  stats: ToolStat[];
}

export interface CsvExportResult {
  /** False when the user cancelled the save dialog. */
  saved: boolean;
  path?: string;
}

// since: epoch ms; tz: the window's UTC offset in minutes (east positive), so days are the user's.
const usageQuery = z.tuple([
  z.number().int().min(0),
  z
    .number()
    .int()
    .min(-14 * 60)
    .max(14 * 60),
]);

/** Request/response channels: name → [argument schema, result type]. */
export const invokeChannels = {
  'daemon:get-state': z.tuple([]),
  'daemon:start': z.tuple([]),
  'daemon:stop': z.tuple([]),
  'daemon:restart': z.tuple([]),
  'daemon:get-status': z.tuple([]),
  'settings:get': z.tuple([]),
  'settings:update': z.tuple([settingsPatchSchema]),
  'settings:set-key': z.tuple([
    providerIdSchema,
    z.string().trim().min(8, 'validation.keyTooShort').max(512, 'validation.keyTooLong'),
  ]),
  'settings:clear-key': z.tuple([providerIdSchema]),
  'token:reveal': z.tuple([]),
  'token:rotate': z.tuple([]),
  'providers:test': z.tuple([providerIdSchema]),
  'sessions:disconnect': z.tuple([z.string().min(1)]),
  'logs:recent': z.tuple([z.number().int().min(1).max(5000)]),
  'logs:open-folder': z.tuple([]),
  /** Saves the text the Logs page shows through a save dialog in main. */
  'logs:export': z.tuple([z.string().max(20_000_000)]),
  'connect:info': z.tuple([]),
  'clipboard:write': z.tuple([z.string().max(100_000)]),
  'notices:dismiss': z.tuple([z.string().min(1)]),
  /** The OS's preferred languages, so a window can follow them when Settings says 'system'. */
  'app:system-languages': z.tuple([]),
  'app:info': z.tuple([]),
  /** Quits the app (stopping the daemon), as the tray's Quit does. */
  'app:quit': z.tuple([]),
  'update:get-state': z.tuple([]),
  'update:check': z.tuple([]),
  /** Quits and installs a downloaded update: only ever on the user's click. */
  'update:install': z.tuple([]),
  'usage:report': usageQuery,
  /** Fetches the same rows as CSV and saves them where the user picks. */
  'usage:export-csv': usageQuery,
  /** The prices the app ships (daemon/catalog/prices.json), under the user's. */
  'usage:shipped-prices': z.tuple([]),
  'tools:list': z.tuple([]),
  'clients:list': z.tuple([]),
  /** Backs the client's config up, merges the exai entry in, then verifies it. */
  'clients:add': z.tuple([clientId]),
  'clients:remove': z.tuple([clientId]),
  'clients:restore': z.tuple([clientId]),
  'clients:verify': z.tuple([clientId]),
  /** Asks where to save, then writes the daemon's diagnostics zip there. */
  'diagnostics:save': z.tuple([]),
} as const;

export interface InvokeResults {
  'daemon:get-state': DaemonState;
  'daemon:start': DaemonState;
  'daemon:stop': DaemonState;
  'daemon:restart': DaemonState;
  'daemon:get-status': StatusSnapshot | null;
  'settings:get': SettingsView;
  'settings:update': SettingsView;
  'settings:set-key': SettingsView;
  'settings:clear-key': SettingsView;
  'token:reveal': string;
  'token:rotate': string;
  'providers:test': ConnectionTestResult;
  'sessions:disconnect': boolean;
  'logs:recent': LogLine[];
  'logs:open-folder': void;
  'logs:export': SavedFile;
  'connect:info': ConnectInfo;
  'clipboard:write': void;
  'notices:dismiss': void;
  'app:system-languages': string[];
  'app:info': AppInfo;
  'app:quit': void;
  'update:get-state': UpdateState;
  'update:check': UpdateState;
  'update:install': void;
  'usage:report': UsageReport;
  'usage:export-csv': CsvExportResult;
  'usage:shipped-prices': Record<string, Price>;
  'tools:list': ToolsView;
  'clients:list': ClientStatus[];
  'clients:add': ClientStatus;
  'clients:remove': ClientStatus;
  'clients:restore': ClientStatus;
  'clients:verify': ClientStatus;
  'diagnostics:save': DiagnosticsResult;
}

export type InvokeChannel = keyof typeof invokeChannels;
export type InvokeArgs<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]>;

/** Main → renderer pushes. */
export interface EventPayloads {
  'daemon:state': DaemonState;
  'daemon:status': StatusSnapshot;
  'logs:line': LogLine;
  'settings:changed': SettingsView;
  'notices:changed': Notice[];
  'update:state': UpdateState;
  /** After a token rotation rewrote entries, or any add/remove/restore. */
  'clients:changed': ClientStatus[];
}
export type EventChannel = keyof EventPayloads;
export const eventChannels: readonly EventChannel[] = [
  'daemon:state',
  'daemon:status',
  'logs:line',
  'settings:changed',
  'notices:changed',
  'update:state',
  'clients:changed',
];

/** What the preload exposes as window.exai. */
export interface ExaiApi {
  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeResults[C]>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

declare global {
  interface Window {
    exai: ExaiApi;
  }
}
