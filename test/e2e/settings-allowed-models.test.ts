import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { button, goTo, waitForBadge } from './ui.ts';

// Settings: the default-model select follows the allowed-models lists of the Files and models
// card, and that card's unsaved edits are guarded like the rest of the page.

describe('Settings › default model and allowed models', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('offers only allowed models; a saved default no longer allowed shows an amber warning', async () => {
    const { page } = h;
    await h.open('settings');
    await waitForBadge(page, 'running');
    const select = page.getByTestId('default-model');
    await expect
      .poll(() => select.locator('option').count(), { timeout: 10_000 })
      .toBeGreaterThan(10);
    await select.selectOption('glm-4.5-air');
    await button(page, 'Save changes').click();
    await expect.poll(() => h.core.settings.values.defaultModel).toBe('glm-4.5-air');
    expect(await page.getByTestId('default-model-not-allowed').count()).toBe(0);

    // Allow a single GLM model (by ticking it in Files and models and saving the card).
    await page
      .getByTestId('allowed-models-glm')
      .getByLabel('glm-4.5-flash', { exact: true })
      .check();
    await button(page, 'Save files and models').click();
    await expect
      .poll(() => h.core.settings.values.allowedModels)
      .toEqual({ kimi: [], glm: ['glm-4.5-flash'] });

    // The saved default stays saved and selected, flagged in amber rather than silently kept.
    const warning = page.getByTestId('default-model-not-allowed');
    await warning.waitFor();
    expect(await warning.textContent()).toBe(
      'glm-4.5-air is not among the allowed GLM models (Files and models), so calls that use the default model are refused. Pick another default model, or allow glm-4.5-air again.',
    );
    const color = await warning.evaluate((el) => getComputedStyle(el).color);
    expect(['rgb(161, 92, 0)', 'rgb(245, 176, 65)']).toContain(color); // --warn, light or dark
    expect(await select.inputValue()).toBe('glm-4.5-air');
    expect(h.core.settings.values.defaultModel).toBe('glm-4.5-air');
    expect((await select.getAttribute('aria-describedby')) ?? '').toContain(
      (await warning.getAttribute('id')) ?? 'no id',
    );

    // GLM offers only the allowed model (with its alias); auto and Kimi's models stay.
    const glm = await select.locator('optgroup[label="GLM"] option').allTextContents();
    expect(glm).toEqual(['glm-4.5-flash (also: glm-flash)']);
    const options = await select.locator('option').allTextContents();
    expect(options[0]).toBe('auto — choose per tool');
    expect(options).toContain('glm-4.5-air (not allowed)');
    expect(options).toContain('moonshot-v1-8k');
    expect(options).not.toContain('glm-4.6 (also: glm-4-6)');

    // Picking an allowed model clears the warning; saving stores it.
    await select.selectOption('glm-4.5-flash');
    await warning.waitFor({ state: 'detached' });
    await button(page, 'Save changes').click();
    await expect.poll(() => h.core.settings.values.defaultModel).toBe('glm-4.5-flash');
    // The flagged entry is gone once nothing saved needs it.
    expect(await select.locator('option').allTextContents()).not.toContain(
      'glm-4.5-air (not allowed)',
    );

    // Every model allowed again: the whole list is back.
    await page
      .getByTestId('allowed-models-glm')
      .getByLabel('glm-4.5-flash', { exact: true })
      .uncheck();
    await button(page, 'Save files and models').click();
    await expect.poll(() => h.core.settings.values.allowedModels).toEqual({ kimi: [], glm: [] });
    await expect
      .poll(() => select.locator('optgroup[label="GLM"] option').allTextContents())
      .toContain('glm-4.6 (also: glm-4-6)');
    expect(h.pageErrors).toEqual([]);
  });

  it('leaving Settings with unsaved Files and models edits asks first; Cancel keeps them, Discard leaves', async () => {
    const { page } = h;
    await h.open('settings');
    await waitForBadge(page, 'running');
    const flash = page
      .getByTestId('allowed-models-glm')
      .getByLabel('glm-4.5-flash', { exact: true });
    const saves = () =>
      h.ipcCalls.filter(
        (c) => c.channel === 'settings:update' && JSON.stringify(c.args).includes('allowedModels'),
      ).length;
    const before = saves();
    await flash.check();
    const logs = page
      .getByRole('navigation', { name: 'Dashboard' })
      .getByRole('link', { name: 'Logs', exact: true });
    await logs.click();
    const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
    await dialog
      .getByText('Your changes on the Settings page have not been saved and will be lost.')
      .waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('#page-title').textContent()).toBe('Settings');
    expect(await flash.isChecked()).toBe(true);

    await logs.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Discard changes' }).click();
    await page.locator('#page-title', { hasText: 'Logs' }).waitFor();
    expect(h.core.settings.values.allowedModels).toEqual({ kimi: [], glm: [] });
    expect(saves()).toBe(before);

    // Saved card edits, like untouched ones, leave without a question.
    await goTo(page, 'Settings');
    await page
      .getByTestId('allowed-models-glm')
      .getByLabel('glm-4.5-flash', { exact: true })
      .check();
    await button(page, 'Save files and models').click();
    await expect
      .poll(() => h.core.settings.values.allowedModels)
      .toEqual({ kimi: [], glm: ['glm-4.5-flash'] });
    await goTo(page, 'Overview');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(h.pageErrors).toEqual([]);
  });
});
