import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../preload/api.ts';
import { needsFirstRun } from '../../renderer/src/hooks/useFirstRunRedirect.ts';

// Who lands on the first-run setup: a user with no key who has neither finished nor skipped it.

const view = (over: { kimi?: boolean; glm?: boolean; firstRunDone?: boolean }) =>
  ({
    keys: { kimi: { configured: over.kimi ?? false }, glm: { configured: over.glm ?? false } },
    firstRunDone: over.firstRunDone ?? false,
  }) as SettingsView;

describe('first run', () => {
  it('opens for a new user with no key', () => {
    expect(needsFirstRun(view({}))).toBe(true);
  });
  it('not once it was finished or skipped, even with no key', () => {
    expect(needsFirstRun(view({ firstRunDone: true }))).toBe(false);
  });
  it('not for a user who already has either key', () => {
    expect(needsFirstRun(view({ kimi: true }))).toBe(false);
    expect(needsFirstRun(view({ glm: true }))).toBe(false);
  });
});
