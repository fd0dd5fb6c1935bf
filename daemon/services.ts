import type { Logger } from 'pino';
import type { Config } from './config/schema.ts';
import type { ModelCatalog } from './catalog/catalog.ts';
import type { ProviderDirectory } from './providers/provider-status.ts';
import type { StatusSnapshot } from './parent/status.ts';

export interface Endpoint {
  host: string;
  port: number;
  /** ws://host:port/ */
  ws: string;
  /** http://host:port/mcp */
  http: string;
}

/** What a tool handler may reach. One instance per daemon, shared by every session. */
export interface DaemonServices {
  readonly version: string;
  readonly startedAt: number;
  readonly logger: Logger;
  config(): Config;
  endpoint(): Endpoint;
  readonly catalog: ModelCatalog;
  readonly providers: ProviderDirectory;
  snapshot(): StatusSnapshot;
}
