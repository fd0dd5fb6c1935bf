import type { Page } from 'playwright-core';
import type { SupervisorStateName } from '../../preload/api.ts';

// What the tests look at, named the way a user would describe it.

/** Resolves once the sidebar's daemon badge shows `state` (fails after the timeout). */
export async function waitForBadge(
  page: Page,
  state: SupervisorStateName,
  timeout = 20_000,
): Promise<void> {
  await page.locator(`.sidebar .badge[data-state="${state}"]`).waitFor({ timeout });
}

export async function badgeText(page: Page): Promise<string> {
  return (await page.locator('.sidebar .badge').textContent()) ?? '';
}

export function button(page: Page, name: string) {
  return page.getByRole('button', { name, exact: true });
}

export async function goTo(page: Page, link: string): Promise<void> {
  // The nav entries only: the sidebar's amber state may add a "…in Settings" link of its own.
  await page
    .getByRole('navigation', { name: 'Dashboard' })
    .getByRole('listitem')
    .getByRole('link', { name: link })
    .click();
  await page.locator('#page-title', { hasText: link }).waitFor();
}
