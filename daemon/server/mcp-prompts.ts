import { z } from 'zod';
import type { McpServer, RegisteredPrompt } from '@modelcontextprotocol/sdk/server/mcp.js';
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import { objectFromShape } from '@modelcontextprotocol/sdk/server/zod-compat.js';
import type { ToolSpec } from '../tools/tool.ts';
import { promptSpecFor, type PromptArg, type PromptSpec } from '../prompts/prompt-specs.ts';
import { promptMessage } from '../prompts/prompt-message.ts';
import { completeFrom } from '../prompts/model-completions.ts';

export interface PromptDeps {
  /** Model names to complete `model` to, as of now (configured providers, allowed models). */
  modelNames(): string[];
}

function argSchema(arg: PromptArg, deps: PromptDeps): z.ZodType {
  const values = arg.values;
  const complete =
    arg.name === 'model'
      ? (typed: string | undefined) => completeFrom(deps.modelNames(), typed)
      : values
        ? (typed: string | undefined) => completeFrom(values, typed)
        : undefined;
  const base = z.string().describe(arg.description);
  if (!complete) return arg.required ? base : base.optional();
  const inner = completable(base, complete);
  // The SDK looks for the completer on the optional wrapper when answering and on its inner type
  // when deciding to announce the completions capability: mark both.
  return arg.required ? inner : completable(inner.optional(), complete);
}

interface BuiltPrompt {
  spec: PromptSpec;
  argsSchema: Record<string, z.ZodType>;
  /** An argument completes (model names, fixed values): the SDK announces completions for it. */
  completes: boolean;
  /** The object the SDK makes of argsSchema, made once with the SDK's own function. */
  argsObject: RegisteredPrompt['argsSchema'];
  callback: (args: Record<string, string | undefined>) => {
    description: string;
    messages: Array<{ role: 'user'; content: { type: 'text'; text: string } }>;
  };
}

/**
 * One MCP prompt (slash command) per tool. The specs and their zod shapes are built once per
 * daemon (with their callbacks and argument objects); each session's McpServer registers them and keeps the handles so visibility can
 * toggle them (the SDK then sends notifications/prompts/list_changed).
 */
export class ToolPrompts {
  private readonly built: BuiltPrompt[];

  constructor(tools: readonly ToolSpec[], deps: PromptDeps) {
    this.built = tools.map((tool) => {
      const spec = promptSpecFor(tool);
      const argsSchema = Object.fromEntries(
        spec.args.map((arg) => [arg.name, argSchema(arg, deps)]),
      );
      return {
        spec,
        argsSchema,
        completes: spec.args.some((arg) => arg.name === 'model' || arg.values !== undefined),
        argsObject: objectFromShape(argsSchema) as RegisteredPrompt['argsSchema'],
        callback: (args: Record<string, string | undefined>) => ({
          description: `Use EXAI ${spec.tool}`,
          messages: [
            {
              role: 'user' as const,
              content: { type: 'text' as const, text: promptMessage(spec, args) },
            },
          ],
        }),
      };
    });
  }

  register(server: McpServer): Map<string, RegisteredPrompt> {
    const handles = new Map<string, RegisteredPrompt>();
    let completionsOn = false;
    for (const { spec, argsSchema, completes, argsObject, callback } of this.built) {
      // registerPrompt makes a zod object of a shape for every session (about a third of an idle
      // session's heap with one prompt per tool). Only the first prompt with a completer is given
      // its shape, so the SDK turns completions on as it would; every handle then gets the one
      // object made at start, which is all prompts/list, prompts/get and completion read.
      const shape: Record<string, z.ZodType> | undefined =
        completes && !completionsOn ? argsSchema : undefined;
      completionsOn ||= shape !== undefined;
      const handle = server.registerPrompt(
        spec.tool,
        {
          title: spec.title,
          description: spec.description,
          ...(shape && { argsSchema: shape as Record<string, z.ZodString> }),
        },
        callback as never,
      );
      handle.argsSchema = argsObject;
      handles.set(spec.tool, handle);
    }
    return handles;
  }
}
