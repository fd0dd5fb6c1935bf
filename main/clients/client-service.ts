import { existsSync, readFileSync } from 'node:fs';
import type { ClientCheck, ClientId, ClientStatus } from '../../preload/api.ts';
import { TypedEmitter } from '../typed-emitter.ts';
import { clientInfo, type ConnectTarget } from './client-catalog.ts';
import { ENTRY_NAME, type ClientSetup, type ClientState } from './client-setup.ts';
import { readEntry } from './config-edit.ts';
import { verifyEntry, type VerifyResult } from './verify-entry.ts';

// The Connect page's side of ClientSetup: each action returns the client's new status with the
// last check (connecting with the entry as written, the way the client would), and every change,
// including the rewrite after a token rotation, is pushed as the full list.

export interface ClientServiceOptions {
  setup: ClientSetup;
  /** Where the daemon listens now and its current token. */
  target: () => ConnectTarget;
  verify?: (entry: Record<string, unknown>) => Promise<VerifyResult>;
  now?: () => number;
}

export class ClientService {
  private readonly o: ClientServiceOptions;
  private readonly checks = new Map<ClientId, ClientCheck>();
  readonly events = new TypedEmitter<{ changed: ClientStatus[] }>();

  constructor(options: ClientServiceOptions) {
    this.o = options;
  }

  private view(s: ClientState): ClientStatus {
    const check = this.checks.get(s.id);
    return { ...s, ...(check && { check }) };
  }

  list(): ClientStatus[] {
    return this.o.setup.states(this.o.target()).map((s) => this.view(s));
  }

  status(id: ClientId): ClientStatus {
    return this.view(this.o.setup.state(id, this.o.target()));
  }

  private changed(): void {
    this.events.emit('changed', this.list());
  }

  /** Backs the file up, merges the entry in, then checks that the client could connect with it. */
  async add(id: ClientId): Promise<ClientStatus> {
    this.checks.delete(id);
    this.o.setup.add(id, this.o.target());
    const status = await this.verify(id);
    this.changed();
    return status;
  }

  remove(id: ClientId): ClientStatus {
    this.o.setup.remove(id);
    this.checks.delete(id);
    this.changed();
    return this.status(id);
  }

  restore(id: ClientId): ClientStatus {
    this.o.setup.restoreBackup(id);
    this.checks.delete(id);
    this.changed();
    return this.status(id);
  }

  /** Connects with the entry as it is in the file now, not as the app would write it. */
  async verify(id: ClientId): Promise<ClientStatus> {
    const result = await this.verifyWritten(id);
    this.checks.set(id, { ...result, at: this.o.now?.() ?? Date.now() });
    return this.status(id);
  }

  private async verifyWritten(id: ClientId): Promise<VerifyResult> {
    const info = clientInfo(id);
    const path = this.o.setup.path(id);
    if (!existsSync(path)) return { ok: false, message: `${path} does not exist` };
    let entry: unknown;
    try {
      entry = readEntry(info.format, readFileSync(path, 'utf8'), info.container, ENTRY_NAME, path);
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
    if (entry === undefined || typeof entry !== 'object' || entry === null)
      return { ok: false, message: `${path} has no "${ENTRY_NAME}" entry` };
    return (this.o.verify ?? verifyEntry)(entry as Record<string, unknown>);
  }

  /**
   * After a token rotation or a new address: rewrites the entries this app wrote, then pushes the
   * list, so entries the user wrote by hand show as outdated. A file that cannot be rewritten
   * stays outdated on the page rather than stopping the others.
   */
  refresh(): ClientId[] {
    let updated: ClientId[] = [];
    try {
      updated = this.o.setup.refresh(this.o.target());
    } catch {
      // The page shows that file as outdated or unreadable.
    }
    for (const id of updated) this.checks.delete(id);
    this.changed();
    return updated;
  }

  dispose(): void {
    this.events.dispose();
  }
}
