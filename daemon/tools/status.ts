import { z } from 'zod';
import { defineTool, textResult } from './tool.ts';
import { originalStatusArgs } from './original-args.ts';

export const statusTool = defineTool({
  name: 'status',
  title: 'EXAI status',
  description:
    'Providers (configured, circuit state, last error), sessions, in-flight calls and limits.',
  category: 'utility',
  inputSchema: { ...originalStatusArgs },
  outputSchema: {
    providers: z.array(z.record(z.string(), z.unknown())),
    sessions: z.number(),
    inflight: z.number(),
    limits: z.record(z.string(), z.number()),
    tools: z.array(z.string()).optional(),
  },
  async handler(args, ctx) {
    const snap = ctx.services.snapshot();
    const tools = args.include_tools ? ctx.services.visibleToolNames() : undefined;
    const ignored: Record<string, string> = {};
    if (args.tail_lines !== undefined)
      ignored.tail_lines = "logs are in the app's Logs page and the daemon's log file";
    if (args.doctor !== undefined)
      ignored.doctor = 'no doctor here; status already reports providers, breakers and limits';
    if (args.probe !== undefined)
      ignored.probe = "use the dashboard's Test connection (POST /providers/<id>/test)";
    const lines = [
      `sessions: ${snap.sessions.length}, in-flight calls: ${snap.inflight}`,
      `limits: global ${snap.limits.global}, kimi ${snap.limits.kimi}, glm ${snap.limits.glm}, per session ${snap.limits.session}`,
      ...snap.providers.map(
        (p) =>
          `${p.id}: ${p.configured ? 'configured' : 'not configured'}, circuit ${p.breaker}${p.lastError ? `, last error: ${p.lastError}` : ''}`,
      ),
      ...(tools ? [`tools: ${tools.join(', ')}`] : []),
    ];
    return textResult(lines.join('\n'), {
      structuredContent: {
        providers: snap.providers.map((p) => ({ ...p })),
        sessions: snap.sessions.length,
        inflight: snap.inflight,
        limits: snap.limits,
        ...(tools && { tools }),
      },
      ...(Object.keys(ignored).length && { meta: { ignored_args: ignored } }),
    });
  },
});
