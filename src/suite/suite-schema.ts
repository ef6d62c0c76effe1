/** The YAML schema of a suite (snake_case keys), as zod: types, ranges and defaults. Cross-field rules live in suite-checks.ts. */
import { z } from 'zod'
import { entryNameSchema } from './name-schema.ts'
import { corpusHeaderKey, derivedConfigKeys } from './derived-schema.ts'
import { regressionSchema } from './regression-schema.ts'
import { compareSchema } from './compare-schema.ts'
import { parseCountText } from './count-text.ts'

/** An ISO 4217 currency code as `cost.currency` and `cost --currency` take it. */
export const CURRENCY_CODE = /^[A-Z]{3}$/

/** A bare string entry is shorthand for `{ path: <string> }`. */
const pathShorthand = (value: unknown): unknown => (typeof value === 'string' ? { path: value } : value)

const seed = z.int().min(0).max(0xffffffff)

/** One corpus of a suite. */
const corpusEntrySchema = z.preprocess(
  pathShorthand,
  z.strictObject({
    path: z.string().min(1),
    name: entryNameSchema.optional(),
    format: z.enum(['txt', 'jsonl', 'json', 'loghub', 'har', 'auto']).default('auto'),
    text_field: z.string().min(1).default('text'),
    category_field: z.string().min(1).default('category'),
    limit: z.int().positive().optional(),
    sample: z.strictObject({ size: z.int().positive(), seed: seed.default(0) }).optional(),
    split: z
      .strictObject({
        train_fraction: z.number().gt(0).lt(1),
        seed: seed.default(0),
        use: z.enum(['train', 'test']).default('test'),
        mode: z.enum(['random', 'ordered']).default('random'),
      })
      .optional(),
    min_message_bytes: z.int().min(0).optional(),
    max_message_bytes: z.int().positive().optional(),
    har_direction: z.enum(['receive', 'send', 'both']).default('receive'),
    required: z.boolean().default(true),
    /** a jsonl corpus's recordings file (its connections), relative to the suite's folder; absent: looked up beside the corpus */
    recordings: z.string().min(1).optional(),
    ...corpusHeaderKey,
  }),
)

/** One compressor config of a suite: a path, or a name and a path. */
const configEntrySchema = z.preprocess(
  pathShorthand,
  z.strictObject({ path: z.string().min(1), name: entryNameSchema.optional(), ...derivedConfigKeys }),
)

/** One target; the metric name, the side of `near` and the threshold ranges are checked in suite-checks.ts. */
const targetSchema = z.strictObject({
  metric: z.string().min(1),
  pass: z.number(),
  near: z.number().optional(),
  direction: z.enum(['min', 'max']).optional(),
  label: z.string().optional(),
  gated: z.boolean().default(true),
  configs: z.array(z.string().min(1)).min(1).optional(),
})

/** Reference figures per config: metric values, and an optional `source` string. */
const figuresSchema = z.record(z.string(), z.record(z.string(), z.union([z.number(), z.string()])))

/** The whole suite file. */
export const suiteSchema = z.strictObject({
  // the name becomes the report folder (reports/<name>/): no separators, no `..`
  name: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      'must be letters, digits, ".", "_" or "-", starting with a letter or digit (it names the report folder)',
    )
    .optional(),
  description: z.string().optional(),
  /** the question the suite answers, heading compare's summary; absent: no question is put to the reader */
  question: z.string().min(1).optional(),
  corpora: z.array(corpusEntrySchema).min(1),
  configs: z.array(configEntrySchema).min(1),
  targets: z.array(targetSchema).default([]),
  gate: z
    .strictObject({ configs: z.array(z.string().min(1)).min(1).optional(), near_fails: z.boolean().default(false) })
    .prefault({}),
  latency: z
    .strictObject({
      enabled: z.boolean().default(true),
      samples: z.int().positive().default(2000),
      warmup: z.int().min(0).default(200),
      time_ms: z.number().positive().default(3000),
    })
    .prefault({}),
  /** worker threads for the size pass: a count, or 'auto' for one per available core */
  workers: z
    .union([z.int().min(1).max(256), z.literal('auto')], { error: 'must be a whole number from 1 to 256, or "auto"' })
    .default(1),
  reference: z.strictObject({ source: z.string().default(''), figures: figuresSchema.default({}) }).optional(),
  /** Markdown shown in the report's Notes: what the numbers mean, why they differ from the reference */
  notes: z.string().optional(),
  /** per metric, how far it may worsen against a baseline (`run --baseline`) before the gate warns or fails */
  regression: regressionSchema.optional(),
  /** cost projection scenarios shown in the report */
  cost: z
    .strictObject({
      // prices may be 0, as on the command line (cost --price-per-gb 0) and in projectCost: free egress still
      // projects the volume, the CPU money and the break-even price; traffic may not (s36-trial D9: a day of
      // 0 messages projects nothing, and --messages-per-day 0 is E_USAGE as run --limit 0 is)
      // counts as on the command line (200M, 1.5B, 1_000): one parser, count-text.ts; anything else is
      // left as written for the number schema to refuse in its words
      messages_per_day: z
        .array(z.preprocess((v) => (typeof v === 'string' ? (parseCountText(v) ?? v) : v), z.number().positive()))
        .min(1),
      price_per_gb: z.number().min(0),
      avg_message_bytes: z.number().positive().optional(),
      overhead_bytes_per_message: z.union([z.number().min(0), z.array(z.number().min(0)).min(1)]).optional(),
      price_per_cpu_hour: z.number().min(0).optional(),
      baseline_config: z.string().min(1).optional(),
      // the prices' currency, printed in place of `$`/USD (s35-trial D6); a code, so no symbol is guessed
      currency: z
        .string()
        .regex(CURRENCY_CODE, 'an ISO 4217 currency code: three capital letters, e.g. EUR, USD, GBP, JPY')
        .optional(),
    })
    .optional(),
  /** what `aura-bench compare` measures (codecs, levels, budgets, sampling) */
  compare: compareSchema.optional(),
})

/** A suite as zod outputs it: snake_case, defaults filled, paths as written. */
export type RawSuite = z.output<typeof suiteSchema>
