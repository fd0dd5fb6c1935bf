import { z } from 'zod';
import { defineTool, textResult } from './tool.ts';
import { PROVIDER_IDS } from '../core/provider-id.ts';
import { modelArgNote, originalModelArg } from './original-args.ts';

export const versionTool = defineTool({
  name: 'version',
  title: 'EXAI version',
  description: 'Server version, uptime, endpoint and which providers are configured.',
  category: 'utility',
  inputSchema: { ...originalModelArg },
  outputSchema: {
    version: z.string(),
    uptime_s: z.number(),
    endpoint: z.string(),
    http_endpoint: z.string(),
    providers: z.record(z.string(), z.object({ configured: z.boolean() })),
  },
  async handler(args, ctx) {
    const { services } = ctx;
    const endpoint = services.endpoint();
    const providers = Object.fromEntries(
      PROVIDER_IDS.map((id) => [id, { configured: services.providers.isConfigured(id) }]),
    );
    const uptime = Math.round((Date.now() - services.startedAt) / 1000);
    const configured = PROVIDER_IDS.filter((id) => services.providers.isConfigured(id));
    const text = [
      `EXAI daemon ${services.version}`,
      `uptime ${uptime}s`,
      `endpoint ${endpoint.ws} (MCP over WebSocket), ${endpoint.http} (MCP over HTTP)`,
      `providers configured: ${configured.length ? configured.join(', ') : 'none'}`,
    ].join('\n');
    return textResult(text, {
      structuredContent: {
        version: services.version,
        uptime_s: uptime,
        endpoint: endpoint.ws,
        http_endpoint: endpoint.http,
        providers,
      },
      ...(modelArgNote(args.model) && { meta: { ignored_args: modelArgNote(args.model) } }),
    });
  },
});
