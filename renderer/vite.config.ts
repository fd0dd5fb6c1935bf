import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { appDaemonDefaults } from '../daemon/parent/settings-contract.ts';

// Run as `vite build renderer` / `vite renderer`: the root is this folder, so paths stay relative
// and this file needs no node: imports. It runs in Node at build time, not in the page, so it
// alone may read the daemon's settings contract (see eslint.config.js).

// The CSP meta tag is strict (no inline script or style). Vite's dev server needs an inline
// React-refresh preamble and injects <style> tags, so the tag is dropped only while serving.
const relaxCspInDev: Plugin = {
  name: 'exai-relax-csp-in-dev',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, ''),
};

export default defineConfig({
  // Electron loads the page from file://, so every asset URL must be relative.
  base: './',
  plugins: [react(), relaxCspInDev],
  // The dev server's simulated app (src/dev/mock-exai.ts) shows the daemon's real defaults. The
  // page itself may import nothing from daemon/, so the values are compiled in here instead of
  // being copied into the mock; production builds never reference the name.
  define: { __EXAI_DAEMON_DEFAULTS__: JSON.stringify(appDaemonDefaults) },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    // Under a strict CSP nothing may be inlined as a data: URL script.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
});
