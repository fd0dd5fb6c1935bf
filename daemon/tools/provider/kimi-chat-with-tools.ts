import { z } from 'zod';
import type OpenAI from 'openai';
import { kimiDialect } from '../../providers/kimi.ts';
import { maxOutputTokens } from '../../providers/provider-limits.ts';
import { defineTool, type ToolResult } from '../tool.ts';
import { ToolError } from '../tool-error.ts';
import { providerClient, upstream } from './provider-client.ts';

const FALLBACK_KIMI_MODEL = 'kimi-k2-0905-preview';

export const kimiChatWithToolsTool = defineTool({
  name: 'kimi_chat_with_tools',
  title: 'Kimi: raw chat with tools',
  description:
    "One raw Kimi chat request with your OpenAI-style tool definitions. Returns the assistant message unchanged, including any tool_calls, so you can run them and call again with the results appended. use_websearch adds Kimi's built-in $web_search.",
  category: 'provider',
  inputSchema: {
    messages: z
      .array(z.looseObject({ role: z.string() }))
      .min(1)
      .describe('OpenAI chat messages'),
    tools: z
      .array(z.record(z.string(), z.unknown()))
      .optional()
      .describe('OpenAI function-tool definitions'),
    tool_choice: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
    use_websearch: z.boolean().optional().describe("Add Kimi's built-in $web_search tool"),
    model: z
      .string()
      .optional()
      .describe('A Kimi model; default KIMI_DEFAULT_MODEL, else kimi-k2-0905-preview'),
    temperature: z.number().min(0).max(1).optional(),
  },
  async handler(args, ctx): Promise<ToolResult> {
    const config = ctx.services.config();
    const choice = ctx.services.router.choose({
      model: args.model ?? config.kimi.defaultModel ?? FALLBACK_KIMI_MODEL,
      category: 'deep',
      prompt: '',
    });
    const model = choice.chain[0]!;
    if (model.provider !== 'kimi')
      throw new ToolError(
        'INVALID_ARGUMENTS',
        `kimi_chat_with_tools takes a Kimi model; ${model.name} is ${model.provider}'s`,
      );
    const tools = [
      ...(args.tools ?? []),
      ...(args.use_websearch ? kimiDialect.webSearchTools() : []),
    ];
    const handle = await providerClient(ctx, 'kimi');
    const body = {
      model: model.name,
      messages: args.messages,
      max_tokens: maxOutputTokens(config, model),
      ...(tools.length && { tools }),
      ...(args.tool_choice !== undefined && { tool_choice: args.tool_choice }),
      ...(args.temperature !== undefined && { temperature: args.temperature }),
    } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming;
    const completion = await upstream(
      ctx,
      handle,
      `Kimi chat with ${model.name}`,
      () => handle.client.chat.completions.create(body, handle.options()),
      model.name,
    );
    const first = completion.choices[0];
    if (!first) throw new ToolError('UPSTREAM_ERROR', `Kimi answered without a choice`);
    const message = first.message as unknown as Record<string, unknown>;
    const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
    const text = [
      typeof message.content === 'string' && message.content ? message.content : '',
      calls.length ? `tool_calls:\n${JSON.stringify(calls, null, 2)}` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    const usage = completion.usage;
    return {
      content: [{ type: 'text', text: text || '(empty message)' }],
      structuredContent: { message, finish_reason: first.finish_reason, model: model.name },
      meta: {
        provider: 'kimi',
        model: model.name,
        ...(usage && {
          usage: {
            prompt_tokens: usage.prompt_tokens,
            completion_tokens: usage.completion_tokens,
            total_tokens: usage.total_tokens,
          },
        }),
      },
    };
  },
});
