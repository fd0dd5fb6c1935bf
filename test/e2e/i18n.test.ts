import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { tr } from '../../main/i18n.ts';
import { trayMenu } from '../../main/shell/tray-menu.ts';
import { GLM_KEY, KIMI_KEY, startHarness, type Harness } from './harness.ts';
import { waitForBadge } from './ui.ts';

// The dashboard on a Chinese system: every page in zh-CN with no English left over, nothing
// clipped, no sideways scrolling; and Settings → Language switching an open window at once.

const PAGES = [
  { hash: 'overview', title: '概览' },
  { hash: 'providers', title: '模型服务' },
  { hash: 'sessions', title: '会话' },
  { hash: 'health', title: '运行状况' },
  { hash: 'usage', title: '用量' },
  { hash: 'tools', title: '工具' },
  { hash: 'logs', title: '日志' },
  { hash: 'connect', title: '连接客户端' },
  { hash: 'settings', title: '设置' },
  { hash: 'about', title: '关于' },
  { hash: 'setup', title: '欢迎使用 EXAI Desktop' },
] as const;

/** Latin words a Chinese developer reads as they are: product, protocol and unit names. */
const ALLOWED = new Set(
  [
    'EXAI',
    'EX',
    'Desktop',
    'MCP',
    'Kimi',
    'GLM',
    'Token',
    'API',
    'Key',
    'WebSocket',
    'HTTP',
    'Streamable',
    'WS',
    'Moonshot',
    'AI',
    'Claude',
    'Code',
    'Cursor',
    'Windsurf',
    'Codex',
    'CLI',
    // the diagnostics archive's format
    'zip',
    'VS',
    'stdio',
    'Bearer',
    'Linux',
    'Secret',
    'Service',
    'English',
    // the About view names the runtimes and the licences as they are
    'Electron',
    'Chromium',
    'Node.js',
    'MIT',
    'ISC',
    'Apache-2.0',
    'p50',
    'p95',
    'RSS',
    'ms',
    'MB',
    // a file format, as in 导出 CSV
    'CSV',
    'auto',
    'exai',
    'bridge',
    // a signal name in a crash reason
    'SIGKILL',
    // log levels are identifiers the daemon writes
    'trace',
    'debug',
    'info',
    'warn',
    'error',
    'fatal',
  ].map((w) => w.toLowerCase()),
);

/** What a person reads on the page (text, labels, placeholders), minus code, logs and client-given names. */
async function readableText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skip =
      'code, pre, .chip, .log-list, .client-name, .brand-mark, script, style, .u-legend .u-value, .model-option';
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest(skip) || !el.checkVisibility()) continue;
      if (n.textContent?.trim()) out.push(n.textContent.trim());
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (el.closest(skip)) continue;
      for (const a of ['aria-label', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    for (const o of document.querySelectorAll('option'))
      if (!o.closest(skip)) out.push(o.textContent ?? '');
    return out;
  });
}

/** Data, not words: the saved keys' last four characters and the client's own name. */
const DATA = [KIMI_KEY.slice(-4), GLM_KEY.slice(-4), 'claude-code'];

function englishWords(texts: string[]): string[] {
  const found = new Set<string>();
  for (const raw of texts) {
    const text = DATA.reduce((s, tail) => s.replaceAll(tail, ' '), raw);
    // Names in quotes, paths, file names, URLs and flags are literal values, not prose.
    const prose = text
      .replace(/[“"][^”"]*[”"]/g, ' ')
      .split(/\s+/)
      .filter((tok) => !/[./:~_?=@]/.test(tok))
      .join(' ');
    for (const m of prose.matchAll(/[A-Za-z][A-Za-z0-9'’-]*/g)) {
      if (!ALLOWED.has(m[0].toLowerCase())) found.add(`${m[0]}  (in "${raw}")`);
    }
  }
  return [...found];
}

/** Labels, buttons, nav items, headers: any whose text does not fit its box. */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const sel =
      'button, label, .nav-link, .nav-label, .badge, th, dt, .stat-label, .stat-hint, h1, h2, h3, .endpoint-label, .chart-title, .btn, option, select';
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(sel)) {
      if (!el.checkVisibility() || el.closest('.sr-only')) continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
        out.push(
          `${el.tagName.toLowerCase()}.${el.className}: "${el.textContent?.trim()}" (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight})`,
        );
      }
    }
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth)
      out.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
    return out;
  });
}

