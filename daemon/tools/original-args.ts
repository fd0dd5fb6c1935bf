import { z } from 'zod';

// Arguments the original daemon's tools took that mean little or nothing here. They are
// accepted so its callers keep working; each is honoured where it means something, otherwise
// ignored with a note in `_meta.ignored_args`. Unknown arguments stay an error.

const STREAM_NOTE =
  'the daemon always streams from the provider and reports progress; the answer arrives whole';

export const originalChatArgs = {
  stream: z
    .boolean()
    .optional()
    .describe('Accepted for the original daemon; answers always stream as progress'),
  kimi_thinking: z
    .union([z.boolean(), z.enum(['enabled', 'disabled', 'auto'])])
    .optional()
    .describe(
      'The original\'s switch for Kimi thinking: with model auto, "enabled"/true uses kimi-thinking-preview',
    ),
};

/** The model a chat call asks for, and notes on the original's arguments that were not honoured. */
export function resolveOriginalChatArgs(
  args: {
    stream?: boolean | undefined;
    kimi_thinking?: boolean | 'enabled' | 'disabled' | 'auto' | undefined;
  },
  requestedModel: string,
): { model: string; notes: Record<string, string> } {
  const notes: Record<string, string> = {};
  if (args.stream !== undefined) notes.stream = STREAM_NOTE;
  let model = requestedModel;
  const thinking = args.kimi_thinking === true || args.kimi_thinking === 'enabled';
  if (thinking) {
    if (requestedModel.trim().toLowerCase() === 'auto') model = 'kimi-thinking-preview';
    else notes.kimi_thinking = `a model was named (${requestedModel}); it is used as asked`;
  } else if (
    args.kimi_thinking !== undefined &&
    args.kimi_thinking !== 'auto' &&
    args.kimi_thinking !== false &&
    args.kimi_thinking !== 'disabled'
  ) {
    notes.kimi_thinking = 'not understood';
  }
  return { model, notes };
}

/** `version` and `listmodels` took a `model` argument in the original; it changes nothing here. */
export const originalModelArg = {
  model: z
    .string()
    .optional()
    .describe('Accepted for the original daemon; ignored (noted in _meta)'),
};

export function modelArgNote(model: string | undefined): Record<string, string> | undefined {
  return model === undefined ? undefined : { model: 'this tool does not call a model; ignored' };
}

/** `status` arguments of the original. */
export const originalStatusArgs = {
  tail_lines: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .optional()
    .describe("Accepted for the original daemon; logs are in the app's Logs page and the log file"),
  include_tools: z
    .boolean()
    .optional()
    .describe('List the tools this daemon serves (after TOOL_PROFILE)'),
  doctor: z.boolean().optional().describe('Accepted for the original daemon; ignored'),
  probe: z
    .boolean()
    .optional()
    .describe("Accepted for the original daemon; ignored (use the dashboard's Test connection)"),
};
