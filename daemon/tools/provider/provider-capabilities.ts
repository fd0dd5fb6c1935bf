import { PROVIDER_IDS } from '../../config/schema.ts';
import { maxOutputTokens } from '../../providers/provider-limits.ts';
import { isModelAllowed } from '../../routing/allowed-models.ts';
import { defineTool, textResult } from '../tool.ts';
import { KIMI_UPLOAD_LIMIT_BYTES } from './kimi-files.ts';
import { GLM_UPLOAD_LIMIT_BYTES } from './glm-upload-tool.ts';

/** What the daemon does with each provider feature, for the `uses` column. */
const USES = {
  kimi: {
    files: `kimi_upload_and_extract, kimi_multi_file_chat / smart_file_query, kimi_manage_files (${KIMI_UPLOAD_LIMIT_BYTES / 1048576} MB per file)`,
    web_search: 'chat use_websearch and kimi_chat_with_tools use_websearch (built-in $web_search)',
    thinking:
      'kimi-thinking-preview: reasoning_content kept apart, returned with include_reasoning',
    context_cache: 'Idempotency-Key per request; Msh-Context-Cache-Token on continued threads',
  },
  glm: {
    files: `glm_upload_file (${GLM_UPLOAD_LIMIT_BYTES / 1048576} MB per file)`,
    web_search: 'chat use_websearch (web_search tool) and glm_web_search (POST /web_search)',
    thinking:
      'thinking parameter from thinking_mode; reasoning kept apart, returned with include_reasoning',
    context_cache: 'not used',
  },
} as const;

export const providerCapabilitiesTool = defineTool({
  name: 'provider_capabilities',
  title: 'Provider capabilities',
  description:
    'Per provider and model: context window, max output, vision, tools, web search, thinking, files; and what this daemon uses of each.',
  category: 'diagnostic',
  inputSchema: {},
  async handler(_args, ctx) {
    const { catalog, providers } = ctx.services;
    const config = ctx.services.config();
    const groups = PROVIDER_IDS.map((id) => ({
      id,
      configured: providers.isConfigured(id),
      uses: USES[id],
      models: catalog
        .list(id)
        .filter((m) => isModelAllowed(config, m))
        .map((m) => ({
          name: m.name,
          context_window: m.contextWindow,
          max_output: m.maxOutput,
          max_tokens_sent: maxOutputTokens(config, m),
          vision: m.capabilities.includes('images'),
          tools: m.capabilities.includes('function_calling'),
          web_search: m.capabilities.includes('websearch'),
          thinking: m.capabilities.includes('thinking'),
          files: id === 'kimi',
        })),
    }));
    const text = groups
      .map((g) =>
        [
          `${g.id.toUpperCase()} (${g.configured ? 'configured' : 'not configured'})`,
          ...Object.entries(g.uses).map(([k, v]) => `  ${k}: ${v}`),
          ...g.models.map(
            (m) =>
              `  ${m.name}: ${m.context_window} context, ${m.max_output} max output (sends ${m.max_tokens_sent})${(
                ['vision', 'tools', 'web_search', 'thinking'] as const
              )
                .filter((k) => m[k])
                .map((k) => `, ${k}`)
                .join('')}`,
          ),
        ].join('\n'),
      )
      .join('\n\n');
    return textResult(text, { structuredContent: { providers: groups } });
  },
});