describe('the dashboard in Simplified Chinese', () => {
  let h: Harness;
  let client: Client;
  beforeAll(async () => {
    h = await startHarness({
      keys: { kimi: KIMI_KEY, glm: GLM_KEY },
      systemLanguages: ['zh-CN', 'en-US'],
      // Long enough to read the crash panel before the automatic restart.
      retryDelayMs: 4_000,
    });
    client = await h.connectClient('claude-code', '2.0.14');
    h.kimi.script({ kind: 'reply', text: '好的。', latencyMs: 50 });
    await client.callTool({
      name: 'chat',
      arguments: { prompt: 'hi', model: 'kimi-k2-0905-preview' },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(PAGES)(
    '$hash: all Chinese, nothing clipped, no sideways scroll',
    async ({ hash, title }) => {
      const { page } = h;
      await h.open(hash);
      await page.locator('#page-title', { hasText: title }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      await waitForBadge(page, 'running');
      if (hash === 'providers') {
        await page
          .locator('[data-provider="kimi"]')
          .getByRole('button', { name: '测试连接' })
          .click();
        await page
          .getByTestId('kimi-test-result')
          .getByText('连接成功')
          .waitFor({ timeout: 20_000 });
      }
      if (hash === 'sessions')
        await page.getByRole('button', { name: 'claude-code 2.0.14' }).click();
      if (hash === 'health') await page.locator('.chart .u-over').first().waitFor();
      if (hash === 'usage') await page.getByRole('table', { name: '每日用量' }).waitFor();
      if (hash === 'tools') await page.locator('tr[data-tool="chat"]').waitFor();
      expect(englishWords(await readableText(page))).toEqual([]);
      expect(await clipped(page)).toEqual([]);
      expect(h.pageErrors).toEqual([]);
    },
  );

  it('formats numbers and times for Chinese readers', async () => {
    const { page } = h;
    await h.open('sessions');
    // A clock time in 24-hour form, and "… 前" / "刚刚" for how long ago.
    const connected = (await page.locator('tr[data-session] td').nth(2).textContent()) ?? '';
    expect(connected).toMatch(/^\d{2}:\d{2}:\d{2} \((刚刚|.+前)\)$/);
  });

  it('switching Settings → Language changes the open window and the tray at once', async () => {
    const { page } = h;
    await h.open('settings');
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: '概览' }).waitFor();

    await page.getByTestId('language-select').selectOption('en');
    // Same document, no reload: the sidebar and the page speak English now.
    await nav.getByRole('link', { name: 'Overview' }).waitFor();
    await page.locator('#page-title', { hasText: 'Settings' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(h.core.settings.values.language).toBe('en');
    const tray = () =>
      trayMenu({
        daemon: h.core.supervisor.state,
        sessions: 1,
        startAtLogin: false,
        now: Date.now(),
        t: tr,
      });
    expect(tray().find((i) => i.kind === 'action' && i.action === 'quit')).toMatchObject({
      label: 'Quit EXAI',
    });

    // A change from elsewhere (the settings file, another window) arrives as a push.
    await h.core.settings.update({ language: 'zh-CN' });
    await nav.getByRole('link', { name: '概览' }).waitFor();
    await page.getByRole('button', { name: '保存更改' }).waitFor();
    expect(tray().find((i) => i.kind === 'action' && i.action === 'quit')).toMatchObject({
      label: '退出 EXAI',
    });

    // Back to following the OS, which is Chinese here.
    await page.getByTestId('language-select').selectOption('system');
    await expect.poll(() => h.core.settings.values.language).toBe('system');
    expect(await page.locator('#page-title').textContent()).toBe('设置');
    expect(h.pageErrors).toEqual([]);
  });

  it('the crash panel explains a crash in Chinese', async () => {
    const { page } = h;
    await h.open('overview');
    await waitForBadge(page, 'running');
    process.kill(h.core.supervisor.state.pid!, 'SIGKILL');
    const panel = page.getByRole('alert').filter({ has: page.getByTestId('crash-reason') });
    await panel.waitFor({ timeout: 10_000 });
    await page
      .getByTestId('crash-reason')
      .filter({ hasText: '守护进程被强制结束（SIGKILL）' })
      .waitFor();
    await panel.getByRole('heading', { name: '守护进程意外停止' }).waitFor();
    expect(englishWords(await readableText(page))).toEqual([]);
    expect(await clipped(page)).toEqual([]);
    await waitForBadge(page, 'running', 30_000);
  });
});
