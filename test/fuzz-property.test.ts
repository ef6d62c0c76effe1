/**
 * The decoder fuzzer's property, small enough for `npm test`: cases 0-2999 of seed 42 from the same
 * generator as `bench/fuzz.ts` (replay one with `npx tsx bench/fuzz.ts --seed 42 --replay INDEX`),
 * then every decompression bomb against every target with a small max_message_bytes and against one
 * with the 16 MiB default. Each case must return bytes within the bound (the right bytes for a valid
 * frame) or reject with an E_FRAME_* code; the script adds the per-case time limit and a million cases.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { createFuzzCase, KIND_WEIGHTS, type FuzzCase } from './harness/fuzz-cases.ts'
import { createTally, NO_LIMITS, recordOutcome, runFuzzCase, type FuzzReport } from './harness/fuzz-check.ts'
import { createFuzzSetup, SMALL_MAX_MESSAGE_BYTES, type FuzzSetup, type FuzzTarget } from './harness/fuzz-targets.ts'

const SEED = 42
const CASES = 3000

let setup: FuzzSetup

beforeAll(async () => {
  setup = await createFuzzSetup()
})

/** Runs cases and returns the tally and every failure (no time limit: `npm test` never asserts on time). */
async function runCases(
  cases: Iterable<FuzzCase>,
): Promise<{ tally: ReturnType<typeof createTally>; failures: FuzzReport[] }> {
  const tally = createTally()
  const failures: FuzzReport[] = []
  for (const fuzzCase of cases) {
    const report = recordOutcome(tally, fuzzCase, await runFuzzCase(fuzzCase), NO_LIMITS)
    if (report !== undefined) failures.push(report)
  }
  return { tally, failures }
}

function* generated(): Generator<FuzzCase> {
  for (let index = 0; index < CASES; index++) yield createFuzzCase(setup, SEED, index)
}

describe('decoding hostile frames (the fuzzer, 3,000 cases)', () => {
  it('every case returns bytes within the bound or rejects with an E_FRAME_* code', async () => {
    const { tally, failures } = await runCases(generated())
    expect(failures).toEqual([])
    expect(tally.cases).toBe(CASES)
    // the generator reaches every kind but the rare bombs (run below), and decoders both accept and refuse
    for (const kind of Object.keys(KIND_WEIGHTS).filter((k) => k !== 'bomb'))
      expect(tally.kinds[kind], kind).toBeGreaterThan(0)
    expect(tally.results).toBeGreaterThan(0)
    expect(Object.keys(tally.codes)).toEqual(
      expect.arrayContaining([
        'E_FRAME_CORRUPT',
        'E_FRAME_TRUNCATED',
        'E_FRAME_UNKNOWN_METHOD',
        'E_FRAME_UNKNOWN_TEMPLATE',
      ]),
    )
  })

  it('covers every target and both framings', () => {
    const targets = new Set<string>()
    for (const fuzzCase of generated()) targets.add(fuzzCase.target.name)
    expect([...targets].sort()).toEqual(setup.targets.map((t) => t.name).sort())
    expect(new Set(setup.targets.map((t) => t.compressor.config.framing))).toEqual(
      new Set(['tagged', 'text-passthrough']),
    )
  })
})

describe('decompression bombs stop at max_message_bytes', () => {
  /** A bomb case for a target; zstd_dict frames need the target's dictionary, which only one family has. */
  function bombCases(targets: readonly FuzzTarget[]): FuzzCase[] {
    return targets.flatMap((target) =>
      setup.bombs.map((bomb, index) => ({
        index,
        kind: 'bomb' as const,
        target,
        frame: bomb.frame,
        expected: { state: 'any' as const },
        origin: bomb.name,
      })),
    )
  }

  it(`with a ${SMALL_MAX_MESSAGE_BYTES}-byte limit: E_FRAME_TOO_LARGE (E_FRAME_NO_DICTIONARY for zstd_dict without the dictionary)`, async () => {
    const small = setup.targets.filter((t) => t.maxMessageBytes === SMALL_MAX_MESSAGE_BYTES)
    const cases = bombCases(small)
    for (const fuzzCase of cases) {
      const outcome = await runFuzzCase(fuzzCase)
      const hasDictionary = fuzzCase.target.compressor.config.fallback === 'zstd_dict'
      const expected =
        fuzzCase.origin.startsWith('zstd_dict') && !hasDictionary ? 'E_FRAME_NO_DICTIONARY' : 'E_FRAME_TOO_LARGE'
      expect({
        bomb: fuzzCase.origin,
        target: fuzzCase.target.name,
        outcome: outcome.status === 'rejected' ? outcome.code : outcome,
      }).toEqual({
        bomb: fuzzCase.origin,
        target: fuzzCase.target.name,
        outcome: expected,
      })
    }
  })

  it('with the 16 MiB default: E_FRAME_TOO_LARGE, the 16 Mi-line message (6 KB, past its decode budget) too', async () => {
    const full = setup.targets.filter((t) => t.name === 'emergency+zstd_dict')
    expect(full).toHaveLength(1)
    const { failures, tally } = await runCases(bombCases(full))
    expect(failures).toEqual([])
    expect(tally.codes).toEqual({ E_FRAME_TOO_LARGE: setup.bombs.length })
    expect(tally.results).toBe(0)
  })
})
