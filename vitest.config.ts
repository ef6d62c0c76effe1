import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // test/slow: the packed tarball through npx and the signal loop (minutes, processes); `npm run test:slow`
    exclude: ['test/slow/**', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
