import type { DaemonState } from '../../preload/api.ts';
import type { EncryptionLevel } from '../settings/secrets.ts';
import type { TrayItem } from '../shell/tray-menu.ts';

// `--smoke-test`: the packaged app proves, on the CI runners, that it starts. The sequence and
// its verdicts live here, free of Electron; main/app.ts hands in the real pieces. Every step has
// its own exit code, and a failure prints exactly one line naming the step.

export const SMOKE_FLAG = '--smoke-test';

export const SMOKE_STEPS = [
  'daemon-bundle',
  'daemon-start',
  'healthz',
  'mcp-call',
  'safe-storage',
  'tray-menu',
  'quit',
] as const;
export type SmokeStep = (typeof SMOKE_STEPS)[number];

export const SMOKE_EXIT_CODES: Readonly<Record<SmokeStep, number>> = {
  'daemon-bundle': 10,
  'daemon-start': 11,
  healthz: 12,
  'mcp-call': 13,
  'safe-storage': 14,
  'tray-menu': 15,
  quit: 16,
};

/** The app failed before the sequence could begin (settings, the desktop core, the tray). */
export const SMOKE_STARTUP_EXIT_CODE = 9;

export function reportStartupFailure(error: unknown, out: SmokeOutput): number {
  out.error(`smoke-test: FAILED at app-start (exit ${SMOKE_STARTUP_EXIT_CODE}): ${oneLine(error)}`);
  return SMOKE_STARTUP_EXIT_CODE;
}

export function wantsSmokeTest(argv: readonly string[]): boolean {
  return argv.includes(SMOKE_FLAG);
}

export interface SmokePieces {
  /** The script the launcher runs, after the app.asar → app.asar.unpacked rewrite. */
  daemonEntry: string;
  packaged: boolean;
  fileExists(path: string): boolean;
  /** The supervisor's start(): resolves with the state it settled in. */
  startDaemon(): Promise<DaemonState>;
  /** The daemon's bearer token. */
  token(): string;
  fetch: (url: string) => Promise<{ status: number; text(): Promise<string> }>;
  /** One MCP tool call over the WebSocket endpoint; resolves with the tool's text. */
  callTool(wsUrl: string, token: string, tool: string): Promise<string>;
  secrets: {
    level(): Promise<EncryptionLevel>;
    encrypt(plain: string): Promise<string>;
    decrypt(cipher: string): Promise<{ value: string }>;
  };
  /** Builds the real tray for this state and returns the items it shows. */
  buildTray(state: DaemonState): TrayItem[];
  /** The app's normal quit path (what before-quit runs): stops the daemon gracefully. */
  drain(): Promise<void>;
  /** The supervisor's state after draining. */
  daemonState(): DaemonState;
  processAlive(pid: number): boolean;
}

export interface SmokeOutput {
  log(line: string): void;
  error(line: string): void;
}

export interface SmokeOptions {
  /** Upper bound per step, so a hang fails the step instead of the CI job's timeout. */
  stepTimeoutMs?: number;
}

class StepFailure extends Error {}

/** Runs every step in order; resolves with the process exit code (0 = all passed). */
export async function runSmokeTest(
  p: SmokePieces,
  out: SmokeOutput,
  options: SmokeOptions = {},
): Promise<number> {
  const timeoutMs = options.stepTimeoutMs ?? 90_000;
  let running: DaemonState | undefined;
  let drained = false;

  const steps: Record<SmokeStep, () => Promise<string>> = {
    'daemon-bundle': async () => {
      if (p.packaged && !p.daemonEntry.includes('app.asar.unpacked'))
        fail(`the daemon entry is not in app.asar.unpacked: ${p.daemonEntry}`);
      if (!p.fileExists(p.daemonEntry)) fail(`the daemon entry is missing: ${p.daemonEntry}`);
      return p.daemonEntry;
    },
    'daemon-start': async () => {
      const s = await p.startDaemon();
      if (s.state !== 'running' || !s.endpoint || !s.port)
        fail(`the daemon is ${s.state}${s.reason ? `: ${s.reason}` : ''}`);
      running = s;
      return `pid ${s.pid}, ${s.endpoint}`;
    },
    healthz: async () => {
      const res = await p.fetch(`http://127.0.0.1:${running!.port}/healthz`);
      const body = await res.text();
      if (res.status !== 200) fail(`/healthz answered ${res.status}: ${body.slice(0, 200)}`);
      return `200 ${body.slice(0, 80)}`;
    },
    'mcp-call': async () => {
      const text = await p.callTool(running!.endpoint!, p.token(), 'version');
      if (!text.trim()) fail('the version tool answered with no text');
      return `version → ${text.replace(/\s+/g, ' ').slice(0, 80)}`;
    },
    'safe-storage': async () => {
      const level = await p.secrets.level();
      // A runner without a keychain is the runner's limit, not the app's: say so and go on.
      if (level === 'unavailable') return 'skipped: the OS keychain is unavailable on this machine';
      const probe = `smoke-${Date.now()}`;
      const cipher = await p.secrets.encrypt(probe);
      if (cipher.includes(Buffer.from(probe).toString('base64')))
        fail('the ciphertext contains the plain text');
      const { value } = await p.secrets.decrypt(cipher);
      if (value !== probe) fail('the value did not survive encrypt → decrypt');
      return level === 'basic-text'
        ? "round-trip ok (Linux's plain-text fallback: no keyring on this machine)"
        : 'round-trip ok (OS keychain)';
    },
    'tray-menu': async () => {
      const items = p.buildTray(running!);
      const status = items[0];
      if (status?.kind !== 'status' || !/Running/.test(status.label))
        fail(`the menu's status line is ${JSON.stringify(status)}`);
      if (!items.some((i) => i.kind === 'action' && i.action === 'quit'))
        fail('the menu has no Quit item');
      return `${items.length} items, "${status.label}"`;
    },
    quit: async () => {
      drained = true;
      await p.drain();
      const s = p.daemonState();
      if (s.state !== 'stopped') fail(`the daemon is ${s.state} after quitting`);
      if (running?.pid && p.processAlive(running.pid))
        fail(`the daemon process ${running.pid} is still alive`);
      return 'daemon stopped';
    },
  };

  for (const step of SMOKE_STEPS) {
    try {
      const detail = await withTimeout(steps[step](), timeoutMs);
      out.log(`smoke-test: ok ${step}: ${detail}`);
    } catch (error) {
      const code = SMOKE_EXIT_CODES[step];
      if (!drained) await p.drain().catch(() => {}); // leave no daemon behind, whatever failed
      out.error(`smoke-test: FAILED at ${step} (exit ${code}): ${oneLine(error)}`);
      return code;
    }
  }
  out.log('smoke-test: passed');
  return 0;
}

function fail(message: string): never {
  throw new StepFailure(message);
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 300) || 'unknown error';
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`did not finish within ${Math.round(ms / 1000)} s`)),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Whether a process still exists (signal 0 only checks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
