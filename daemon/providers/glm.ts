import type { ProviderDialect } from './provider-dialect.ts';

export const glmDialect: ProviderDialect = {
  id: 'glm',
  label: 'GLM',
  keyEnv: 'GLM_API_KEY',
  // Z.ai runs the search server-side; the answer comes back with no tool round trip.
  webSearchTools: () => [{ type: 'web_search', web_search: { enable: true, search_result: true } }],
  answerBuiltinToolCall: () => undefined,
  thinkingParams: (mode, modelThinks) =>
    modelThinks && mode !== undefined
      ? { thinking: { type: mode === 'minimal' ? 'disabled' : 'enabled' } }
      : {},
};
