import { z } from 'zod';
import { localeSchema, priceSchema } from '../config/schema.ts';
import { providerBaseUrlSchema } from '../config/base-url.ts';
import type { StatusSnapshot } from './status.ts';

// main/ checks base URLs in Settings with the daemon's own rule.
export { checkProviderBaseUrl } from '../config/base-url.ts';

export type * from './status.ts';

/**
 * Node flags every launcher starts the daemon with (the app's utility process, NodeLauncher,
 * the bridge's autostart, npm run daemon, the bench). V8 otherwise lets the young generation grow
 * to 64 MB a half on a large machine and never gives it back: a tray daemon sat at ~270 MB after a
 * burst of calls. Capped, RSS stays near 140 MB and an idle session costs ~40 KB, with no
 * throughput lost in the bench. `--expose-gc` lets the daemon give memory back once it has been
 * idle a while (daemon/lifecycle/idle-trim.ts); nothing else calls `gc`.
 */
export const DAEMON_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--expose-gc'];

// The one declaration of what the daemon and its parent (Electron main, or a test driving it
// through child_process.fork) say to each other. main/ imports these types; nothing else
// defines them.

const providerPatch = z
  .object({
    apiKey: z.string().min(1).nullable().optional(),
    baseUrl: providerBaseUrlSchema.optional(),
    /** KIMI_ALLOWED_MODELS / GLM_ALLOWED_MODELS; [] = all. */
    allowedModels: z.array(z.string().min(1)).optional(),
  })
  .strict();

export const parentToDaemonSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('configure'),
      kimi: providerPatch.optional(),
      glm: providerPatch.optional(),
      defaultModel: z.string().min(1).optional(),
      /** EXAI_ALLOWED_ROOTS; [] = the user's home folder. */
      allowedRoots: z.array(z.string().min(1)).optional(),
      /** LOCALE; '' = the prompt's language. */
      locale: localeSchema.optional(),
      token: z.string().min(16).optional(),
      // Applied live (no restart): the user's prices, and which tools clients see.
      // (No schema defaults here: a field left out must stay as it is.)
      prices: z.record(z.string().min(1), priceSchema).optional(),
      toolProfile: z.enum(['core', 'standard', 'full']).optional(),
      enabledTools: z.array(z.string().min(1)).optional(),
      disabledTools: z.array(z.string().min(1)).optional(),
    })
    .strict(),
  z.object({ type: z.literal('shutdown'), graceS: z.number().min(0).optional() }).strict(),
  z.object({ type: z.literal('disconnect-session'), sessionId: z.string().min(1) }).strict(),
  z.object({ type: z.literal('status-request') }).strict(),
]);
export type ParentToDaemon = z.infer<typeof parentToDaemonSchema>;

export interface ReadyMessage {
  type: 'ready';
  pid: number;
  host: string;
  port: number;
  endpoint: string;
  httpEndpoint: string;
  version: string;
}

export interface LogMessage {
  type: 'log';
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  time: number;
  msg: string;
  fields?: Record<string, unknown>;
}

/** Sent when start-up fails before `ready`, so the parent can name the reason. */
export interface FatalMessage {
  type: 'fatal';
  reason: 'port-in-use' | 'already-running' | 'bad-config' | 'error';
  message: string;
  port?: number;
}

export interface StatusMessage {
  type: 'status';
  snapshot: StatusSnapshot;
}

/**
 * A legacy client rotated the token (`rotate_token`). The parent owns the token (it passes it as
 * EXAI_WS_TOKEN on every start), so it must store this one or a restart would undo the rotation.
 * Carries a secret: IPC only, never logged on either side.
 */
export interface TokenRotatedMessage {
  type: 'token-rotated';
  token: string;
}

export type DaemonToParent =
  ReadyMessage | LogMessage | FatalMessage | StatusMessage | TokenRotatedMessage;

/** Node's fork IPC and Electron's parentPort differ only in how a message is sent and received. */
export interface ParentPort {
  send(message: DaemonToParent): void;
  onMessage(listener: (message: unknown) => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function connectToParent(): ParentPort | undefined {
  const electronPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      send: (m) => electronPort.postMessage(m),
      onMessage: (listener) => electronPort.on('message', (e) => listener(e.data)),
    };
  }
  if (typeof process.send === 'function') {
    return {
      send: (m) => {
        if (process.connected) process.send?.(m);
      },
      onMessage: (listener) => process.on('message', listener),
    };
  }
  return undefined;
}

export function parseParentMessage(raw: unknown): ParentToDaemon | Error {
  const result = parentToDaemonSchema.safeParse(raw);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  return new Error(
    `bad parent message: ${first ? `${first.path.join('.') || 'message'}: ${first.message}` : 'invalid'}`,
  );
}
