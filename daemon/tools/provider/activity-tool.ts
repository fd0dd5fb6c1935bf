import { createHash } from 'node:crypto';
import { z } from 'zod';
import { defineTool, textResult } from '../tool.ts';

/**
 * Session ids are shown hashed: a legacy session id lets a client resume that session and
 * replay its answers, so one client must not learn another's from here. `mine` marks the caller's.
 */
function sessionTag(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 12);
}

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
    const calls = ctx.services.activity(args.limit ?? 20).map((e) => ({
      ...e,
      session: sessionTag(e.session),
      mine: e.session === ctx.session.id,
    }));
    const text = calls.length
      ? calls
          .map(
            (e) =>
              `${e.time}  ${e.tool}  ${e.outcome}  ${e.duration_ms} ms  session ${e.session}${e.mine ? ' (this one)' : ''}${e.model ? `  ${e.model}` : ''}${e.tokens ? `  ${e.tokens.total} tokens` : ''}`,
          )
          .join('\n')
      : 'no calls yet';
    return textResult(text, { structuredContent: { calls } });
  },
});
