import { z } from 'zod';
import { usageMeta } from './usage-meta.ts';
import { buildPrompt } from '../conversations/prompt-builder.ts';
import { readImages } from '../files/image-reader.ts';
import { readTextFiles } from '../files/file-reader.ts';
import type { Capability } from '../catalog/catalog.ts';
import { defineTool, type ToolResult } from './tool.ts';
import { answerWithContinuation, existingThread, continuationIdArg } from './continuation.ts';
import { hasKimiCacheToken, kimiCacheHeaders, rememberKimiCache } from './kimi-context-cache.ts';
import { withAnswerLanguage } from './answer-language.ts';
import { originalChatArgs, resolveOriginalChatArgs } from './original-args.ts';

const SYSTEM = `You are a senior engineer giving a second opinion to another AI agent, who will relay or act on your answer.
Be direct and specific: say what you would do and why, point out mistakes and risks plainly, and say when you are unsure.
When files are included, ground your answer in their contents and cite paths. Prefer short, well-structured answers.`;

export const chatTool = defineTool({
  name: 'chat',
  title: 'Chat',
  description:
    'Ask Kimi or GLM a question: brainstorming, a second opinion, explanations. Optional files (absolute paths, embedded as text), images (vision models), web search and continuation_id to continue any earlier conversation.',
  category: 'simple',
  inputSchema: {
    prompt: z.string().min(1).describe('The question or request'),
    files: z.array(z.string()).optional().describe('Absolute paths of text files to include'),
    images: z
      .array(z.string())
      .optional()
      .describe('Absolute image paths or data URLs (vision models only)'),
    model: z
      .string()
      .optional()
      .describe('Model name or alias, or "auto" (default) to let the daemon choose'),
    temperature: z.number().min(0).max(1).optional(),
    thinking_mode: z
      .enum(['minimal', 'low', 'medium', 'high', 'max'])
      .optional()
      .describe('Reasoning depth, where the model supports it'),
    use_websearch: z.boolean().optional().describe('Let the model search the web'),
    continuation_id: continuationIdArg,
    include_reasoning: z
      .boolean()
      .optional()
      .describe(
        "Return the model's reasoning (thinking models) in structuredContent.reasoning; never part of the answer text",
      ),
    ...originalChatArgs,
  },
  outputSchema: {
    status: z.string(),
    content: z.string(),
    continuation_id: z.string().optional(),
    provider: z.string(),
    model: z.string(),
    reasoning: z.string().optional(),
  },
  async handler(args, ctx): Promise<ToolResult> {
    const { services } = ctx;
    const config = services.config();
    const earlier = existingThread(services.conversations, args.continuation_id, ctx.scope);

    const files = await readTextFiles(args.files ?? [], { config, signal: ctx.signal });
    const images = await readImages(args.images ?? [], { config, signal: ctx.signal });
    const original = resolveOriginalChatArgs(args, args.model ?? config.defaultModel);
    const needs: Capability[] = [];
    if (images.length) needs.push('images');
    if (args.use_websearch) needs.push('websearch');
    const choice = await services.router.plan({
      model: original.model,
      category: 'fast',
      prompt: args.prompt,
      needs,
    });

    const cacheTokenSent = hasKimiCacheToken(earlier?.id);
    let built: ReturnType<typeof buildPrompt> | undefined;
    const answer = await services.router.complete(
      {
        choice,
        messagesFor: (model) => {
          built = buildPrompt(
            {
              tool: 'chat',
              system: withAnswerLanguage(SYSTEM, config),
              prompt: args.prompt,
              files,
              images,
              thread: earlier,
            },
            model,
          );
          return built.messages;
        },
        temperature: args.temperature,
        thinkingMode: args.thinking_mode,
        webSearch: args.use_websearch,
        headersFor: kimiCacheHeaders(earlier?.id),
      },
      ctx,
    );

    const thread = earlier ?? services.conversations.create(ctx.scope);
    services.conversations.append(
      thread,
      {
        role: 'user',
        content: args.prompt,
        tool: 'chat',
        files: files.map((f) => f.path),
        images: images.length,
      },
      {
        role: 'assistant',
        content: answer.text,
        tool: 'chat',
        provider: answer.provider,
        model: answer.model,
      },
    );
    const kimiCache = rememberKimiCache(thread.id, cacheTokenSent, answer);
    const { content, status, ...next } = answerWithContinuation(
      thread,
      answer.text,
      config.maxConversationTurns,
    );
    return {
      content,
      structuredContent: {
        status,
        content: answer.text,
        ...next,
        provider: answer.provider,
        model: answer.model,
        ...(args.include_reasoning && answer.reasoning && { reasoning: answer.reasoning }),
      },
      meta: {
        provider: answer.provider,
        model: answer.model,
        requested_model: args.model ?? config.defaultModel,
        ...(kimiCache && { kimi_cache: kimiCache }),
        ...(answer.reasoning &&
          !args.include_reasoning && { reasoning_omitted_chars: answer.reasoning.length }),
        ...(Object.keys(original.notes).length && { ignored_args: original.notes }),
        usage: usageMeta(answer),
        ...(answer.failedAttempts.length && { fallback_from: answer.failedAttempts }),
        ...(answer.toolRounds && { web_search_rounds: answer.toolRounds }),
        ...(built?.omittedFiles.length && { files_omitted: built.omittedFiles }),
        ...(built?.omittedTurns && { turns_omitted: built.omittedTurns }),
        continuation_id: thread.id,
      },
    };
  },
});
