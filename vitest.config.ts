import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    // The CLI tests run the real command from dist/, so build it once before any test starts.
    globalSetup: ['test/support/build-once.ts'],
    testTimeout: 60_000,
  },
});
