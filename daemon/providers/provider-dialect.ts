import type { ProviderId } from '../core/provider-id.ts';

export type ThinkingMode = 'minimal' | 'low' | 'medium' | 'high' | 'max';

/** What differs between the OpenAI-compatible providers: names, settings and extra parameters. */
export interface ProviderDialect {
  readonly id: ProviderId;
  /** How users know it: "Kimi", "GLM". */
  readonly label: string;
  /** Environment variable that holds the key, for "not configured" messages. */
  readonly keyEnv: string;
  /** Tools to send so the provider searches the web. */
  webSearchTools(): Array<Record<string, unknown>>;
  /**
   * The result to send back for a built-in tool call the provider expects the client to close
   * (Kimi's `$web_search`), or undefined when the call is not a built-in one.
   */
  answerBuiltinToolCall(name: string, argumentsJson: string): string | undefined;
  /** Body fields for thinking_mode on a model that supports thinking; {} where the API has none. */
  thinkingParams(mode: ThinkingMode | undefined, modelThinks: boolean): Record<string, unknown>;
}
