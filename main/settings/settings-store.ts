import { randomBytes } from 'node:crypto';
import { checkProviderBaseUrl } from '../../daemon/parent/messages.ts';
import { PROVIDER_IDS } from '../../daemon/parent/settings-contract.ts';
import {
  settingsPatchSchema,
  type ProviderId,
  type SettingsPatch,
  type SettingsView,
} from '../../preload/api.ts';
import type { EncryptionLevel, SecretBox } from './secrets.ts';
import type { SettingsBackend } from './settings-file.ts';
import type { StoredSettings } from './settings-schema.ts';
import { tr } from '../i18n.ts';
import { TypedEmitter } from '../typed-emitter.ts';
import { ValidationError } from '../validation-error.ts';

// The app's settings: plain values in the backend (electron-store in the app, conf or memory in
// tests and the harness), secrets as safeStorage ciphertext. Decrypted secrets live only in this
// object's memory, for launching and configuring the daemon; the renderer gets SettingsView.

export interface SettingsChange {
  previous: StoredSettings;
  next: StoredSettings;
  /** Providers whose key was set or cleared. */
  keysChanged: ProviderId[];
  tokenChanged: boolean;
  /** The daemon changed the token itself (legacy rotate_token): it already has it. */
  tokenFromDaemon?: boolean;
}

export interface SettingsStoreEvents {
  changed: SettingsChange;
}

export interface SettingsStoreOptions {
  backend: SettingsBackend;
  secrets: SecretBox;
  /** 256-bit random by default; injectable so tests can tell tokens apart deterministically. */
  newToken?: () => string;
}

export class SettingsStore {
  private readonly events = new TypedEmitter<SettingsStoreEvents>();
  private readonly backend: SettingsBackend;
  private readonly box: SecretBox;
  private readonly newToken: () => string;
  private level: EncryptionLevel = 'unavailable';
  private keys: Partial<Record<ProviderId, string>> = {};
  private daemonToken = '';

  constructor(options: SettingsStoreOptions) {
    this.backend = options.backend;
    this.box = options.secrets;
    this.newToken = options.newToken ?? (() => randomBytes(32).toString('base64url'));
  }

  /** Reads and decrypts the stored secrets; creates the daemon token on first run. */
  async init(): Promise<void> {
    this.level = await this.box.level();
    const stored = this.backend.store;
    const secrets = { ...stored.secrets };
    let reEncrypt = false;
    for (const name of [...PROVIDER_IDS, 'token'] as const) {
      const cipher = secrets[name];
      if (!cipher) continue;
      try {
        const { value, shouldReEncrypt } = await this.box.decrypt(cipher);
        if (name === 'token') this.daemonToken = value;
        else this.keys[name] = value;
        reEncrypt ||= shouldReEncrypt;
      } catch {
        // Encrypted under another OS user or a lost keychain entry: unusable, so forget it.
        delete secrets[name];
        reEncrypt = true;
      }
    }
    if (!this.daemonToken) {
      this.daemonToken = this.newToken();
      reEncrypt = true;
    }
    if (reEncrypt) await this.persistSecrets();
  }

  on<K extends keyof SettingsStoreEvents>(
    event: K,
    listener: (p: SettingsStoreEvents[K]) => void,
  ): () => void {
    return this.events.on(event, listener);
  }

  get values(): StoredSettings {
    return structuredClone(this.backend.store);
  }

  get encryption(): EncryptionLevel {
    return this.level;
  }

  apiKey(id: ProviderId): string | undefined {
    return this.keys[id];
  }

  token(): string {
    return this.daemonToken;
  }

  view(): SettingsView {
    const s = this.backend.store;
    const keyInfo = (id: ProviderId): SettingsView['keys'][ProviderId] => {
      const key = this.keys[id];
      return key ? { configured: true, last4: key.slice(-4) } : { configured: false };
    };
    return {
      keys: Object.fromEntries(PROVIDER_IDS.map((id) => [id, keyInfo(id)])) as SettingsView['keys'],
      baseUrls: { ...s.baseUrls },
      defaultModel: s.defaultModel,
      host: s.host,
      port: s.port,
      limits: { ...s.limits },
      callTimeoutS: s.callTimeoutS,
      allowedRoots: [...s.allowedRoots],
      allowedModels: structuredClone(s.allowedModels),
      locale: s.locale,
      startAtLogin: s.startAtLogin,
      encryption: this.level,
      plainTextConsent: s.plainTextConsent,
      language: s.language,
      updateChecks: s.updateChecks,
      prices: structuredClone(s.prices),
      toolProfile: s.toolProfile,
      enabledTools: [...s.enabledTools],
      disabledTools: [...s.disabledTools],
      firstRunDone: s.firstRunDone,
      circuitNotifications: s.circuitNotifications,
    };
  }

