import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// Run as `vite build renderer` / `vite renderer`: the root is this folder, so paths stay relative
// and this file needs no node: imports (the renderer lint rules apply to it too).

// The CSP meta tag is strict (no inline script or style). Vite's dev server needs an inline
// React-refresh preamble and injects <style> tags, so the tag is dropped only while serving.
const relaxCspInDev: Plugin = {
  name: 'exai-relax-csp-in-dev',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, ''),
};

export default defineConfig({
  // Electron loads the page from file://, so every asset URL must be relative.
  base: './',
  plugins: [react(), relaxCspInDev],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    // Under a strict CSP nothing may be inlined as a data: URL script.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
});
