import type { Logger } from 'pino';
import type { ToolRegistry } from '../tools/registry.ts';
import type { CallRunner } from '../runtime/call-runner.ts';
import type { SessionRegistry } from '../sessions/session-registry.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { Config } from '../config/schema.ts';
import type { ToolVisibility } from '../tools/tool-visibility.ts';

/** What the HTTP and WebSocket front ends share. */
export interface ServerDeps {
  version: string;
  registry: ToolRegistry;
  runner: CallRunner;
  sessions: SessionRegistry;
  metrics: Metrics;
  logger: Logger;
  config(): Config;
  /** Which tools (and their prompts) sessions show; changes reach open sessions. */
  visibility: ToolVisibility;
  /** Names `model` arguments complete to. */
  modelNames(): string[];
}
