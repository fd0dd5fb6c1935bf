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
    // Only loopback: see the file.
    setupFiles: ['test/setup/loopback-only.ts'],
  },
});
