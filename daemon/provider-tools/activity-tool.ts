import { z } from 'zod';
import { defineTool, textResult } from '../tools/tool.ts';

export const activityTool = defineTool({
  name: 'activity',
  title: 'Recent activity',
  description:
    "This daemon's last tool calls, newest first: time, session, tool, model, duration, outcome and tokens. Never arguments or prompts.",
  category: 'diagnostic',
  inputSchema: {
    limit: z.number().int().min(1).max(200).optional().describe('How many calls (default 20)'),
  },
  async handler(args, ctx) {
    const entries = ctx.services.activity(args.limit ?? 20);
    const text = entries.length
      ? entries
          .map(
            (e) =>
              `${e.time}  ${e.tool}  ${e.outcome}  ${e.duration_ms} ms  session ${e.session.slice(0, 8)}${e.model ? `  ${e.model}` : ''}${e.tokens ? `  ${e.tokens.total} tokens` : ''}`,
          )
          .join('\n')
      : 'no calls yet';
    return textResult(text, { structuredContent: { calls: entries } });
  },
});
