import { z } from 'zod';
import {
  completable,
  getCompleter,
  isCompletable,
} from '@modelcontextprotocol/sdk/server/completable.js';
import {
  getParseErrorMessage,
  getSchemaDescription,
  isSchemaOptional,
  objectFromShape,
  safeParse,
  type AnyObjectSchema,
  type AnySchema,
} from '@modelcontextprotocol/sdk/server/zod-compat.js';
import {
  ErrorCode,
  McpError,
  type CompleteRequest,
  type CompleteResult,
  type GetPromptResult,
  type Prompt,
} from '@modelcontextprotocol/sdk/types.js';
import type { ToolSpec } from '../tools/tool.ts';
import { promptSpecFor, type PromptArg } from '../prompts/prompt-specs.ts';
import { promptMessage } from '../prompts/prompt-message.ts';
import { completeFrom } from '../prompts/model-completions.ts';

export interface PromptDeps {
  /** Model names to complete `model` to, as of now (configured providers, allowed models). */
  modelNames(): string[];
}

/** A prompt argument as a zod string, with its completer (model names, fixed values) if it has one. */
export function promptArgSchema(arg: PromptArg, deps: PromptDeps): z.ZodType {
  const values = arg.values;
  const complete =
    arg.name === 'model'
      ? (typed: string | undefined) => completeFrom(deps.modelNames(), typed)
      : values
        ? (typed: string | undefined) => completeFrom(values, typed)
        : undefined;
  const base = z.string().describe(arg.description);
  const field = arg.required ? base : base.optional();
  return complete ? completable(field, complete) : field;
}

interface BuiltPrompt {
  definition: Prompt;
  /** The arguments' zod object, made once with the SDK's own function. */
  argsObject: AnyObjectSchema;
  fields: Record<string, AnySchema>;
  callback: (args: Record<string, string | undefined>) => GetPromptResult;
}

const NO_COMPLETIONS: CompleteResult = { completion: { values: [], hasMore: false } };
const invalid = (message: string) => new McpError(ErrorCode.InvalidParams, message);

/**
 * One MCP prompt (slash command) per tool, built once per daemon: its definition as prompts/list
 * states it, its zod arguments (with completers), and the message it makes. prompts/get and
 * completion/complete answer as McpServer does for a registered prompt.
 */
export class ToolPrompts {
  private readonly built = new Map<string, BuiltPrompt>();

  constructor(tools: readonly ToolSpec[], deps: PromptDeps) {
    for (const tool of tools) {
      const spec = promptSpecFor(tool);
      const fields = Object.fromEntries(
        spec.args.map((arg) => [arg.name, promptArgSchema(arg, deps)]),
      );
      this.built.set(spec.tool, {
        definition: {
          name: spec.tool,
          title: spec.title,
          description: spec.description,
          arguments: Object.entries(fields).map(([name, field]) => ({
            name,
            description: getSchemaDescription(field),
            required: !isSchemaOptional(field),
          })),
        },
        argsObject: objectFromShape(fields),
        fields,
        callback: (args) => ({
          description: `Use EXAI ${spec.tool}`,
          messages: [{ role: 'user', content: { type: 'text', text: promptMessage(spec, args) } }],
        }),
      });
    }
  }

  has(name: string): boolean {
    return this.built.has(name);
  }

  definition(name: string): Prompt | undefined {
    return this.built.get(name)?.definition;
  }

  get(name: string, args: Record<string, string>): GetPromptResult {
    const prompt = this.built.get(name)!;
    const parsed = safeParse(prompt.argsObject, args);
    if (!parsed.success) {
      throw invalid(`Invalid arguments for prompt ${name}: ${getParseErrorMessage(parsed.error)}`);
    }
    return prompt.callback(parsed.data as Record<string, string | undefined>);
  }

  async complete(
    name: string,
    argument: string,
    typed: string,
    context: CompleteRequest['params']['context'],
  ): Promise<CompleteResult> {
    const field = this.built.get(name)?.fields[argument];
    const completer = isCompletable(field) ? getCompleter(field) : undefined;
    if (!completer) return NO_COMPLETIONS;
    const suggestions = await completer(typed, context);
    return {
      completion: {
        values: suggestions.slice(0, 100),
        total: suggestions.length,
        hasMore: suggestions.length > 100,
      },
    };
  }
}
