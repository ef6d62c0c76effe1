/** The `compare:` section of a suite (snake_case YAML), as zod: which codecs and levels to compare, budgets, sampling. */
import { z } from 'zod'
import { CODEC_LEVEL_RANGES, type CodecName } from '../core/index.ts'

/**
 * Refuses a value listed twice (compared by `key`, e.g. the bytes a size in KiB rounds to): each is one
 * setting, measured once, and a repeat is most likely a typo for another value (`[1, 3, 3]` for
 * `[1, 3, 9]`), so it is named rather than dropped in silence. `what` names a value: `level 3`.
 */
function noRepeats(what: (value: number) => string, key: (value: number) => number = (value) => value) {
  return (values: readonly number[], context: z.core.$RefinementCtx<number[]>): void => {
    const firstIndex = new Map<number, number>()
    values.forEach((value, i) => {
      const first = firstIndex.get(key(value))
      if (first === undefined) firstIndex.set(key(value), i)
      else
        context.addIssue({
          code: 'custom',
          path: [i],
          message: `${what(value)} is already listed at [${first}]${values[first] === value ? '' : ` (as ${values[first]})`}: each setting is measured once; remove the repeat, or write the one you meant`,
        })
    })
  }
}

/** A list of levels of one codec, each within the range the codec accepts, none twice. */
const levels = (codec: keyof typeof CODEC_LEVEL_RANGES) => {
  const [min, max] = CODEC_LEVEL_RANGES[codec]
  return z.array(z.int().min(min).max(max)).superRefine(noRepeats((level) => `level ${level}`))
}

/** A dictionary size in KiB as the whole bytes the dictionary is built with. */
export const kibToBytes = (kb: number): number => Math.round(kb * 1024)

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i)

/** The codec names a `current` entry may name (per-message codecs without a dictionary). */
const CURRENT_CODECS = [
  'brotli',
  'brotli_native',
  'zstd',
  'zstd_napi',
  'deflate',
] as const satisfies readonly CodecName[]

/**
 * The most connections a memory probe holds open per stateful entry: `compare.memory_connections` and
 * `replay --memory-connections`. replay's probe holds two sockets per connection on 127.0.0.1: 1,000
 * took 348 s and 1.2 GB in a trial; far more ran out of sockets.
 */
export const MAX_MEMORY_CONNECTIONS = 1000

/**
 * s43-trial D1: `current: { codec: permessage_deflate }`, the form compare's own hint and docs/compare.md write, takes
 * level 6 (permessage-deflate's usual, as `stateful.level` for deflate); every other codec still names its level
 */
function pmdLevelDefault(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const record = value as Record<string, unknown>
  return record.codec === 'permessage_deflate' && record.level === undefined ? { ...record, level: 6 } : value
}

/**
 * A family written as a mapping (`zstd_stream: { levels: [3] }`) that also takes `[]` for "off", as the
 * list families do (`brotli: []`); s36-trial D8: `zstd_stream: []` was "must be a mapping" with no way out named.
 */
function emptyListAs(off: Record<string, readonly never[]>): (value: unknown) => unknown {
  return (value) => (Array.isArray(value) && value.length === 0 ? off : value)
}

