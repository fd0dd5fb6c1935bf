import { defineConfig } from 'vitest/config';

// Playwright + headless Chromium against the built renderer (npm run test:e2e builds it first).
// One file at a time: each starts a browser and a real daemon, and the machine has two cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
    // Only loopback: see the file.
    setupFiles: ['test/setup/loopback-only.ts'],
  },
});
