import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListToolsRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import type { CallerSession } from '../core/call-context.ts';
import type { SessionRegistry } from '../sessions/session-registry.ts';
import { surfaceFor, type SurfaceDeps } from './mcp-surface.ts';

/**
 * The SDK gives every Server an Ajv of its own (formats, rules: several KB a session) to check
 * elicitation answers. The daemon never elicits; one Ajv, made if ever needed, serves them all.
 */
let sharedAjv: AjvJsonSchemaValidator | undefined;
const sharedValidator: jsonSchemaValidator = {
  getValidator: (schema) => (sharedAjv ??= new AjvJsonSchemaValidator()).getValidator(schema),
};

/**
 * One SDK `Server` per connection or HTTP session (the SDK binds a server to one transport). It
 * keeps only what is the session's own (its transport, its client); tools, prompts and their
 * handlers are the daemon's one McpSurface, and calls run through the one shared CallRunner.
 */
export function createMcpServer(
  deps: SurfaceDeps & {
    version: string;
    sessions: SessionRegistry;
    session: CallerSession;
  },
): Server {
  const surface = surfaceFor(deps);
  const server = new Server(
    { name: 'exai', title: 'EXAI', version: deps.version },
    {
      capabilities: {
        logging: {},
        tools: { listChanged: true },
        prompts: { listChanged: true },
        completions: {},
      },
      instructions: 'EXAI routes tool calls to Kimi (Moonshot) and GLM (Z.ai).',
      jsonSchemaValidator: sharedValidator,
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => surface.listTools());
  server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    surface.callTool(request, extra, deps.session),
  );
  server.setRequestHandler(ListPromptsRequestSchema, () => surface.listPrompts());
  server.setRequestHandler(GetPromptRequestSchema, (request) => surface.getPrompt(request));
  server.setRequestHandler(CompleteRequestSchema, (request) => surface.complete(request));

  // A settings change that shows or hides tools (profile, enabled/disabled lists) reaches the
  // client as list_changed notifications, as McpServer sends them.
  const listChanged = () => {
    if (!server.transport) return;
    void server.sendToolListChanged().catch(() => undefined);
    void server.sendPromptListChanged().catch(() => undefined);
  };
  surface.on('listChanged', listChanged);
  server.onclose = () => surface.off('listChanged', listChanged);
  server.oninitialized = () => {
    const client = server.getClientVersion();
    deps.sessions.setClient(deps.session.id, client?.name, client?.version);
  };
  return server;
}
