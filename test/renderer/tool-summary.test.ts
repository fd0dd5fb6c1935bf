import { describe, expect, it } from 'vitest';
import { toolsSummary } from '../../renderer/src/tools/tool-lists.ts';

// Settings › Tools: how many tools clients see and which differ from the profile.

const tool = (name: string, enabled: boolean, inProfile: boolean) => ({ name, enabled, inProfile });

describe('tools summary', () => {
  it("counts the daemon's shown tools and names those the switches moved across the profile", () => {
    const tools = [
      tool('chat', false, true), // profile tool switched off
      tool('version', true, true),
      tool('status', true, false), // outside the profile, switched on
      tool('activity', true, false),
      tool('kimi_chat_with_tools', false, false), // outside and off: nothing to say
    ];
    expect(toolsSummary(tools, { enabledTools: ['version'], disabledTools: [] })).toEqual({
      shown: 3,
      total: 5,
      turnedOn: ['activity', 'status'],
      turnedOff: ['chat'],
    });
  });

  it("goes by the daemon's list, not the saved lists, when it has one", () => {
    // version is listed as enabled but is in the profile anyway: not an exception.
    expect(
      toolsSummary([tool('version', true, true)], {
        enabledTools: ['version'],
        disabledTools: ['gone'],
      }),
    ).toEqual({ shown: 1, total: 1, turnedOn: [], turnedOff: [] });
  });

  it('without a list (daemon stopped) shows the saved lists, disabled winning over enabled', () => {
    expect(
      toolsSummary(null, { enabledTools: ['status', 'chat', 'activity'], disabledTools: ['chat'] }),
    ).toEqual({ shown: null, total: null, turnedOn: ['activity', 'status'], turnedOff: ['chat'] });
  });
});
