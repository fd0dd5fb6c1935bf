import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIMI_KEY, startHarness, type Harness } from './harness.ts';
import { goTo } from './ui.ts';

describe('Providers and API keys', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('saving a key in Settings turns its provider "configured"', async () => {
    const { page } = h;
    await h.open('providers');
    const kimiBadge = page.getByTestId('kimi-configured');
    expect(await kimiBadge.textContent()).toBe('Not configured');
    expect(
      await page
        .locator('[data-provider="kimi"]')
        .getByRole('button', { name: 'Test connection' })
        .isDisabled(),
    ).toBe(true);
    // Models show before any Test connection, even for a provider without a key.
    await page
      .locator('[data-provider="glm"]')
      .getByRole('list', { name: 'GLM models' })
      .getByText('glm-4.6', { exact: true })
      .waitFor();

    await goTo(page, 'Settings');
    const input = page.getByLabel('Kimi API key');
    expect(await input.getAttribute('type')).toBe('password');
    await input.fill('short');
    await input.blur();
    await page.getByText('API key looks too short').waitFor();
    await input.fill(KIMI_KEY);
    await page
      .locator('form.key-form', { has: input })
      .getByRole('button', { name: 'Save' })
      .click();
    await page.getByText(`A key ending in ${KIMI_KEY.slice(-4)} is saved.`).waitFor();

    await goTo(page, 'Providers');
    await kimiBadge.filter({ hasText: /^Configured$/ }).waitFor();
    expect(await page.getByTestId('glm-configured').textContent()).toBe('Not configured');
    // The key itself never comes back to the page.
    expect(await page.content()).not.toContain(KIMI_KEY);
  });

  it('Test connection succeeds against the fake provider and lists its models', async () => {
    const { page } = h;
    await h.core.settings.setKey('kimi', KIMI_KEY);
    await h.open('providers');
    const card = page.locator('[data-provider="kimi"]');
    await card.getByRole('button', { name: 'Test connection' }).click();
    const result = page.getByTestId('kimi-test-result');
    await result.getByText('Connected').waitFor({ timeout: 20_000 });
    expect(await result.textContent()).toMatch(/\d+ ms/);
    // When it was tested, in 24-hour local time, and how long ago (which ages as time passes).
    const when = page.getByTestId('kimi-test-time');
    expect(await when.textContent()).toMatch(
      /^tested at ([01]\d|2[0-3]):[0-5]\d:[0-5]\d \(just now\)$/,
    );
    expect(Date.now() - Date.parse((await when.getAttribute('datetime')) ?? '')).toBeLessThan(
      60_000,
    );
    await card
      .getByRole('list', { name: 'Kimi models' })
      .getByText('kimi-k2-turbo-preview')
      .waitFor();
    // The catalog list gives way to exactly what the provider listed for this key.
    await card.getByText('Listed by the provider for this key.').waitFor();
    expect(
      await card.getByRole('list', { name: 'Kimi models' }).getByRole('listitem').count(),
    ).toBe(3);
  });

  it('Test connection fails with a readable message when the provider answers 401', async () => {
    const { page } = h;
    const wrongKey = 'sk-glm-wrong-key-9876543210';
    await h.open('settings');
    const input = page.getByLabel('GLM API key');
    await input.fill(wrongKey);
    await page
      .locator('form.key-form', { has: input })
      .getByRole('button', { name: 'Save' })
      .click();
    await goTo(page, 'Providers');
    await page
      .getByTestId('glm-configured')
      .filter({ hasText: /^Configured$/ })
      .waitFor();

    await page
      .locator('[data-provider="glm"]')
      .getByRole('button', { name: 'Test connection' })
      .click();
    const result = page.getByTestId('glm-test-result');
    await result.getByText('Failed').waitFor({ timeout: 20_000 });
    const text = (await result.textContent()) ?? '';
    // Readable: words about the key, not a JSON dump — and the rejected key is not echoed back.
    expect(text).toMatch(/401|key|unauthori[sz]ed|rejected/i);
    expect(text).not.toMatch(/[{}]/);
    expect(text).not.toContain(wrongKey);
    expect(h.glm.requests.some((r) => r.step === 'unauthorized')).toBe(true);
    // The refused key shows on the card until it works again (status arrives with the next snapshot).
    await page
      .getByTestId('glm-configured')
      .filter({ hasText: /^Key rejected$/ })
      .waitFor();
    await page
      .getByTestId('glm-key-rejected')
      .getByText('GLM refused this key (401/403)')
      .waitFor();
    expect(h.pageErrors).toEqual([]);
  });
});
