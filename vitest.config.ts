import { defineConfig } from 'vitest/config'
import { INTEGRATION_TESTS_IN_SRC } from './vitest.tiers.ts'

// The unit tier (`npm test`): see vitest.tiers.ts for the other two.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/layers.test.ts', 'test/docs-references.test.ts'],
    exclude: [...INTEGRATION_TESTS_IN_SRC, '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
