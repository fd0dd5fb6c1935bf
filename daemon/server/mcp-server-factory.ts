import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import type { ToolRegistry } from '../tools/registry.ts';
import type { CallRunner } from '../runtime/call-runner.ts';
import type { CallerSession, ToolResult } from '../tools/tool.ts';
import { ToolError, isToolError } from '../tools/tool-error.ts';
import { hiddenReason, visibleTools } from '../tools/visible-tools.ts';
import type { Config } from '../config/schema.ts';
import { explainHiddenToolCalls } from './hidden-tool-calls.ts';
import type { SessionRegistry } from '../sessions/session-registry.ts';

export function toCallToolResult(result: ToolResult): CallToolResult {
  return {
    content: result.content,
    ...(result.structuredContent ? { structuredContent: result.structuredContent } : {}),
    ...(result.isError ? { isError: true } : {}),
    ...(result.meta ? { _meta: result.meta } : {}),
  };
}

/** MCP tool errors carry the daemon's error code so scripts can branch on it. */
export function errorResult(error: unknown): CallToolResult {
  if (isToolError(error)) {
    return {
      isError: true,
      content: [{ type: 'text', text: `${error.code}: ${error.message}` }],
      _meta: { code: error.code, ...(error.retryAfter !== undefined ? { retry_after: error.retryAfter } : {}) },
    };
  }
  return { isError: true, content: [{ type: 'text', text: `EXEC_ERROR: ${(error as Error)?.message ?? String(error)}` }] };
}

/**
 * The SDK gives every Server an Ajv of its own (formats, rules: several KB a session) to check
 * elicitation answers. The daemon never elicits; one Ajv, made if ever needed, serves them all.
 */
let sharedAjv: AjvJsonSchemaValidator | undefined;
const sharedValidator: jsonSchemaValidator = {
  getValidator: (schema) => (sharedAjv ??= new AjvJsonSchemaValidator()).getValidator(schema),
};

/**
 * One McpServer per connection or HTTP session (the SDK binds a server to one transport); all
 * of them register the same ToolSpecs and run calls through the one shared CallRunner.
 */
export function createMcpServer(deps: {
  version: string;
  registry: ToolRegistry;
  runner: CallRunner;
  sessions: SessionRegistry;
  session: CallerSession;
  config(): Config;
}): McpServer {
  const server = new McpServer(
    { name: 'exai', title: 'EXAI', version: deps.version },
    {
      // No `tools` here: declaring it makes the SDK install its tools handlers in this
      // constructor, before explainHiddenToolCalls can stand in front of tools/call; the first
      // registerTool below installs them and declares the capability.
      capabilities: { logging: {} },
      instructions: 'EXAI routes tool calls to Kimi (Moonshot) and GLM (Z.ai).',
      jsonSchemaValidator: sharedValidator,
    },
  );
  // The profile is read when the session starts: a changed TOOL_PROFILE applies to new sessions.
  const config = deps.config();
  explainHiddenToolCalls(
    server,
    (name) => {
      const spec = deps.registry.get(name);
      return spec ? hiddenReason(spec, config) : undefined;
    },
    (why) => errorResult(new ToolError('TOOL_NOT_FOUND', why)),
  );
  for (const spec of visibleTools(deps.registry, config)) {
    const schemas = deps.registry.schemas(spec.name)!;
    server.registerTool(
      spec.name,
      {
        title: spec.title,
        description: spec.description,
        inputSchema: schemas.input,
        ...(schemas.output ? { outputSchema: schemas.output } : {}),
      },
      async (args: unknown, extra) => {
        const progressToken = extra._meta?.progressToken;
        try {
          const result = await deps.runner.run({
            tool: spec.name,
            args,
            argsValidated: true,
            session: deps.session,
            signal: extra.signal,
            // `_meta: { exai_fresh: true }` on tools/call skips the result cache.
            fresh: extra._meta?.exai_fresh === true,
            onProgress:
              progressToken === undefined
                ? undefined
                : (update) => {
                    void extra
                      .sendNotification({
                        method: 'notifications/progress',
                        params: { progressToken, progress: update.progress, ...(update.total ? { total: update.total } : {}), message: update.message },
                      })
                      .catch(() => undefined);
                  },
          });
          return toCallToolResult(result);
        } catch (error) {
          return errorResult(error);
        }
      },
    );
  }
  server.server.oninitialized = () => {
    const client = server.server.getClientVersion();
    deps.sessions.setClient(deps.session.id, client?.name, client?.version);
  };
  return server;
}
