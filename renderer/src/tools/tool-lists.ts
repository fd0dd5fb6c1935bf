import type { ToolProfile } from '../../../preload/api.ts';

// What a tool's switch on the Tools page writes to settings. The daemon's rule (TOOLS.md):
// disabledTools wins over enabledTools, which wins over the profile. So a switch turned off puts
// the tool in disabledTools; turned on, it leaves disabledTools and joins enabledTools only when
// the profile alone would not show it, so the lists stay as short as the user's intent.

export interface ToolLists {
  toolProfile: ToolProfile;
  enabledTools: string[];
  disabledTools: string[];
}

export function toggleTool(
  lists: Pick<ToolLists, 'enabledTools' | 'disabledTools'>,
  tool: string,
  on: boolean,
  inProfile: boolean,
): Pick<ToolLists, 'enabledTools' | 'disabledTools'> {
  const without = (list: string[]) => list.filter((name) => name !== tool);
  if (!on)
    return {
      enabledTools: without(lists.enabledTools),
      disabledTools: [...without(lists.disabledTools), tool],
    };
  return {
    enabledTools: inProfile ? without(lists.enabledTools) : [...without(lists.enabledTools), tool],
    disabledTools: without(lists.disabledTools),
  };
}
