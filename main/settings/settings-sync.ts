import type { ParentToDaemon } from '../../daemon/parent/messages.ts';
import { PROVIDER_IDS } from '../../daemon/parent/settings-contract.ts';
import { cleanEnv, daemonLocale, settingsEnv, type DaemonSecrets } from './daemon-env.ts';
import type { SettingsChange, SettingsStore } from './settings-store.ts';
import type { LaunchSpec, Supervisor } from '../supervision/supervisor.ts';

// Connects settings to the daemon. A new key, base URL, default model, token, prices, tool
// settings, allowed folders or models, or answer language reaches the running daemon through
// `configure` (no restart, sessions survive); host, port, limits and timeouts are read only at
// start, so changing them restarts the daemon.

export type ApplyPlan =
  | { kind: 'none' }
  | { kind: 'configure'; message: Extract<ParentToDaemon, { type: 'configure' }> }
  | { kind: 'restart' };

const RESTART_FIELDS = ['host', 'port', 'callTimeoutS'] as const;

export function planApply(
  change: SettingsChange,
  settings: Pick<SettingsStore, 'apiKey' | 'token'>,
): ApplyPlan {
  const { previous: a, next: b } = change;
  const restart =
    RESTART_FIELDS.some((f) => a[f] !== b[f]) ||
    JSON.stringify(a.limits) !== JSON.stringify(b.limits);
  if (restart) return { kind: 'restart' };
  const message: Extract<ParentToDaemon, { type: 'configure' }> = { type: 'configure' };
  for (const id of PROVIDER_IDS) {
    const patch: NonNullable<typeof message.kimi> = {};
    if (change.keysChanged.includes(id)) patch.apiKey = settings.apiKey(id) ?? null;
    if (a.baseUrls[id] !== b.baseUrls[id]) patch.baseUrl = b.baseUrls[id];
    if (!sameList(a.allowedModels[id], b.allowedModels[id]))
      patch.allowedModels = [...b.allowedModels[id]];
    if (Object.keys(patch).length > 0) message[id] = patch;
  }
  if (a.defaultModel !== b.defaultModel) message.defaultModel = b.defaultModel;
  if (!sameList(a.allowedRoots, b.allowedRoots)) message.allowedRoots = [...b.allowedRoots];
  // The app's language counts too while no answer language is chosen.
  const locale = daemonLocale(b);
  if (daemonLocale(a) !== locale) message.locale = locale;
  // Prices and tool visibility apply live: the daemon recosts usage and re-lists tools.
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  if (!same(a.prices, b.prices)) message.prices = b.prices;
  if (a.toolProfile !== b.toolProfile) message.toolProfile = b.toolProfile;
  if (!same(a.enabledTools, b.enabledTools)) message.enabledTools = b.enabledTools;
  if (!same(a.disabledTools, b.disabledTools)) message.disabledTools = b.disabledTools;
  // A token the daemon rotated itself needs no echo back.
  if (change.tokenChanged && !change.tokenFromDaemon) message.token = settings.token();
  return Object.keys(message).length > 1 ? { kind: 'configure', message } : { kind: 'none' };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export interface SettingsSyncOptions {
  settings: SettingsStore;
  supervisor: Supervisor;
  dataDir: string;
  baseEnv?: Readonly<Record<string, string | undefined>>;
}

export class SettingsSync {
  private readonly options: SettingsSyncOptions;
  private readonly off: () => void;

  constructor(options: SettingsSyncOptions) {
    this.options = options;
    this.off = options.settings.on('changed', (change) => void this.apply(change));
  }

  /** The supervisor's launchSpec: read fresh at every start so it reflects current settings. */
  launchSpec = (): LaunchSpec => {
    const { settings, dataDir } = this.options;
    const values = settings.values;
    const secrets: DaemonSecrets = { token: settings.token() };
    for (const id of PROVIDER_IDS) secrets[id] = settings.apiKey(id);
    return {
      host: values.host,
      port: values.port,
      dataDir,
      env: {
        ...cleanEnv(this.options.baseEnv ?? process.env),
        ...settingsEnv(values, secrets),
      },
    };
  };

  private async apply(change: SettingsChange): Promise<void> {
    const { supervisor, settings } = this.options;
    const plan = planApply(change, settings);
    const state = supervisor.state.state;
    if (plan.kind === 'none' || (state !== 'running' && state !== 'starting')) return;
    // A daemon still starting will read the new values from its environment only if restarted.
    if (plan.kind === 'restart' || state === 'starting' || !supervisor.send(plan.message)) {
      await supervisor.restart();
    }
  }

  dispose(): void {
    this.off();
  }
}
