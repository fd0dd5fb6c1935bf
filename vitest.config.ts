import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Integration tests spawn real daemons; two cores cannot run many at once.
    maxWorkers: 2,
    pool: 'forks',
    // Run electron-store through vitest so test/main/app-wiring.test.ts's fake electron reaches it.
    server: { deps: { inline: ['electron-store'] } },
    // Only loopback: see the file.
    setupFiles: ['test/setup/loopback-only.ts'],
  },
});
