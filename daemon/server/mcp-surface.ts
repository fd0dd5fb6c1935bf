import { EventEmitter } from 'node:events';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  ErrorCode,
  McpError,
  type CallToolRequest,
  type CallToolResult,
  type CompleteRequest,
  type CompleteResult,
  type GetPromptRequest,
  type GetPromptResult,
  type ListPromptsResult,
  type ListToolsResult,
  type ServerNotification,
  type ServerRequest,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { getParseErrorMessage, safeParse } from '@modelcontextprotocol/sdk/server/zod-compat.js';
import { toJsonSchemaCompat } from '@modelcontextprotocol/sdk/server/zod-json-schema-compat.js';
import type { ToolRegistry } from '../tools/registry.ts';
import type { CallRunner } from '../runtime/call-runner.ts';
import type { CallerSession } from '../core/call-context.ts';
import { ToolError } from '../core/tool-error.ts';
import { hiddenReason } from '../tools/visible-tools.ts';
import type { Config } from '../config/schema.ts';
import type { ToolVisibility } from '../tools/tool-visibility.ts';
import { ToolPrompts } from './mcp-prompts.ts';
import { errorResult, toCallToolResult } from './tool-results.ts';

export type McpExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export interface SurfaceDeps {
  registry: ToolRegistry;
  runner: CallRunner;
  visibility: ToolVisibility;
  modelNames(): string[];
  /** For the reason a hidden tool's call is refused; without it the reason is generic. */
  config?(): Config;
}

/** The SDK's tool-error shape for protocol-level failures inside tools/call. */
function sdkToolError(error: McpError): CallToolResult {
  return { content: [{ type: 'text', text: error.message }], isError: true };
}

const invalid = (message: string) => new McpError(ErrorCode.InvalidParams, message);

/**
 * What every MCP session shows: the tools and prompts, their lists, and the handlers behind them,
 * built once per daemon. The SDK's McpServer builds all of this per session (a registered object
 * with closures for each of ~50 tools and prompts, a JSON Schema conversion of every tool on every
 * tools/list); here each session's low-level `Server` answers from this one table. Answers are
 * exactly McpServer's (test/mcp/sdk-parity.test.ts holds them side by side).
 *
 * Emits `listChanged` when the set of visible tools changes, once per change, like McpServer's
 * tools/prompts list_changed notifications.
 */
export class McpSurface extends EventEmitter<{ listChanged: [] }> {
  private readonly deps: SurfaceDeps;
  private readonly prompts: ToolPrompts;
  /** Every tool's definition as tools/list states it, converted once. */
  private readonly definitions: Map<string, Tool>;
  private visibleKey: string;
  private tools?: ListToolsResult;
  private promptList?: ListPromptsResult;

  constructor(deps: SurfaceDeps) {
    super();
    // One listener per open MCP session.
    this.setMaxListeners(0);
    this.deps = deps;
    this.prompts = new ToolPrompts(deps.registry.list(), { modelNames: () => deps.modelNames() });
    this.definitions = new Map(
      deps.registry.list().map((spec) => [spec.name, this.define(spec.name)]),
    );
    this.visibleKey = this.visibleNames().join('\n');
    deps.visibility.on('change', () => {
      const key = this.visibleNames().join('\n');
      if (key === this.visibleKey) return;
      this.visibleKey = key;
      this.tools = undefined;
      this.promptList = undefined;
      this.emit('listChanged');
    });
  }

  private visibleNames(): string[] {
    return this.deps.registry.names().filter((name) => this.deps.visibility.isVisible(name));
  }

  private define(name: string): Tool {
    const spec = this.deps.registry.get(name)!;
    const schemas = this.deps.registry.schemas(name)!;
    const tool: Tool = {
      name,
      title: spec.title,
      description: spec.description,
      inputSchema: toJsonSchemaCompat(schemas.input, {
        strictUnions: true,
        pipeStrategy: 'input',
      }) as Tool['inputSchema'],
      // What registerTool states for a tool without task support.
      execution: { taskSupport: 'forbidden' },
    };
    if (schemas.output) {
      tool.outputSchema = toJsonSchemaCompat(schemas.output, {
        strictUnions: true,
        pipeStrategy: 'output',
      }) as Tool['outputSchema'];
    }
    return tool;
  }

  listTools(): ListToolsResult {
    return (this.tools ??= {
      tools: this.visibleNames().map((name) => this.definitions.get(name)!),
    });
  }

