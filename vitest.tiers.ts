/**
 * Which tests run in which tier. `npm test` (vitest.config.ts) runs the unit tier: src/'s tests that
 * stay in one process, the layering check, the dependencies' Node engines (test/engines.test.ts) and the check of the docs' references to code
 * (test/docs-references.test.ts). `npm run test:integration` (vitest.integration.config.ts)
 * runs test/ (whole suites through the CLI, real corpora, kill loops, mounts) and the src/ tests below,
 * which start processes, threads, sockets or a browser. `npm run test:slow` runs test/slow (the packed
 * tarball, signals). .ci/run runs all three.
 */
export const INTEGRATION_TESTS_IN_SRC = [
  'src/cli/cli.test.ts',
  'src/cli/command-replay.test.ts',
  'src/cli/input-readers.test.ts',
  'src/cli/output-env.test.ts',
  'src/compare/memory-probe-child.test.ts',
  'src/external/external.test.ts',
  'src/report/chart-worker.test.ts',
  'src/report/html.test.ts',
  'src/runner/parallel-sizes.test.ts',
  'src/runner/run-suite-workers.test.ts',
  'src/wire/replay-derived-signal.test.ts',
  'src/wire/replay-memory-child.test.ts',
]

/**
 * Unit tests that mock modules (vi.mock): they need a module registry of their own, so they run
 * isolated. The rest of the unit tier shares one registry per worker (isolate: false), which saves
 * re-importing src/ for every file: about 27 s instead of 66 s on this 2-core machine.
 */
export const ISOLATED_UNIT_TESTS = [
  'src/runner/derived-discovery-once.test.ts',
  'src/wire/replay-fresh-compressor.test.ts',
]
