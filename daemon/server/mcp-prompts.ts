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
    for (const { spec, argsSchema, argsObject, callback } of this.built) {
      const handle = server.registerPrompt(
        spec.tool,
        {
          title: spec.title,
          description: spec.description,
          argsSchema: argsSchema as Record<string, z.ZodString>,
        },
        callback,
      );
      // registerPrompt makes a zod object of the shape for every session (about a third of an
      // idle session's heap with one prompt per tool); the one made at start serves them all.
      handle.argsSchema = argsObject;
      handles.set(spec.tool, handle);
    }
    return handles;
  }
}