  /** tools/call as McpServer answers it, with the daemon's reason for a hidden tool. */
  async callTool(
    request: CallToolRequest,
    extra: McpExtra,
    session: CallerSession,
  ): Promise<CallToolResult> {
    const name = request.params.name;
    const spec = this.deps.registry.get(name);
    if (!spec) return sdkToolError(invalid(`Tool ${name} not found`));
    if (!this.deps.visibility.isVisible(name)) {
      // The reason (TOOL_PROFILE, DISABLED_TOOLS), where McpServer would say "disabled".
      const why =
        (this.deps.config && hiddenReason(spec, this.deps.config())) ??
        `${name} is hidden by the tool settings`;
      return errorResult(new ToolError('TOOL_NOT_FOUND', why));
    }
    const schemas = this.deps.registry.schemas(name)!;
    // Tool schemas are synchronous, so this is the SDK's safeParseAsync without the promise.
    const parsed = safeParse(schemas.input, request.params.arguments ?? {});
    if (!parsed.success) {
      return sdkToolError(
        invalid(
          `Input validation error: Invalid arguments for tool ${name}: ${getParseErrorMessage(parsed.error)}`,
        ),
      );
    }
    let result: CallToolResult;
    try {
      result = toCallToolResult(
        await this.deps.runner.run({
          tool: name,
          args: parsed.data,
          argsValidated: true,
          session,
          signal: extra.signal,
          // `_meta: { exai_fresh: true }` on tools/call skips the result cache.
          fresh: extra._meta?.exai_fresh === true,
          onProgress: progressSender(extra),
        }),
      );
    } catch (error) {
      return errorResult(error);
    }
    // A task-augmented request is answered as McpServer does: unchecked (the SDK then refuses it).
    return request.params.task ? result : this.checkOutput(name, schemas.output, result);
  }

  /** McpServer's output check: a tool with an output schema answers with matching structuredContent. */
  private checkOutput(
    name: string,
    output: Parameters<typeof safeParse>[0] | undefined,
    result: CallToolResult,
  ): CallToolResult {
    if (!output || result.isError) return result;
    if (!result.structuredContent) {
      return sdkToolError(
        invalid(
          `Output validation error: Tool ${name} has an output schema but no structured content was provided`,
        ),
      );
    }
    const parsed = safeParse(output, result.structuredContent);
    if (parsed.success) return result;
    return sdkToolError(
      invalid(
        `Output validation error: Invalid structured content for tool ${name}: ${getParseErrorMessage(parsed.error)}`,
      ),
    );
  }

  listPrompts(): ListPromptsResult {
    return (this.promptList ??= {
      prompts: this.visibleNames().map((name) => this.prompts.definition(name)!),
    });
  }

  async getPrompt(request: GetPromptRequest): Promise<GetPromptResult> {
    const name = request.params.name;
    this.visiblePrompt(name);
    return this.prompts.get(name, request.params.arguments ?? {});
  }

  async complete(request: CompleteRequest): Promise<CompleteResult> {
    const ref = request.params.ref;
    if (ref.type === 'ref/resource') throw invalid(`Resource template ${ref.uri} not found`);
    if (ref.type !== 'ref/prompt') throw invalid(`Invalid completion reference: ${String(ref)}`);
    this.visiblePrompt(ref.name);
    return this.prompts.complete(
      ref.name,
      request.params.argument.name,
      request.params.argument.value,
      request.params.context,
    );
  }

  private visiblePrompt(name: string): void {
    if (!this.prompts.has(name)) throw invalid(`Prompt ${name} not found`);
    if (!this.deps.visibility.isVisible(name)) throw invalid(`Prompt ${name} disabled`);
  }
}

/** Progress updates as notifications/progress, when the client asked for them. */
function progressSender(extra: McpExtra) {
  const progressToken = extra._meta?.progressToken;
  if (progressToken === undefined) return undefined;
  return (update: { progress: number; total?: number; message?: string }) => {
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
  };
}

const surfaces = new WeakMap<ToolRegistry, McpSurface>();

/** Built with the first MCP session (the SDK loads lazily), then shared by all of them. */
export function surfaceFor(deps: SurfaceDeps): McpSurface {
  let surface = surfaces.get(deps.registry);
  if (!surface) {
    surface = new McpSurface(deps);
    surfaces.set(deps.registry, surface);
  }
  return surface;
}
