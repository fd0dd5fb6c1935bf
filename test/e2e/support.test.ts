import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIMI_KEY, startHarness, type Harness } from './harness.ts';
import { button, goTo, waitForBadge } from './ui.ts';

// What helps when something goes wrong: the exai.db notice, Save diagnostics…, and the desktop
// notifications (crash loop always; circuit breaker behind a setting).

// exai.db damaged before the daemon starts: the daemon moves it aside and starts a new one, and
// the dashboard says so, in the app's language, instead of losing history silently.
describe('exai.db notice on the dashboard', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ keys: { kimi: KIMI_KEY }, start: false });
    writeFileSync(
      join(h.dataDir, 'exai.db'),
      'this is not an SQLite database, it is a damaged file',
    );
    const state = await h.core.supervisor.start();
    if (state.state !== 'running')
      throw new Error(`daemon did not start: ${state.reason ?? state.state}`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows that the damaged database was replaced, with the daemon’s details, in English and Chinese', async () => {
    const { page } = h;
    await h.open('overview');
    const banner = page.getByTestId('store-banner');
    await banner
      .getByText('The local database (exai.db) was damaged and has been replaced with a new one')
      .waitFor({ timeout: 20_000 });
    expect(await banner.textContent()).toMatch(/Details: exai\.db was damaged .* moved aside to /);

    await h.core.settings.update({ language: 'zh-CN' });
    await banner.getByText('本地数据库（exai.db）已损坏，已换用一个新的数据库').waitFor();
    expect(await banner.textContent()).toContain('详情：exai.db was damaged');
    await h.core.settings.update({ language: 'en' });
    expect(h.pageErrors).toEqual([]);
  });
});

describe('Save diagnostics and notifications', () => {
  let h: Harness;
  beforeAll(async () => {
    // Two crashes in a row end in "failed": the crash loop a notification reports.
    h = await startHarness({ keys: { kimi: KIMI_KEY }, maxCrashes: 2, retryDelayMs: 300 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('Save diagnostics… writes the daemon’s archive where the user chose, and Cancel writes nothing', async () => {
    const { page } = h;
    await h.open('settings');
    h.saveAs.path = undefined; // the user cancels the dialog
    await button(page, 'Save diagnostics…').click();
    await expect
      .poll(() => h.ipcCalls.filter((c) => c.channel === 'diagnostics:save').length)
      .toBe(1);
    await button(page, 'Save diagnostics…').and(page.locator(':enabled')).waitFor();
    expect(await page.getByTestId('diagnostics-result').count()).toBe(0);

    const path = join(mkdtempSync(join(tmpdir(), 'exai-e2e-diag-')), 'diag.zip');
    h.saveAs.path = path;
    await button(page, 'Save diagnostics…').click();
    await page
      .getByTestId('diagnostics-result')
      .filter({ hasText: `Diagnostics saved to ${path}` })
      .waitFor({ timeout: 20_000 });
    const files = unzipSync(new Uint8Array(readFileSync(path)));
    expect(JSON.parse(strFromU8(files['versions.json']!))).toMatchObject({
      app: '0.0.0-e2e',
      electron: '43.8.12',
    });
    const all = Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n');
    for (const secret of [KIMI_KEY, h.core.settings.token()]) expect(all).not.toContain(secret);
    expect(h.pageErrors).toEqual([]);
  });

  it('the circuit notification setting is off by default and saved from Settings', async () => {
    const { page } = h;
    await goTo(page, 'Settings');
    const box = page.getByLabel("Notify me when a provider's circuit breaker opens or closes");
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await button(page, 'Save changes').click();
    await expect.poll(() => h.core.settings.values.circuitNotifications).toBe(true);
  });

  it('a crash loop shows one desktop notification saying the daemon stopped', async () => {
    const { page } = h;
    await h.open('overview');
    await waitForBadge(page, 'running');
    const first = h.core.supervisor.state.pid!;
    process.kill(first, 'SIGKILL');
    // Restarted once after the first crash; the second one ends the loop.
    await expect
      .poll(
        () => (h.core.supervisor.state.state === 'running' ? h.core.supervisor.state.pid : first),
        { timeout: 30_000 },
      )
      .not.toBe(first);
    expect(h.notifications).toEqual([]);
    process.kill(h.core.supervisor.state.pid!, 'SIGKILL');
    await waitForBadge(page, 'failed', 30_000);
    await expect
      .poll(() => h.notifications)
      .toEqual([
        {
          title: 'EXAI daemon stopped',
          body: expect.stringMatching(
            /crashes.*Open EXAI Desktop to see the log and start it again\.$/,
          ),
        },
      ]);
  });
});

describe('the Connect page without a Node', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ keys: { kimi: KIMI_KEY }, start: false, bareNode: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('warns that Claude Desktop and Codex CLI run a bare `node`, which must be on their PATH', async () => {
    await h.open('connect');
    await h.page
      .getByTestId('node-missing')
      .getByText(
        /No Node\.js was found on this computer, so Claude Desktop and Codex CLI are set to run a bare `node`/,
      )
      .waitFor();
    expect(h.pageErrors).toEqual([]);
  });
});
