import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { button, waitForBadge } from './ui.ts';

// A daemon that cannot start: the Overview says why, shows what it printed last, and Retry works
// once the cause is gone.
describe('the failed panel on the Overview page', () => {
  let h: Harness;
  let squatter: Server | undefined;
  beforeAll(async () => {
    // Give up after the first failure, so the panel shows "failed" rather than a retry countdown.
    h = await startHarness({ start: false, maxCrashes: 1 });
  });
  afterAll(async () => {
    await new Promise((resolve) => (squatter ? squatter.close(resolve) : resolve(undefined)));
    await h?.close();
  });

  it('shows the reason, the last log lines and a Retry that starts the daemon once the port is free', async () => {
    const { page } = h;
    squatter = createServer();
    await new Promise<void>((resolve) => squatter!.listen(h.port, '127.0.0.1', resolve));
    await h.open('overview');
    await waitForBadge(page, 'stopped');
    await button(page, 'Start').click();
    await waitForBadge(page, 'failed');

    const panel = page.getByRole('alert').filter({ has: page.getByTestId('crash-reason') });
    await panel.getByRole('heading', { name: 'The daemon could not be started' }).waitFor();
    expect(await page.getByTestId('crash-reason').textContent()).toContain(
      `Port ${h.port} is already in use`,
    );
    const lastLines = (await panel.getByLabel('Last log lines').textContent()) ?? '';
    expect(lastLines).toMatch(new RegExp(`exai daemon: .*${h.port}`));

    await new Promise((resolve) => squatter!.close(resolve));
    squatter = undefined;
    await button(page, 'Retry').click();
    await waitForBadge(page, 'running');
    await panel.waitFor({ state: 'detached' });
    expect(h.core.supervisor.state.state).toBe('running');
    expect(h.pageErrors).toEqual([]);
  });
});
