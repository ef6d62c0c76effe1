import { defineConfig } from 'vitest/config'
import { INTEGRATION_TESTS_IN_SRC, ISOLATED_UNIT_TESTS } from './vitest.tiers.ts'

const UNIT = ['src/**/*.test.ts', 'test/layers.test.ts', 'test/docs-references.test.ts', 'test/engines.test.ts']
const NOT_UNIT = [...INTEGRATION_TESTS_IN_SRC, '**/node_modules/**']

// The unit tier (`npm test`): see vitest.tiers.ts for the other two.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['./test/temp-root.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: UNIT, exclude: [...NOT_UNIT, ...ISOLATED_UNIT_TESTS], isolate: false },
      },
      { extends: true, test: { name: 'unit-isolated', include: ISOLATED_UNIT_TESTS } },
    ],
  },
})
