/** Benchmark inputs: shared with the tests, so they live in test/harness (no test imports bench/). */
export * from '../../test/harness/corpus-fixtures.ts'