  /** Validates and applies a partial update; rejects with a message naming each bad field. */
  async update(patch: unknown): Promise<SettingsView> {
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success)
      throw new ValidationError(tr('validation.invalidSettings'), parsed.error.issues);
    const p: SettingsPatch = parsed.data;
    // The daemon's rule: a key follows its base URL, so https, or http to this machine only.
    const urlIssues = Object.entries(p.baseUrls ?? {}).flatMap(([id, url]) => {
      const problem = url === undefined ? undefined : checkProviderBaseUrl(url);
      return problem
        ? [{ code: 'custom' as const, path: ['baseUrls', id], message: problem, input: url }]
        : [];
    });
    if (urlIssues.length) throw new ValidationError('Invalid settings', urlIssues);
    const previous = this.values;
    const next: StoredSettings = {
      ...previous,
      ...definedOnly({
        defaultModel: p.defaultModel,
        host: p.host,
        port: p.port,
        callTimeoutS: p.callTimeoutS,
        allowedRoots: p.allowedRoots && [...new Set(p.allowedRoots)],
        locale: p.locale,
        startAtLogin: p.startAtLogin,
        plainTextConsent: p.plainTextConsent,
        language: p.language,
        updateChecks: p.updateChecks,
        // Whole values, not merged: a price left out of the patch's table is a price removed.
        prices: p.prices,
        toolProfile: p.toolProfile,
        enabledTools: p.enabledTools,
        disabledTools: p.disabledTools,
        firstRunDone: p.firstRunDone,
        circuitNotifications: p.circuitNotifications,
      }),
      baseUrls: { ...previous.baseUrls, ...definedOnly(p.baseUrls ?? {}) },
      limits: { ...previous.limits, ...definedOnly(p.limits ?? {}) },
      allowedModels: { ...previous.allowedModels, ...definedOnly(p.allowedModels ?? {}) },
    };
    this.backend.store = next;
    // Consent given: the token kept in memory until now can be saved. Consent withdrawn: take
    // the plain-text-protected secrets off the disk (keys stay usable until the app quits).
    if (p.plainTextConsent === true && !previous.plainTextConsent) await this.persistSecrets();
    if (p.plainTextConsent === false && previous.plainTextConsent && this.level === 'basic-text') {
      this.backend.store = { ...this.backend.store, secrets: {} };
    }
    this.events.emit('changed', {
      previous,
      next: this.values,
      keysChanged: [],
      tokenChanged: false,
    });
    return this.view();
  }

  async setKey(id: ProviderId, key: string): Promise<SettingsView> {
    const trimmed = key.trim();
    if (trimmed.length < 8)
      throw new Error(
        tr('validation.keyTooShortFor', { provider: id === 'kimi' ? 'Kimi' : 'GLM' }),
      );
    this.assertCanStoreSecrets();
    const previous = this.values;
    this.keys[id] = trimmed;
    await this.persistSecrets();
    this.events.emit('changed', {
      previous,
      next: this.values,
      keysChanged: [id],
      tokenChanged: false,
    });
    return this.view();
  }

  async clearKey(id: ProviderId): Promise<SettingsView> {
    const previous = this.values;
    delete this.keys[id];
    await this.persistSecrets();
    this.events.emit('changed', {
      previous,
      next: this.values,
      keysChanged: [id],
      tokenChanged: false,
    });
    return this.view();
  }

  /** A fresh 256-bit token; clients holding the old one are refused from the next connection. */
  async rotateToken(): Promise<string> {
    const previous = this.values;
    this.daemonToken = this.newToken();
    await this.persistSecrets();
    this.events.emit('changed', {
      previous,
      next: this.values,
      keysChanged: [],
      tokenChanged: true,
    });
    return this.daemonToken;
  }

  /** Takes over a token the daemon already uses (rotated by a legacy client), so the next start keeps it. */
  async adoptToken(token: string): Promise<void> {
    if (token.length < 16 || /\s/.test(token))
      throw new Error('the daemon reported a malformed token');
    if (token === this.daemonToken) return;
    const previous = this.values;
    this.daemonToken = token;
    await this.persistSecrets();
    this.events.emit('changed', {
      previous,
      next: this.values,
      keysChanged: [],
      tokenChanged: true,
      tokenFromDaemon: true,
    });
  }

  dispose(): void {
    this.events.dispose();
  }

  /** True when secrets may be written to disk (OS encryption, or plain-text fallback with consent). */
  private get canPersistSecrets(): boolean {
    return (
      this.level === 'os' || (this.level === 'basic-text' && this.backend.store.plainTextConsent)
    );
  }

  private assertCanStoreSecrets(): void {
    if (this.level === 'unavailable') {
      throw new Error(tr('validation.cannotEncrypt'));
    }
    if (!this.canPersistSecrets) {
      throw new Error(tr('validation.needConsent'));
    }
  }

  private async persistSecrets(): Promise<void> {
    // Without safe storage the token stays in memory for this run only; keys are refused above.
    if (!this.canPersistSecrets) return;
    const secrets: StoredSettings['secrets'] = {};
    for (const id of PROVIDER_IDS) {
      const key = this.keys[id];
      if (key) secrets[id] = await this.box.encrypt(key);
    }
    if (this.daemonToken) secrets.token = await this.box.encrypt(this.daemonToken);
    this.backend.store = { ...this.backend.store, secrets };
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
