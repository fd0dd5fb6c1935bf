import type { ExaiApi, InvokeArgs, InvokeChannel, InvokeResults } from '../../preload/api.ts';

// The renderer's only door to the app: window.exai from the preload (or the test harness).

export function api(): ExaiApi {
  return window.exai;
}

export function invoke<C extends InvokeChannel>(
  channel: C,
  ...args: InvokeArgs<C>
): Promise<InvokeResults[C]> {
  return window.exai.invoke(channel, ...args);
}

/** Electron wraps handler errors as "Error invoking remote method 'x': Error: msg"; users want msg. */
export function readableError(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  return raw.replace(/^Error invoking remote method '[^']+': /, '').replace(/^(\w*Error): /, '');
}
