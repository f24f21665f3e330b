import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/language.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Every test opens its own SQLite file or in-memory database, so files can run in parallel.
    pool: 'forks',
  },
});
