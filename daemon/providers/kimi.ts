import type { ProviderDialect } from './provider-dialect.ts';

// Moonshot's built-in web search: the model calls `$web_search`, the client answers the call by
// sending its arguments back unchanged as the tool result, and Moonshot runs the search itself.
const WEB_SEARCH = '$web_search';

export const kimiDialect: ProviderDialect = {
  id: 'kimi',
  label: 'Kimi',
  keyEnv: 'KIMI_API_KEY',
  webSearchTools: () => [{ type: 'builtin_function', function: { name: WEB_SEARCH } }],
  answerBuiltinToolCall: (name, argumentsJson) => (name === WEB_SEARCH ? argumentsJson : undefined),
  // Kimi thinks through a dedicated model (kimi-thinking-preview), not a request parameter.
  thinkingParams: () => ({}),
};
