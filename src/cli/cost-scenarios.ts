/** `cost`'s traffic scenarios: its flags, each falling back to the suite's `cost:` section (or the one results.json records). */
import { AuraError } from '../core/index.ts'
import type { CostScenario } from '../report/index.ts'
import { createCostScenarios, CURRENCY_CODE, type CostSpec, parseCountText } from '../suite/index.ts'
import type { COST_FLAGS } from './command-flags.ts'
import type { FlagValues } from './flags.ts'

type CostValues = FlagValues<typeof COST_FLAGS>

/** True when the scenarios carry a messages/day figure for the corpora `--volume` does not name. */
export function hasDefaultVolume(scenarios: readonly CostScenario[]): boolean {
  return scenarios.every((s) => !Number.isNaN(s.messagesPerDay))
}

/** The baseline config the scenarios share (the flag's, else the suite's), if any. */
export function baselineOf(scenarios: readonly CostScenario[]): string | undefined {
  return scenarios.find((s) => s.baselineConfig !== undefined)?.baselineConfig
}

/** Parses a count such as `100000000`, `100M`, `1B`, `2.5k`, `1e9`. */
function parseCount(text: string, flag: string, positive = false): number {
  const value = parseCountText(text) ?? Number.NaN
  if (!Number.isFinite(value) || value < 0 || (positive && value === 0))
    throw new AuraError(
      'E_USAGE',
      `--${flag} must be a ${positive ? 'positive' : 'non-negative'} ${flag.startsWith('price-') ? 'price (e.g. 0.09, 0.12)' : 'number (e.g. 100M, 1B, 0.10)'}, got "${text}"`,
      { field: `--${flag}` },
    )
  return value
}

/**
 * Scenarios from the flags, falling back key by key to the `cost:` section of the suite (`--suite`) or
 * the one its results.json records (`--results`); `source` says which flag gave the figures.
 */
export function createScenarios(
  values: CostValues,
  cost: CostSpec | undefined,
  source: 'suite' | 'results' | 'replay',
): CostScenario[] {
  const fromFlags = values['messages-per-day']?.map((t) => parseCount(t, 'messages-per-day', true))
  // round 40: with --volume alone, every corpus takes its volume (checkVolumes refuses one it does not name); NaN is
  // never projected
  const perCorpusOnly = (values.volume?.length ?? 0) > 0 ? [Number.NaN] : undefined
  const messagesPerDay = fromFlags ?? cost?.messagesPerDay ?? perCorpusOnly
  const pricePerGb =
    values['price-per-gb'] === undefined ? cost?.pricePerGb : parseCount(values['price-per-gb'], 'price-per-gb')
  if (messagesPerDay === undefined || pricePerGb === undefined) {
    const missing = [
      messagesPerDay === undefined ? '--messages-per-day' : '',
      pricePerGb === undefined ? '--price-per-gb' : '',
    ]
      .filter((m) => m !== '')
      .join(' and ')
    // a replay.json does not record the suite's cost: section; a results.json does since 2026-12-06, when its suite had one
    const why =
      source === 'suite'
        ? "(nor does the suite's cost: section)"
        : source === 'results'
          ? "(this file records no cost: section: its suite had none, or it was written before results.json (2026-12-06) or comparison.json (round 43) recorded it; `cost --suite <suite.yaml>` reads the suite's, measuring the suite again)"
          : "(a replay.json does not record its suite's cost: section)"
    throw new AuraError(
      'E_USAGE',
      `cost --${source} needs ${missing} ${why}`,
      { field: 'cost' },
      {
        hint: 'e.g. --messages-per-day 100M --messages-per-day 1B --price-per-gb 0.10 (or --volume CORPUS=N per corpus)',
      },
    )
  }
  const overheads =
    values['overhead-bytes']?.map((t) => parseCount(t, 'overhead-bytes')) ?? cost?.overheadBytesPerMessage
  const avg =
    values['avg-message-bytes'] === undefined
      ? cost?.avgMessageBytes
      : parseCount(values['avg-message-bytes'], 'avg-message-bytes', true)
  const cpu =
    values['price-per-cpu-hour'] === undefined
      ? cost?.pricePerCpuHour
      : parseCount(values['price-per-cpu-hour'], 'price-per-cpu-hour')
  const baseline = values.baseline ?? cost?.baselineConfig
  const currency = values.currency ?? cost?.currency
  if (values.currency !== undefined && !CURRENCY_CODE.test(values.currency))
    throw new AuraError(
      'E_USAGE',
      `--currency ${values.currency} is not an ISO 4217 currency code`,
      { field: '--currency' },
      {
        hint: 'three capital letters, e.g. --currency EUR (USD, GBP, JPY ...)',
      },
    )
  const merged: CostSpec = {
    messagesPerDay,
    pricePerGb,
    ...(avg === undefined ? {} : { avgMessageBytes: avg }),
    ...(overheads === undefined ? {} : { overheadBytesPerMessage: overheads }),
    ...(cpu === undefined ? {} : { pricePerCpuHour: cpu }),
    ...(baseline === undefined ? {} : { baselineConfig: baseline }),
    ...(currency === undefined ? {} : { currency }),
  }
  return createCostScenarios(merged)
}
