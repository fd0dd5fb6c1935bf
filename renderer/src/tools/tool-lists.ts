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

export interface ToolsSummary {
  /** Tools clients see now; null while the daemon has not listed its tools. */
  shown: number | null;
  total: number | null;
  /** Shown although the profile alone would hide them. */
  turnedOn: string[];
  /** Hidden although the profile alone would show them. */
  turnedOff: string[];
}

// What the Settings page says about the tools beyond the profile. The daemon's list is the truth
// (it knows which tools each profile holds); without it (daemon stopped) the saved lists are all
// there is, so they are shown as the user wrote them.
export function toolsSummary(
  tools: readonly { name: string; enabled: boolean; inProfile: boolean }[] | null,
  lists: Pick<ToolLists, 'enabledTools' | 'disabledTools'>,
): ToolsSummary {
  const byName = (a: string, b: string) => a.localeCompare(b);
  if (!tools)
    return {
      shown: null,
      total: null,
      turnedOn: lists.enabledTools.filter((n) => !lists.disabledTools.includes(n)).sort(byName),
      turnedOff: [...lists.disabledTools].sort(byName),
    };
  return {
    shown: tools.filter((x) => x.enabled).length,
    total: tools.length,
    turnedOn: tools
      .filter((x) => x.enabled && !x.inProfile)
      .map((x) => x.name)
      .sort(byName),
    turnedOff: tools
      .filter((x) => !x.enabled && x.inProfile)
      .map((x) => x.name)
      .sort(byName),
  };
}
