import { z } from 'zod';
import { usageMeta } from '../usage-meta.ts';
import { buildPrompt } from '../../conversations/prompt-builder.ts';
import type { ChatMessage } from '../../providers/openai-provider.ts';
import { answerWithContinuation, continuationIdArg, existingThread } from '../continuation.ts';
import { defineTool, type ToolContext, type ToolResult, type ToolSpec } from '../tool.ts';
import { ToolError } from '../tool-error.ts';
import { uploadAndExtract } from './kimi-files.ts';
import { withAnswerLanguage } from '../answer-language.ts';
import { estimateTokens } from '../../conversations/token-estimate.ts';

/** Used when neither the call nor KIMI_DEFAULT_MODEL names a model: the tool is Kimi's. */
const FALLBACK_KIMI_MODEL = 'kimi-k2-0905-preview';

const SYSTEM = `You answer questions about the files the user uploaded; their extracted text follows as system messages.
Ground every statement in those texts and name the file it comes from. Say plainly when the files do not answer the question.`;

const inputSchema = {
  files: z.array(z.string().min(1)).optional().describe('Absolute paths of the files to ask about'),
  file_path: z.string().min(1).optional().describe('One file (the original smart_file_query form)'),
  prompt: z.string().min(1).optional().describe('The question about the files'),
  question: z.string().min(1).optional().describe('Same as prompt'),
  model: z
    .string()
    .optional()
    .describe('Model name or alias; default KIMI_DEFAULT_MODEL, else kimi-k2-0905-preview'),
  temperature: z.number().min(0).max(1).optional(),
  continuation_id: continuationIdArg,
};

async function fileChat(
  name: string,
  args: z.infer<z.ZodObject<typeof inputSchema>>,
  ctx: ToolContext,
): Promise<ToolResult> {
  const paths = [...(args.files ?? []), ...(args.file_path ? [args.file_path] : [])];
  if (paths.length === 0)
    throw new ToolError(
      'INVALID_ARGUMENTS',
      `${name} needs files (or file_path): absolute paths of the files to ask about`,
    );
  const question = args.prompt ?? args.question;
  if (!question) throw new ToolError('INVALID_ARGUMENTS', `${name} needs prompt (or question)`);
  const { services } = ctx;
  const config = services.config();
  const earlier = existingThread(services.conversations, args.continuation_id, ctx.scope);
  const requested = args.model ?? config.kimi.defaultModel ?? FALLBACK_KIMI_MODEL;
  // Plan before uploading: a bad model name should not cost an upload.
  const choice = await services.router.plan({
    model: requested,
    category: 'deep',
    prompt: question,
  });
  const extracted = await uploadAndExtract(ctx, paths);
  const fileMessages: ChatMessage[] = extracted.map((f) => ({
    role: 'system',
    content: `File ${f.file}:\n${f.text}${f.note ? `\n[${f.note}]` : ''}`,
  }));
  const answer = await services.router.complete(
    {
      choice,
      messagesFor: (model) => {
        // The files' texts are not trimmed to fit: an answer from half a document would mislead.
        const fileTokens = fileMessages.reduce((n, m) => n + estimateTokens(String(m.content)), 0);
        const room =
          model.contextWindow - Math.min(model.maxOutput, Math.floor(model.contextWindow / 4));
        if (fileTokens > room) {
          throw new ToolError(
            'INVALID_ARGUMENTS',
            `the files' text is about ${fileTokens} tokens, more than ${model.name} can take (${room}); ask about fewer files or choose a model with a larger context window`,
          );
        }
        const [system, ...rest] = buildPrompt(
          {
            tool: name,
            system: withAnswerLanguage(SYSTEM, config),
            prompt: question,
            files: [],
            images: [],
            thread: earlier,
          },
          model,
        ).messages;
        return [system!, ...fileMessages, ...rest];
      },
      temperature: args.temperature,
    },
    ctx,
  );
  const thread = earlier ?? services.conversations.create(ctx.scope);
  services.conversations.append(
    thread,
    { role: 'user', content: question, tool: name, files: extracted.map((f) => f.file) },
    {
      role: 'assistant',
      content: answer.text,
      tool: name,
      provider: answer.provider,
      model: answer.model,
    },
  );
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
      files: extracted.map(({ text: _text, ...f }) => f),
    },
    meta: {
      provider: answer.provider,
      model: answer.model,
      usage: usageMeta(answer),
      continuation_id: thread.id,
    },
  };
}

function fileChatTool(name: string, description: string): ToolSpec {
  return defineTool({
    name,
    title: name === 'smart_file_query' ? 'Ask about files' : 'Kimi: chat about files',
    description,
    category: 'provider',
    timeoutS: 300,
    inputSchema,
    handler: (args, ctx) => fileChat(name, args, ctx),
  }) as ToolSpec;
}

export const kimiMultiFileChatTool = fileChatTool(
  'kimi_multi_file_chat',
  'Upload files to Kimi, extract their text, and ask a question about them in one call. Answers like chat (streamed progress, continuation_id). Same as smart_file_query.',
);
export const smartFileQueryTool = fileChatTool(
  'smart_file_query',
  'Ask a question about files (PDF, Office, text…): they are uploaded to Kimi, their text extracted, and the model answers from it. Takes files or file_path, prompt or question; continuation_id continues a conversation.',
);
