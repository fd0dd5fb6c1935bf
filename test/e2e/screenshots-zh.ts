import { join } from 'node:path';
import type { Harness } from './harness.ts';

// The README's zh-CN shots: Overview, Settings, Connect and the first-run setup in Simplified Chinese, light scheme. Called by
// the screenshot run once its English pages are done; it switches Settings → Language the way a
// user would and puts it back, so whatever runs after it sees English again.

export const ZH_SHOTS = [
  { file: 'overview-zh-CN.png', hash: 'overview', title: '概览' },
  { file: 'settings-zh-CN.png', hash: 'settings', title: '设置' },
  { file: 'connect-zh-CN.png', hash: 'connect', title: '连接客户端' },
  { file: 'setup-zh-CN.png', hash: 'setup', title: '欢迎使用 EXAI Desktop' },
] as const;

export async function captureChineseScreenshots(h: Harness, outDir: string): Promise<string[]> {
  const { page } = h;
  const before = h.core.settings.values.language;
  const written: string[] = [];
  await h.core.settings.update({ language: 'zh-CN' });
  try {
    await page.emulateMedia({ colorScheme: 'light' });
    for (const shot of ZH_SHOTS) {
      await page.evaluate((hash) => (location.hash = `#/${hash}`), shot.hash);
      await page.locator('#page-title', { hasText: shot.title }).waitFor();
      // Let the 1 s clock and the status push settle so the shot is not mid-update.
      await page.waitForTimeout(400);
      const path = join(outDir, shot.file);
      await page.screenshot({ path, fullPage: true });
      written.push(path);
    }
  } finally {
    await h.core.settings.update({ language: before });
  }
  return written;
}
