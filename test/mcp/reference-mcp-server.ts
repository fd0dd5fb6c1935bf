// The SDK's own way to serve the daemon's tools and prompts: an McpServer per session with every
// tool and prompt registered on it (what the daemon did before McpSurface). The parity test holds
// the daemon's answers against this one's.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { ToolRegistry } from '../../daemon/tools/registry.ts';
import type { CallRunner } from '../../daemon/runtime/call-runner.ts';
import type { ToolVisibility } from '../../daemon/tools/tool-visibility.ts';
import type { Config } from '../../daemon/config/schema.ts';
import { ToolError } from '../../daemon/core/tool-error.ts';
import { hiddenReason } from '../../daemon/tools/visible-tools.ts';
import { promptSpecFor } from '../../daemon/prompts/prompt-specs.ts';
import { promptMessage } from '../../daemon/prompts/prompt-message.ts';
import { promptArgSchema } from '../../daemon/server/mcp-prompts.ts';
import { errorResult, toCallToolResult } from '../../daemon/server/tool-results.ts';

export function referenceMcpServer(deps: {
  registry: ToolRegistry;
  runner: CallRunner;
  visibility: ToolVisibility;
  modelNames(): string[];
  config(): Config;
}): McpServer {
  const server = new McpServer(
    { name: 'exai', title: 'EXAI', version: 'test' },
    {
      capabilities: { logging: {} },
      instructions: 'EXAI routes tool calls to Kimi (Moonshot) and GLM (Z.ai).',
    },
  );
  // The daemon's reason for a hidden tool, in front of the SDK's tools/call handler.
  const inner = server.server;
  const set = inner.setRequestHandler.bind(inner) as (s: unknown, h: unknown) => void;
  inner.setRequestHandler = ((schema: unknown, handler: (...a: unknown[]) => unknown) => {
    if (schema !== CallToolRequestSchema) return set(schema, handler);
    return set(schema, (request: { params: { name: string } }, extra: unknown) => {
      const spec = deps.registry.get(request.params.name);
      if (!spec || deps.visibility.isVisible(spec.name)) return handler(request, extra);
      return errorResult(new ToolError('TOOL_NOT_FOUND', hiddenReason(spec, deps.config())!));
    });
  }) as typeof inner.setRequestHandler;

  const handles = new Map<string, { enable(): void; disable(): void; enabled: boolean }>();
  for (const spec of deps.registry.list()) {
    const schemas = deps.registry.schemas(spec.name)!;
    const tool = server.registerTool(
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
            session: { id: 'reference', transport: 'mcp-ws' },
            signal: extra.signal,
            fresh: extra._meta?.exai_fresh === true,
            onProgress:
              progressToken === undefined
                ? undefined
                : (update) =>
                    void extra.sendNotification({
                      method: 'notifications/progress',
                      params: {
                        progressToken,
                        progress: update.progress,
                        ...(update.total ? { total: update.total } : {}),
                        message: update.message,
                      },
                    }),
          });
          return toCallToolResult(result);
        } catch (error) {
          return errorResult(error);
        }
      },
    );
    const promptSpec = promptSpecFor(spec);
    const shape = Object.fromEntries(
      promptSpec.args.map((arg) => [arg.name, promptArgSchema(arg, deps)]),
    );
    const prompt = server.registerPrompt(
      spec.name,
      {
        title: promptSpec.title,
        description: promptSpec.description,
        argsSchema: shape as Record<string, z.ZodString>,
      },
      ((args: Record<string, string | undefined>) => ({
        description: `Use EXAI ${spec.name}`,
        messages: [
          { role: 'user', content: { type: 'text', text: promptMessage(promptSpec, args) } },
        ],
      })) as never,
    );
    handles.set(`tool:${spec.name}`, tool);
    handles.set(`prompt:${spec.name}`, prompt);
  }
  const apply = () => {
    for (const [key, handle] of handles) {
      const visible = deps.visibility.isVisible(key.slice(key.indexOf(':') + 1));
      if (visible !== handle.enabled) {
        if (visible) handle.enable();
        else handle.disable();
      }
    }
  };
  apply();
  deps.visibility.on('change', apply);
  return server;
}
