import { z } from 'zod';
import { defineTool, textResult } from './tool.ts';
import { PROVIDER_IDS } from '../core/provider-id.ts';
import { isModelAllowed } from '../routing/allowed-models.ts';
import { modelArgNote, originalModelArg } from './original-args.ts';

export const listmodelsTool = defineTool({
  name: 'listmodels',
  title: 'List models',
  description:
    'Models per provider with context window, aliases and capabilities, and whether each provider is configured.',
  category: 'utility',
  inputSchema: { ...originalModelArg },
  outputSchema: {
    providers: z.array(
      z.object({
        id: z.string(),
        configured: z.boolean(),
        breaker: z.string(),
        models: z.array(
          z.object({
            name: z.string(),
            aliases: z.array(z.string()),
            context_window: z.number(),
            max_output: z.number(),
            capabilities: z.array(z.string()),
            source: z.string(),
          }),
        ),
      }),
    ),
  },
  async handler(args, ctx) {
    const { catalog, providers, liveModels } = ctx.services;
    // Cached for an hour; a provider whose /models fails just shows the catalog.
    await liveModels.refresh();
    const config = ctx.services.config();
    const status = new Map(providers.status().map((p) => [p.id, p]));
    const groups = PROVIDER_IDS.map((id) => ({
      id,
      configured: providers.isConfigured(id),
      breaker: status.get(id)?.breaker ?? 'closed',
      // KIMI_ALLOWED_MODELS / GLM_ALLOWED_MODELS: only what may be routed to is listed.
      models: catalog
        .list(id)
        .filter((m) => isModelAllowed(config, m))
        .map((m) => ({
          name: m.name,
          aliases: m.aliases,
          context_window: m.contextWindow,
          max_output: m.maxOutput,
          capabilities: m.capabilities,
          source: m.source,
        })),
    }));
    const text = groups
      .map((g) => {
        const head = `${g.id.toUpperCase()} — ${g.configured ? 'configured' : `not configured (set ${g.id === 'kimi' ? 'KIMI_API_KEY' : 'GLM_API_KEY'})`}${g.breaker !== 'closed' ? `, circuit ${g.breaker}` : ''}`;
        const rows = g.models.map(
          (m) =>
            `  ${m.name}${m.aliases.length ? ` (${m.aliases.join(', ')})` : ''}${m.source === 'live' ? ' [listed by the provider]' : ''} — ${Math.round(m.context_window / 1024)}k context, ${m.max_output} max output${m.capabilities.length ? `; ${m.capabilities.join(', ')}` : ''}`,
        );
        return [head, ...rows].join('\n');
      })
      .join('\n\n');
    const note = modelArgNote(args.model);
    return textResult(text, {
      structuredContent: { providers: groups },
      ...(note && { meta: { ignored_args: note } }),
    });
  },
});
