import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../main/shell/external-links.ts';
import {
  hardenWebContents,
  secureWebPreferences,
  type HardenableContents,
} from '../../main/shell/web-security.ts';

describe('window hardening', () => {
  it('uses context isolation, the sandbox and no Node integration', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
    });
  });

  it('opens only allow-listed https links externally', () => {
    expect(isAllowedExternalUrl('https://platform.moonshot.ai/console/api-keys')).toBe(true);
    expect(isAllowedExternalUrl('https://docs.z.ai/guides')).toBe(true);
    expect(isAllowedExternalUrl('http://platform.moonshot.ai/')).toBe(false);
    expect(isAllowedExternalUrl('https://evil.example/?https://z.ai')).toBe(false);
    expect(isAllowedExternalUrl('https://z.ai.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
  });

  it('denies navigation and window.open, handing allowed links to the browser', () => {
    const listeners = new Map<string, (e: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (ev: string, fn: (e: { preventDefault(): void }, url?: string) => void) =>
        listeners.set(ev, fn),
      setWindowOpenHandler: (fn: (d: { url: string }) => { action: string }) => (openHandler = fn),
    } as unknown as HardenableContents;
    const opened: string[] = [];
    hardenWebContents(contents, (u) => opened.push(u));

    let prevented = 0;
    const ev = { preventDefault: () => prevented++ };
    listeners.get('will-navigate')!(ev, 'https://evil.example/phish');
    listeners.get('will-navigate')!(ev, 'https://github.com/exai');
    listeners.get('will-attach-webview')!(ev);
    expect(prevented).toBe(3);
    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'https://open.bigmodel.cn/usercenter' })).toEqual({
      action: 'deny',
    });
    expect(opened).toEqual(['https://github.com/exai', 'https://open.bigmodel.cn/usercenter']);
  });
});
