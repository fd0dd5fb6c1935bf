import type { Config } from '../config/schema.ts';
import type { ToolSpec } from './tool.ts';

/** TOOLS.md: the `core` profile. */
export const CORE_TOOLS: ReadonlySet<string> = new Set([
  'chat',
  'challenge',
  'thinkdeep',
  'codereview',
  'debug',
  'analyze',
  'planner',
  'consensus',
  'listmodels',
  'version',
]);

/** Provider tools that hand the caller the raw API; `full` only, like diagnostics. */
export const RAW_PROVIDER_TOOLS: ReadonlySet<string> = new Set(['kimi_chat_with_tools']);

export type ToolVisibility = Pick<Config, 'toolProfile' | 'enabledTools' | 'disabledTools'>;

/** Whether the profile alone shows the tool (before ENABLED_TOOLS / DISABLED_TOOLS). */
export function inProfile(
  spec: Pick<ToolSpec, 'name' | 'category'>,
  profile: ToolVisibility['toolProfile'],
): boolean {
  switch (profile) {
    case 'full':
      return true;
    case 'core':
      return CORE_TOOLS.has(spec.name);
    case 'standard':
      return spec.category !== 'diagnostic' && !RAW_PROVIDER_TOOLS.has(spec.name);
  }
}

/**
 * Why a tool is hidden, or undefined when it is shown. DISABLED_TOOLS wins over ENABLED_TOOLS,
 * which wins over the profile. A missing profile (a partial config in tests) counts as standard.
 */
export function hiddenReason(
  spec: Pick<ToolSpec, 'name' | 'category'>,
  config: Partial<ToolVisibility>,
): string | undefined {
  const profile = config.toolProfile ?? 'standard';
  if (config.disabledTools?.includes(spec.name))
    return `${spec.name} is turned off by DISABLED_TOOLS (setting disabledTools)`;
  if (config.enabledTools?.includes(spec.name)) return undefined;
  if (inProfile(spec, profile)) return undefined;
  return `${spec.name} is not part of the "${profile}" tool profile; set TOOL_PROFILE=full or add it to ENABLED_TOOLS`;
}

/** The tools a session sees and may call: one pure function, shared by tools/list, calls, the legacy list and prompts. */
export function visibleTools(
  registry: { list(): ToolSpec[] },
  config: Partial<ToolVisibility>,
): ToolSpec[] {
  return registry.list().filter((spec) => hiddenReason(spec, config) === undefined);
}
