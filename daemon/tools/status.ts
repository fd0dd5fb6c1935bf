import { z } from 'zod';
import { defineTool, textResult } from './tool.ts';

export const statusTool = defineTool({
  name: 'status',
  title: 'EXAI status',
  description: 'Providers (configured, circuit state, last error), sessions, in-flight calls and limits.',
  category: 'utility',
  inputSchema: {},
  outputSchema: {
    providers: z.array(z.record(z.string(), z.unknown())),
    sessions: z.number(),
    inflight: z.number(),
    limits: z.record(z.string(), z.number()),
  },
  async handler(_args, ctx) {
    const snap = ctx.services.snapshot();
    const lines = [
      `sessions: ${snap.sessions.length}, in-flight calls: ${snap.inflight}`,
      `limits: global ${snap.limits.global}, kimi ${snap.limits.kimi}, glm ${snap.limits.glm}, per session ${snap.limits.session}`,
      ...snap.providers.map(
        (p) =>
          `${p.id}: ${p.configured ? 'configured' : 'not configured'}, circuit ${p.breaker}${p.lastError ? `, last error: ${p.lastError}` : ''}`,
      ),
    ];
    return textResult(lines.join('\n'), {
      structuredContent: {
        providers: snap.providers.map((p) => ({ ...p })),
        sessions: snap.sessions.length,
        inflight: snap.inflight,
        limits: snap.limits,
      },
    });
  },
});
