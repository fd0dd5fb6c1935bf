import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIMI_KEY, startHarness, type Harness } from './harness.ts';
import { button } from './ui.ts';

// One-click setup on the Connect page, against the real desktop core and daemon, with the MCP
// clients' config files in the harness's temporary home: add (with a backup), verify the way the
// client connects, token rotation, remove, restore.

function put(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const OTHER = '{\n  // mine\n  "mcpServers": {\n    "other": { "command": "other-mcp" }\n  }\n}\n';

describe('Connect: one-click client setup', () => {
  let h: Harness;
  let cursorFile: string;
  beforeAll(async () => {
    h = await startHarness({ keys: { kimi: KIMI_KEY } });
    cursorFile = join(h.home, '.cursor', 'mcp.json');
  });
  afterAll(async () => {
    await h?.close();
  });

  const card = (id: string) => h.page.locator(`[data-setup="${id}"]`);
  const stateOf = (id: string) => h.page.getByTestId(`${id}-state`);

  it('adds EXAI to Cursor: a backup first, the other servers kept, and the entry verified', async () => {
    const { page } = h;
    put(cursorFile, OTHER);
    await h.open('connect');
    await stateOf('cursor').filter({ hasText: 'Not connected' }).waitFor();
    expect(await page.getByTestId('cursor-path').textContent()).toBe(cursorFile);
    // Nothing of VS Code in this home: not detected, but it can still be set up.
    await stateOf('vscode').filter({ hasText: 'Not detected' }).waitFor();

    await card('cursor').getByRole('button', { name: 'Add to Cursor' }).click();
    await page
      .getByTestId('cursor-check')
      .filter({ hasText: /^Verified at \d\d:\d\d:\d\d · connected to exai .* over HTTP$/ })
      .waitFor({ timeout: 20_000 });
    await stateOf('cursor').filter({ hasText: 'Connected' }).waitFor();

    const token = h.core.settings.token();
    const written = readFileSync(cursorFile, 'utf8');
    expect(written).toContain('// mine');
    const { parse } = await import('jsonc-parser');
    expect(parse(written)).toEqual({
      mcpServers: {
        other: { command: 'other-mcp' },
        exai: {
          url: `http://127.0.0.1:${h.port}/mcp`,
          headers: { Authorization: `Bearer ${token}` },
        },
      },
    });
    const backups = readdirSync(dirname(cursorFile)).filter((n) =>
      n.startsWith('mcp.json.exai-backup-'),
    );
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dirname(cursorFile), backups[0]!), 'utf8')).toBe(OTHER);
    expect(h.pageErrors).toEqual([]);
  });

  it('Claude Desktop gets the stdio bridge, and Verify starts it the way Claude Desktop would', async () => {
    const { page } = h;
    mkdirSync(join(h.home, '.config', 'Claude'), { recursive: true });
    await h.open('connect');
    await stateOf('claude-desktop').filter({ hasText: 'Not connected' }).waitFor();
    await card('claude-desktop').getByRole('button', { name: 'Add to Claude Desktop' }).click();
    await page
      .getByTestId('claude-desktop-check')
      .filter({ hasText: /through the stdio bridge/ })
      .waitFor({ timeout: 30_000 });
    await card('claude-desktop').getByRole('button', { name: 'Verify Claude Desktop' }).click();
    await page
      .getByTestId('claude-desktop-check')
      .filter({ hasText: /^Verified at/ })
      .waitFor({ timeout: 30_000 });
  });

  it('a token rotation rewrites the entries the app wrote; one written by hand shows as outdated', async () => {
    const { page } = h;
    const windsurf = join(h.home, '.codeium', 'windsurf', 'mcp_config.json');
    const old = h.core.settings.token();
    put(
      windsurf,
      JSON.stringify({
        mcpServers: {
          exai: {
            serverUrl: `http://127.0.0.1:${h.port}/mcp`,
            headers: { Authorization: `Bearer ${old}` },
          },
        },
      }),
    );
    await h.open('connect');
    await stateOf('windsurf').filter({ hasText: 'Connected' }).waitFor();

    const rotated = await h.core.ipc.handlers['token:rotate']();
    await expect
      .poll(() => readFileSync(cursorFile, 'utf8'), { timeout: 10_000 })
      .toContain(`Bearer ${rotated}`);
    expect(readFileSync(cursorFile, 'utf8')).toContain('"other"');
    // Pushed to the open page: Cursor still connected, Windsurf flagged with a banner.
    await stateOf('windsurf').filter({ hasText: 'Token outdated' }).waitFor();
    await page
      .getByTestId('outdated-entries')
      .filter({ hasText: '1 client has an old token and cannot connect: Windsurf.' })
      .waitFor();
    expect(await stateOf('cursor').textContent()).toBe('Connected');
    // The manual snippets follow the rotation too (masked until shown).
    await page.getByLabel('Show token').check();
    await page.locator('[data-client="cursor"]').getByText(rotated).first().waitFor();
    await page.getByLabel('Show token').uncheck();

    await card('windsurf').getByRole('button', { name: 'Update Windsurf' }).click();
    await page
      .getByTestId('windsurf-check')
      .filter({ hasText: /^Verified at/ })
      .waitFor({ timeout: 20_000 });
    await page.getByTestId('outdated-entries').waitFor({ state: 'detached' });
    expect(readFileSync(windsurf, 'utf8')).toContain(`Bearer ${rotated}`);
  });

  it('Remove takes only the entry out; Restore backup puts back the file as it was before', async () => {
    await h.open('connect');
    await card('cursor').getByRole('button', { name: 'Remove EXAI from Cursor' }).click();
    await stateOf('cursor').filter({ hasText: 'Not connected' }).waitFor();
    const { parse } = await import('jsonc-parser');
    expect(parse(readFileSync(cursorFile, 'utf8'))).toEqual({
      mcpServers: { other: { command: 'other-mcp' } },
    });

    // The user breaks the file by hand; the page says why it leaves it alone, and Restore fixes it.
    put(cursorFile, '{ "mcpServers": ');
    await h.open('connect');
    await stateOf('cursor').filter({ hasText: 'Unreadable' }).waitFor();
    await card('cursor')
      .getByText(/The file could not be read, so EXAI leaves it alone:/)
      .waitFor();
    expect(await card('cursor').getByRole('button', { name: 'Add to Cursor' }).count()).toBe(0);
    await card('cursor')
      .getByRole('button', { name: "Restore the backup of Cursor's config" })
      .click();
    await stateOf('cursor').filter({ hasText: 'Not connected' }).waitFor();
    expect(readFileSync(cursorFile, 'utf8')).toBe(OTHER);
    expect(h.pageErrors).toEqual([]);
  });

  it('the manual alternative stays: Codex CLI and Windsurf snippets, and each file’s path on this OS', async () => {
    const { page } = h;
    await h.open('connect');
    const codex = page.locator('[data-client="codex"]');
    await codex.getByText(join(h.home, '.codex', 'config.toml')).waitFor();
    await codex.getByRole('button', { name: /^Copy/ }).click();
    await expect
      .poll(() => h.clipboard.at(-1) ?? '')
      .toMatch(
        /^\[mcp_servers\.exai\]\ncommand = ".*"\nargs = \[.*"bridge", "--data-dir", ".*"\]$/,
      );
    await button(page, 'Copy Windsurf configuration').waitFor();
    // The harness found its Node, so there is no warning about a bare `node`.
    expect(await page.getByTestId('node-missing').count()).toBe(0);
  });
});
