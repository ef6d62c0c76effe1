/**
 * The shape of results.json (DESIGN.md's contract) as a zod schema: what a results.json holds at least,
 * extra fields allowed. Read by the report's contract checker (which adds the arithmetic between fields)
 * and by the gate when it loads a baseline; zod stays in this layer (STYLE.md: one place per library).
 */
import { z } from 'zod'
import { PER_MESSAGE_METRICS } from '../core/index.ts'

const count = z.number().int().nonnegative()
const share = z.number().min(0).max(1)
const status = z.enum(['pass', 'near', 'fail'])

const percentiles = z.looseObject({
  p50: z.number().nonnegative(),
  p95: z.number().nonnegative(),
  p99: z.number().nonnegative(),
})

const metrics = z.looseObject({
  messages: count,
  originalBytes: count,
  compressedBytes: count,
  ratio: z.number().nonnegative().nullable(),
  meanRatio: z.number().nonnegative().nullable(),
  savings: z.number().max(1).nullable(),
  templateHitRate: share.nullable(),
  expansionRate: share.nullable(),
  shrinkRate: share.nullable(),
  methods: z.record(z.string(), count),
  latencyUs: z.looseObject({ encode: percentiles, decode: percentiles }).optional(),
  roundTrip: z.looseObject({ checked: count, mismatches: count }),
})

const target = z.looseObject({
  metric: z.string().min(1),
  value: z.number().nullable(),
  status,
  pass: z.number().optional(),
  near: z.number().optional(),
  direction: z.enum(['min', 'max']).optional(),
})

const run = z
  .looseObject({
    corpus: z.string().min(1),
    config: z.string().min(1),
    state: z.enum(['complete', 'failed']).optional(),
    metrics,
    targets: z.array(target),
  })
  .superRefine((r, ctx) => {
    if (r.state === 'failed' || r.metrics.messages === 0) return
    // quotients over the measured messages are 0/0 with none measured: the runner holds NaN and JSON
    // writes null. null is allowed only there: in a failed run or one of 0 messages
    for (const key of PER_MESSAGE_METRICS) {
      // every message empty: savings = 1 - compressed / 0 has no value (JSON null), while ratio is 0 or 1
      const undefinedSavings = key === 'savings' && r.metrics.originalBytes === 0
      if (r.metrics[key] === null && !undefinedSavings)
        ctx.addIssue({
          code: 'custom',
          path: ['metrics', key],
          message: `null although the run completed with ${r.metrics.messages} messages`,
        })
    }
  })

/** results.json's (and, since round 43, comparison.json's) `cost`: the suite's cost: section as recorded */
const recordedCostSchema = z.looseObject({
  // more than 0, as a suite's cost.messages_per_day and cost --messages-per-day have been since round 36 (s36-trial D9)
  messagesPerDay: z
    .array(z.number().positive('must be more than 0 (a projection of 0 messages a day projects nothing)'))
    .min(1),
  pricePerGb: z.number().nonnegative(),
  avgMessageBytes: z.number().positive().optional(),
  overheadBytesPerMessage: z.array(z.number().nonnegative()).min(1).optional(),
  pricePerCpuHour: z.number().nonnegative().optional(),
  baselineConfig: z.string().min(1).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
})

/** Where a recorded `cost` (results.json's or comparison.json's) is not the shape cost projects from: field and message. */
export function recordedCostIssues(value: unknown): { field: string; message: string }[] {
  const parsed = recordedCostSchema.safeParse(value)
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        field: ['cost', ...issue.path.map(String)].join('.'),
        message: issue.message,
      }))
}

/** The contract's shape: what results.json holds at least (extra fields are allowed). */
export const resultsContractSchema = z.looseObject({
  schemaVersion: z.literal(1),
  suite: z.string().min(1),
  incomplete: z.boolean().optional(),
  environment: z.looseObject({ node: z.string().min(1), libraries: z.record(z.string(), z.string()) }),
  runs: z.array(run),
  gate: z.looseObject({ status: z.enum(['pass', 'fail']), reasons: z.array(z.string()) }),
  // the suite's cost: section (optional: absent without one, and in files written before 2026-12-06)
  cost: recordedCostSchema.optional(),
  // the run's warnings, which cost and the gate's lines repeat (s44-small: `warnings: -1` was exit 3 in cost)
  warnings: z.array(z.string()).optional(),
})

/** A results.json that has the contract's shape. */
export type ResultsContract = z.infer<typeof resultsContractSchema>
/** One run of a results.json that has the contract's shape. */
export type ResultsContractRun = ResultsContract['runs'][number]
