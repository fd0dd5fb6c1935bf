import { describe, expect, it } from 'vitest';
import type { SettingsView, StatusSnapshot } from '../../preload/api.ts';
import { settingsPatchSchema } from '../../preload/api.ts';
import { translator } from '../../main/i18n.ts';
import { settingsDefaults } from '../../main/settings/settings-schema.ts';
import {
  filesDraftFrom,
  filesPatch,
  hasErrors,
  modelChoices,
  toggleModel,
  validateFiles,
} from '../../renderer/src/settings/files-and-models.ts';

// Settings › Files and models: what the card sends for what the user did, and what it refuses.
const { secrets: _secrets, ...defaults } = settingsDefaults;
const view: SettingsView = {
  ...structuredClone(defaults),
  keys: { kimi: { configured: false }, glm: { configured: false } },
  encryption: 'os',
};
const en = translator('en');
const zh = translator('zh-CN');

describe('files and models card', () => {
  it('an untouched card is valid and saves nothing', () => {
    const draft = filesDraftFrom(view);
    expect(hasErrors(validateFiles(draft, en))).toBe(false);
    expect(filesPatch(draft, view)).toEqual({});
    expect(draft.localeChoice).toBe('question');
  });

  it('sends the folders (blank rows and repeats dropped), the ticked models and the language', () => {
    let draft = filesDraftFrom(view);
    draft = { ...draft, roots: [' /srv/code ', '', '/srv/code', 'C:\\Users\\me'] };
    draft = toggleModel(draft, 'glm', 'glm-4.5-flash', true);
    draft = { ...draft, localeChoice: 'other', otherLocale: 'fr' };
    const patch = filesPatch(draft, view);
    expect(patch).toEqual({
      allowedRoots: ['/srv/code', 'C:\\Users\\me'],
      allowedModels: { kimi: [], glm: ['glm-4.5-flash'] },
      locale: 'fr',
    });
    // main accepts exactly what the card sends.
    expect(settingsPatchSchema.safeParse(patch).success).toBe(true);
  });

  it('"same as the app" is stored as no language of its own; unticking the last model allows all', () => {
    const saved: SettingsView = {
      ...view,
      locale: 'zh-CN',
      allowedModels: { kimi: ['kimi-k2-0905-preview'], glm: [] },
    };
    let draft = filesDraftFrom(saved);
    expect(draft.localeChoice).toBe('zh-CN');
    draft = toggleModel(
      { ...draft, localeChoice: 'question' },
      'kimi',
      'kimi-k2-0905-preview',
      false,
    );
    expect(filesPatch(draft, saved)).toEqual({ locale: '', allowedModels: { kimi: [], glm: [] } });
  });

  it('refuses relative folders, commas and bad language tags, in the window language', () => {
    const draft = {
      ...filesDraftFrom(view),
      roots: ['projects/app', '/a,b', '/ok'],
      localeChoice: 'other' as const,
      otherLocale: 'french please',
    };
    const errors = validateFiles(draft, en);
    expect(errors.roots[0]).toMatch(/full path/);
    expect(errors.roots[1]).toMatch(/comma/);
    expect(errors.roots[2]).toBe('');
    expect(errors.locale).toMatch(/language tag/);
    expect(validateFiles(draft, zh).roots[0]).toMatch(/完整路径/);
    // main refuses them too, with the same catalog keys.
    const refused = settingsPatchSchema.safeParse({
      allowedRoots: ['projects/app'],
      locale: 'x y',
    });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.message).sort()).toEqual([
      'validation.folderAbsolute',
      'validation.localeTag',
    ]);
  });

  it("offers the daemon's listed models, plus any allowed name it does not list", () => {
    const status = {
      providers: [
        { id: 'kimi', models: ['kimi-latest', 'kimi-k2-0905-preview'] },
        { id: 'glm', models: ['glm-4.6'] },
      ],
    } as unknown as StatusSnapshot;
    expect(modelChoices(status, 'kimi', ['my-alias'])).toEqual([
      'kimi-k2-0905-preview',
      'kimi-latest',
      'my-alias',
    ]);
    expect(modelChoices(null, 'glm', [])).toEqual([]);
  });
});