/** The whole `compare:` section; every key has a default, so `compare: {}` compares everything. */
export const compareSchema = z.strictObject({
  /** Brotli qualities through brotli-wasm */
  brotli: levels('brotli').default(range(0, 11)),
  /** Brotli qualities through node:zlib */
  brotli_native: levels('brotli_native').default(range(0, 11)),
  /** Zstandard levels through @mongodb-js/zstd (async) */
  zstd: levels('zstd').default(range(1, 19)),
  /** Zstandard levels through zstd-napi (sync) */
  zstd_napi: levels('zstd_napi').default(range(1, 19)),
  /** raw-content dictionaries from the training split: sizes in KiB x levels; `[]` is off, as for brotli */
  zstd_dict: z.preprocess(
    emptyListAs({ sizes_kb: [], levels: [] }),
    z
      .strictObject({
        sizes_kb: z
          .array(
            z
              .number()
              .positive()
              .max(1024 * 1024)
              .refine((kb) => kibToBytes(kb) >= 1, {
                message: 'rounds to a dictionary of 0 bytes: give at least 1/1024 KiB',
              }),
          )
          // two sizes that round to the same byte count build the same dictionary
          .superRefine(noRepeats((kb) => `size ${kb} KiB (${kibToBytes(kb)} bytes)`, kibToBytes))
          .default([4, 16, 64, 110]),
        levels: levels('zstd_dict').default([3, 19]),
      })
      .prefault({}),
  ),
  /** raw deflate levels, each message alone */
  deflate: levels('deflate').default([6, 9]),
  /** RFC 7692 per connection, each level with and without context takeover; `[]` is off, as for brotli */
  permessage_deflate: z.preprocess(
    emptyListAs({ levels: [] }),
    z
      .strictObject({
        levels: levels('deflate').default([6]),
        window_bits: z.int().min(9).max(15).default(15),
        mem_level: z.int().min(1).max(9).default(8),
      })
      .prefault({}),
  ),
  /** one Zstandard stream per connection, flushed after every message; `[]` is off, as for brotli */
  zstd_stream: z.preprocess(
    emptyListAs({ levels: [] }),
    z
      .strictObject({ levels: levels('zstd_napi').default([3]), window_log: z.int().min(10).max(27).default(17) })
      .prefault({}),
  ),
  /** also measure the suite's configs (hybrid compressors, frames counted) */
  hybrids: z.boolean().default(true),
  /**
   * the codec in production today, the one the summary compares against; since round 35 (s34-trial D4) also
   * `permessage_deflate` with `takeover` (default true): then the summary compares the stateful entries with it
   */
  current: z
    .preprocess(
      pmdLevelDefault,
      z.strictObject({
        codec: z.enum([...CURRENT_CODECS, 'permessage_deflate']),
        // optional here, required below: a misspelt codec is said alone, not with "level is required" (s43-rev1 L5)
        level: z.int().optional(),
        takeover: z.boolean().optional(),
      }),
    )
    .superRefine(({ codec, level, takeover }, context) => {
      const [min, max] = CODEC_LEVEL_RANGES[codec === 'permessage_deflate' ? 'deflate' : codec]
      if (level === undefined)
        context.addIssue({ code: 'custom', path: ['level'], message: 'is required (a number)', input: level })
      else if (level < min || level > max)
        context.addIssue({
          code: 'custom',
          path: ['level'],
          message: `${codec} takes levels ${min} to ${max}, found ${level}`,
        })
      if (takeover !== undefined && codec !== 'permessage_deflate')
        context.addIssue({
          code: 'custom',
          path: ['takeover'],
          message: `takeover (context takeover) is permessage_deflate's: ${codec} has no per-connection context, so it would be ignored`,
        })
    })
    // the level is there once the refinement passed
    .transform((current) => ({ ...current, level: current.level as number }))
    // absent: brotli 11, filled in by parse-suite's toCompareSpec, which records that the suite did not set it (round 37);
    // compare then takes the codec of the suite's cost.baseline_config when it is one codec (run-comparison.ts, round 37)
    .optional(),
  /** encode p95 budgets in microseconds the recommendation answers for */
  budgets_us: z
    .array(z.number().positive())
    .min(1)
    .superRefine(noRepeats((us) => `budget ${us} µs`))
    .default([50, 500]),
  /** latency per entry: a seeded sample of `messages` held-out messages, timed `samples` times each way */
  latency: z
    .strictObject({
      messages: z.int().positive().default(256),
      samples: z.int().positive().default(400),
      warmup: z.int().min(0).default(40),
      time_ms: z.number().positive().default(300),
    })
    .prefault({}),
  /** time for the size pass of one entry on one corpus; past it, sizes come from a seeded sample */
  size_budget_ms: z.number().positive().default(600),
  /** fewest messages a size pass measures even past its budget */
  min_size_messages: z.int().positive().default(20),
  /** open contexts per stateful entry when measuring memory per connection */
  memory_connections: z.int().positive().max(MAX_MEMORY_CONNECTIONS).default(100),
  /** seed of the latency sample and of the size-pass order */
  seed: z.int().min(0).max(0xffffffff).default(1),
})

/** The `compare:` section as zod outputs it. */
export type RawCompare = z.output<typeof compareSchema>
