import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import type { ToolRegistry } from '../tools/registry.ts';
import type { CallRunner } from '../runtime/call-runner.ts';
import type { CallerSession } from '../core/call-context.ts';
import type { ToolResult } from '../core/tool-result.ts';
import { ToolError, isToolError } from '../core/tool-error.ts';
import { hiddenReason } from '../tools/visible-tools.ts';
import type { Config } from '../config/schema.ts';
import { explainHiddenToolCalls } from './hidden-tool-calls.ts';
import type { SessionRegistry } from '../sessions/session-registry.ts';
import type { ToolVisibility } from '../tools/tool-visibility.ts';
import { ToolPrompts } from './mcp-prompts.ts';

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
      _meta: {
        code: error.code,
        ...(error.retryAfter !== undefined ? { retry_after: error.retryAfter } : {}),
      },
    };
  }
  return {
    isError: true,
    content: [{ type: 'text', text: `EXEC_ERROR: ${(error as Error)?.message ?? String(error)}` }],
  };
}

/**
 * The SDK gives every Server an Ajv of its own (formats, rules: several KB a session) to check
 * elicitation answers. The daemon never elicits; one Ajv, made if ever needed, serves them all.
 */
let sharedAjv: AjvJsonSchemaValidator | undefined;
const sharedValidator: jsonSchemaValidator = {
  getValidator: (schema) => (sharedAjv ??= new AjvJsonSchemaValidator()).getValidator(schema),
};

const promptsByRegistry = new WeakMap<ToolRegistry, ToolPrompts>();

/** Built with the first MCP session (the SDK loads lazily), then shared by all of them. */
function promptsFor(deps: { registry: ToolRegistry; modelNames(): string[] }): ToolPrompts {
  let prompts = promptsByRegistry.get(deps.registry);
  if (!prompts) {
    prompts = new ToolPrompts(deps.registry.list(), { modelNames: () => deps.modelNames() });
    promptsByRegistry.set(deps.registry, prompts);
  }
  return prompts;
}

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
  visibility: ToolVisibility;
  modelNames(): string[];
  /** For the reason a hidden tool's call is refused; without it the reason is generic. */
  config?(): Config;
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
  // A hidden tool's call gets the reason (TOOL_PROFILE, DISABLED_TOOLS), not the SDK's "disabled".
  explainHiddenToolCalls(
    server,
    (name) => {
      const spec = deps.registry.get(name);
      if (!spec || deps.visibility.isVisible(name)) return undefined;
      return (
        (deps.config && hiddenReason(spec, deps.config())) ??
        `${name} is hidden by the tool settings`
      );
    },
    (why) => errorResult(new ToolError('TOOL_NOT_FOUND', why)),
  );
  const tools = new Map<string, { enable(): void; disable(): void; enabled: boolean }>();
  for (const spec of deps.registry.list()) {
    const schemas = deps.registry.schemas(spec.name)!;
    const handle = server.registerTool(
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
                        params: {
                          progressToken,
                          progress: update.progress,
                          ...(update.total ? { total: update.total } : {}),
                          message: update.message,
                        },
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
    tools.set(spec.name, handle);
  }
  const prompts = promptsFor(deps).register(server);
  // Hidden tools (profile, enabled/disabled lists) stay registered but disabled, so a settings
  // change toggles them and the SDK tells the client with a list_changed notification.
  const applyVisibility = () => {
    for (const handles of [tools, prompts]) {
      for (const [name, handle] of handles) {
        const visible = deps.visibility.isVisible(name);
        if (visible !== handle.enabled) {
          if (visible) handle.enable();
          else handle.disable();
        }
      }
    }
  };
  applyVisibility();
  deps.visibility.on('change', applyVisibility);
  const closed = server.server.onclose;
  server.server.onclose = () => {
    deps.visibility.off('change', applyVisibility);
    closed?.();
  };
  server.server.oninitialized = () => {
    const client = server.server.getClientVersion();
    deps.sessions.setClient(deps.session.id, client?.name, client?.version);
  };
  return server;
}
