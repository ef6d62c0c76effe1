import { defineConfig } from 'vitest/config'

// The slow tier (.ci/run runs it after npm test): the CLI as a user gets it, compiled and packed.
export default defineConfig({
  test: {
    include: ['test/slow/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    globalSetup: ['./test/temp-root.ts'],
    fileParallelism: false,
  },
})
