import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { ListToolsRes } from './frames.ts';
import { LegacyConnection, type LegacyDeps } from './legacy-connection.ts';
import { LegacySessions } from './legacy-sessions.ts';
import { ReplayStore } from './replay-store.ts';
import { visibleTools } from '../tools/visible-tools.ts';
import { LegacyInflight } from './inflight-calls.ts';

export type { LegacyDeps } from './legacy-connection.ts';

const REPLAY_MAX_ENTRIES = 10_000;
const REPLAY_MAX_BYTES = 64 * 1024 * 1024;

/** The legacy EX-AI protocol on the shared port: give `handle` every non-`mcp` WebSocket. */
export class LegacyServer {
  private readonly deps: LegacyDeps;
  private readonly replay: ReplayStore;
  private readonly hub: LegacySessions;
  private readonly inflight = new LegacyInflight();
  private readonly toolList = new Map<string, ListToolsRes['tools'][number]>();
  private readonly waiting = new Set<LegacyConnection>();

  constructor(deps: LegacyDeps) {
    this.deps = deps;
    this.replay = new ReplayStore({
      ttlS: deps.config().resultTtlS,
      maxEntries: REPLAY_MAX_ENTRIES,
      maxBytes: REPLAY_MAX_BYTES,
    });
    this.hub = new LegacySessions(deps.sessions);
  }

  handle(socket: WebSocket, _req: IncomingMessage): void {
    new LegacyConnection(socket, this.deps, {
      replay: this.replay,
      hub: this.hub,
      inflight: this.inflight,
      tools: () => this.tools(),
      waiting: this.waiting,
    }).start();
  }

  /** Sockets that have not said hello yet: counted against maxSessions at the upgrade. */
  get waitingForHello(): number {
    return this.waiting.size;
  }

  private tools(): ListToolsRes['tools'] {
    // Only the tools the profile shows; each tool's JSON Schema is built once.
    return visibleTools(this.deps.registry, this.deps.config()).map((spec) => {
      let entry = this.toolList.get(spec.name);
      if (!entry) {
        const { $schema: _ignored, ...inputSchema } = z.toJSONSchema(z.object(spec.inputSchema), {
          io: 'input',
          unrepresentable: 'any',
        });
        entry = { name: spec.name, description: spec.description, inputSchema };
        this.toolList.set(spec.name, entry);
      }
      return entry;
    });
  }

  dispose(): void {
    this.replay.clear();
  }
}
