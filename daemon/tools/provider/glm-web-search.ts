import { z } from 'zod';
import { defineTool, type ToolResult } from '../tool.ts';
import { providerClient, upstream } from './provider-client.ts';

interface SearchItem {
  title?: string;
  link?: string;
  content?: string;
  media?: string;
  publish_date?: string;
}

export const glmWebSearchTool = defineTool({
  name: 'glm_web_search',
  title: 'GLM: web search',
  description:
    "Search the web with Z.ai's own search API (POST /web_search) and return the results: title, link, source, date and a summary of each.",
  category: 'provider',
  inputSchema: {
    search_query: z.string().min(1).max(4000),
    count: z
      .number()
      .int()
      .min(1)
      .max(50)
      .optional()
      .describe('Results to return, 1–50 (default 10)'),
    search_engine: z
      .string()
      .min(1)
      .optional()
      .describe('Default search_std; also search_pro and others Z.ai offers'),
    search_domain_filter: z.string().optional().describe('Only results from this domain'),
    search_recency_filter: z
      .enum(['oneDay', 'oneWeek', 'oneMonth', 'oneYear', 'noLimit'])
      .optional(),
  },
  async handler(args, ctx): Promise<ToolResult> {
    const handle = await providerClient(ctx, 'glm');
    const body = {
      search_query: args.search_query,
      search_engine: args.search_engine ?? 'search_std',
      count: args.count ?? 10,
      ...(args.search_domain_filter && { search_domain_filter: args.search_domain_filter }),
      ...(args.search_recency_filter && { search_recency_filter: args.search_recency_filter }),
    };
    // The openai client has no method for it, but its generic post keeps auth, signal and timeout.
    const answer = await upstream(ctx, handle, 'GLM web search', () =>
      handle.client.post<{ search_result?: SearchItem[] }>('/web_search', {
        body,
        ...handle.options(),
      }),
    );
    const results = (answer.search_result ?? []).map((r) => ({
      title: r.title ?? '',
      link: r.link ?? '',
      content: r.content ?? '',
      media: r.media ?? '',
      publish_date: r.publish_date ?? '',
    }));
    const text = results.length
      ? results
          .map(
            (r, i) =>
              `${i + 1}. ${r.title}\n   ${r.link}${r.media || r.publish_date ? `\n   ${[r.media, r.publish_date].filter(Boolean).join(', ')}` : ''}\n   ${r.content}`,
          )
          .join('\n\n')
      : `no results for "${args.search_query}"`;
    return {
      content: [{ type: 'text', text }],
      structuredContent: { search_query: args.search_query, results },
      meta: { provider: 'glm', results: results.length },
    };
  },
});
