import { defineConfig } from 'vitest/config'
import { INTEGRATION_TESTS_IN_SRC } from './vitest.tiers.ts'

// The integration tier (`npm run test:integration`, run by .ci/run after `npm test`): see vitest.tiers.ts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', ...INTEGRATION_TESTS_IN_SRC],
    exclude: [
      'test/slow/**',
      'test/layers.test.ts',
      'test/docs-references.test.ts',
      'test/engines.test.ts',
      '**/node_modules/**',
    ],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: ['./test/temp-root.ts'],
  },
})
