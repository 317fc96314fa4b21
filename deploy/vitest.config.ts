import { defineConfig } from 'vitest/config';

// Checks of the deployment files: rendering, schemas, policies, linters, a backup drill, a trace.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
