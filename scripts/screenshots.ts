// `npm run screenshots`: a screenshot of every dashboard page, light and dark, from the real stack
// with some traffic on it, written to docs/screenshots/ for the README. It drives the same harness
// as the end-to-end tests (test/e2e/harness.ts); it is not a test, so `npm test` never rewrites
// these tracked files. Needs the built renderer (the npm script builds it first).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { GLM_KEY, KIMI_KEY, startHarness } from '../test/e2e/harness.ts';
import { goTo } from '../test/e2e/ui.ts';
import { captureChineseScreenshots } from '../test/e2e/screenshots-zh.ts';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const PAGES = [
  { file: 'overview', link: 'Overview' },
  { file: 'providers', link: 'Providers' },
  { file: 'sessions', link: 'Sessions' },
  { file: 'health', link: 'Health' },
  { file: 'usage', link: 'Usage' },
  { file: 'tools', link: 'Tools' },
  { file: 'logs', link: 'Logs' },
  { file: 'connect', link: 'Connect a client' },
  { file: 'settings', link: 'Settings' },
  // Not in the sidebar: the first-run setup, reached from Settings.
  { file: 'setup', link: undefined, hash: 'setup', title: 'Welcome to EXAI Desktop' },
] as const;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

mkdirSync(OUT, { recursive: true });
const h = await startHarness({ keys: { kimi: KIMI_KEY, glm: GLM_KEY } });
let slow: Promise<unknown> | undefined;
try {
  const { page } = h;
  await h.open('overview');
  const code: Client = await h.connectClient('claude-code', '2.0.14');
  const cursor: Client = await h.connectClient('cursor', '1.7.2');
  // Some traffic for the charts and counters: a few quick calls spread over several snapshots.
  for (let i = 0; i < 6; i++) {
    // Token counts as a real provider reports them, so the Usage page has spend to show.
    const usage = {
      prompt_tokens: 12_000 + i * 3_000,
      completion_tokens: 2_500 + i * 400,
      total_tokens: 0,
    };
    h.kimi.script({ kind: 'reply', text: 'Quick answer.', latencyMs: 150 + i * 40, usage });
    await (i % 2 ? cursor : code).callTool({
      name: 'chat',
      arguments: { prompt: `question ${i}`, model: 'kimi-k2-0905-preview' },
    });
    await pause(700);
  }
  // A GLM call, and one to a model without a shipped price (its cost shows as "—").
  h.glm.script({
    kind: 'reply',
    text: 'From GLM.',
    usage: { prompt_tokens: 18_000, completion_tokens: 4_000, total_tokens: 0 },
  });
  await cursor.callTool({ name: 'chat', arguments: { prompt: 'glm question', model: 'glm-4.6' } });
  h.kimi.script({
    kind: 'reply',
    text: 'From moonshot.',
    usage: { prompt_tokens: 9_000, completion_tokens: 1_500, total_tokens: 0 },
  });
  await code.callTool({
    name: 'chat',
    arguments: { prompt: 'Is this right?', model: 'moonshot-v1-8k' },
  });
  await goTo(page, 'Providers');
  await page
    .locator('[data-provider="kimi"]')
    .getByRole('button', { name: 'Test connection' })
    .click();
  await page.getByTestId('kimi-test-result').locator('.test-result').waitFor({ timeout: 20_000 });

  // A long call stays in flight for the Sessions shot, expanded.
  h.kimi.script({ kind: 'reply', text: 'Done thinking.', latencyMs: 60_000 });
  slow = code.callTool({
    name: 'chat',
    arguments: { prompt: 'Review this slowly.', model: 'kimi-k2-0905-preview' },
  });
  slow.catch(() => undefined);
  await goTo(page, 'Sessions');
  const row = page.locator('tr[data-session]', { hasText: 'claude-code' });
  await row.getByTestId('session-inflight').filter({ hasText: '1' }).waitFor({ timeout: 15_000 });

  // MCP clients in the harness's temporary home, in each state the Connect page shows: Cursor set
  // up by the app, Claude Code with a hand-written entry whose token is old, Claude Desktop and
  // Codex CLI installed but not connected, the rest not found.
  const put = (path: string, text: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  put(
    join(h.home, '.cursor', 'mcp.json'),
    '{\n  "mcpServers": {\n    "other": { "command": "other-mcp" }\n  }\n}\n',
  );
  await h.core.clients.add('cursor');
  mkdirSync(join(h.home, '.claude'), { recursive: true });
  put(
    join(h.home, '.claude.json'),
    JSON.stringify({
      mcpServers: {
        exai: {
          type: 'http',
          url: `http://127.0.0.1:${h.port}/mcp`,
          headers: { Authorization: 'Bearer an-old-token-0123456789' },
        },
      },
    }),
  );
  mkdirSync(join(h.home, '.config', 'Claude'), { recursive: true });
  mkdirSync(join(h.home, '.codex'), { recursive: true });

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const p of PAGES) {
      if (p.link) await goTo(page, p.link);
      else {
        await page.evaluate((hash) => (location.hash = `#/${hash}`), p.hash);
        await page.locator('#page-title', { hasText: p.title }).waitFor();
      }
      if (p.file === 'health') await page.locator('.chart .u-over').first().waitFor();
      if (p.file === 'usage') await page.getByRole('table', { name: 'Usage per day' }).waitFor();
      if (p.file === 'tools') await page.locator('tr[data-tool="chat"]').waitFor();
      if (p.file === 'sessions')
        await page.getByRole('button', { name: 'claude-code 2.0.14' }).click();
      // Let charts and the 1 s clock settle so the shot is not mid-update.
      await pause(400);
      const path = join(OUT, `${p.file}-${scheme}.png`);
      await page.screenshot({ path, fullPage: true });
      console.log(`wrote ${path}`);
    }
  }
  for (const path of await captureChineseScreenshots(h, OUT)) console.log(`wrote ${path}`);
  if (h.pageErrors.length) throw new Error(`the page reported errors:\n${h.pageErrors.join('\n')}`);
} finally {
  // Closing the clients ends the long call; it is not waited for.
  await h.close();
  await slow?.catch(() => undefined);
}
