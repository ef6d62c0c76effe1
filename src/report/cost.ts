/**
 * Cost projection in money (pure). Units: GB are decimal (1 GB = 1e9 bytes, as cloud egress is
 * billed); a month is 30 days; a year is 365 days (so a year is not 12 months here); prices in USD.
 */
import { AuraError } from '../core/index.ts'
import type { RunResult } from '../runner/index.ts'

/** Bytes in one decimal gigabyte. */
export const BYTES_PER_GB = 1e9
/** Days in the projected month. */
export const DAYS_PER_MONTH = 30
/** Days in the projected year. */
export const DAYS_PER_YEAR = 365
const US_PER_HOUR = 3.6e9

/** One config's compression and, optionally, its CPU time and price. */
interface CostConfigInput {
  name: string
  /** originalBytes / compressedBytes of the message payload; give this or `compressedBytesPerMessage` */
  compressionRatio?: number
  /** mean frame size in bytes; wins over `compressionRatio` when both are given */
  compressedBytesPerMessage?: number
  /** CPU time per message and its price; decode time counts too when you pay for both ends (default 0) */
  cpu?: { encodeUsPerMessage: number; decodeUsPerMessage?: number; pricePerCpuHour: number }
}

/** Traffic, price and the configs to project. */
export interface CostInput {
  messagesPerDay: number
  /** mean uncompressed message size in bytes */
  avgMessageBytes: number
  /** USD per decimal GB (1e9 bytes) sent */
  pricePerGb: number
  /** transport framing per message (websocket/HTTP/TCP headers), added to original and compressed alike; default 0 */
  overheadBytesPerMessage?: number
  configs: CostConfigInput[]
  /** config name savings are also compared against (e.g. the one in production today) */
  baselineConfig?: string
  /** ISO 4217 code of the prices; absent: USD (the `...Usd` fields are then in this currency) */
  currency?: string
}

/** Volume and egress money of one way of sending the traffic. */
interface TrafficCost {
  bytesPerMessage: number
  gbPerDay: number
  costPerDayUsd: number
  costPerMonthUsd: number
  costPerYearUsd: number
}

/** CPU money of a config and where it breaks even with the egress it saves. */
interface CpuCost {
  cpuUsPerMessage: number
  cpuHoursPerDay: number
  cpuCostPerMonthUsd: number
  /** egress saved vs uncompressed minus CPU cost, per 30-day month */
  netSavedPerMonthUsd: number
  /** CPU µs per message at which CPU cost equals the egress saved; null when nothing is saved */
  breakEvenCpuUsPerMessage: number | null
  /** USD per GB at which the egress saved equals the CPU cost; null when nothing is saved */
  breakEvenPricePerGb: number | null
  /**
   * s38-fixc (trial D8), with a baseline config whose CPU was measured too: egress saved vs the baseline minus the
   * CPU this config costs beyond the baseline's, per 30-day month (negative: a loss against today's config)
   */
  netSavedVsBaselinePerMonthUsd?: number
  /**
   * CPU µs per message at which this config's net against the baseline is zero (the baseline's CPU plus what the
   * bytes saved vs it buy, or leave when it sends more); null when it sends no fewer bytes and costs no less CPU
   */
  breakEvenVsBaselineCpuUsPerMessage?: number | null
  /**
   * USD per GB above which the bytes saved vs the baseline pay for the extra CPU (0: it costs no more CPU than the
   * baseline, or sends the same bytes for less CPU: it pays at any price); for a config sending more bytes but
   * costing less CPU, the price below which it pays; null when it sends no fewer bytes and costs no less CPU than the
   * baseline
   */
  breakEvenVsBaselinePricePerGb?: number | null
}

/** Projection of one config. */
export interface ConfigCost {
  name: string
  compressionRatio: number
  /** original traffic (payload + overhead) */
  original: TrafficCost
  /** what this config sends (frames + overhead) */
  sent: TrafficCost
  savedPerMonthUsd: number
  savedPerYearUsd: number
  /** vs `baselineConfig`; absent without a baseline */
  savedVsBaselinePerMonthUsd?: number
  savedVsBaselinePerYearUsd?: number
  cpu?: CpuCost
}

/** The whole projection: inputs echoed, the uncompressed traffic and one entry per config. */
export interface CostProjection {
  messagesPerDay: number
  avgMessageBytes: number
  pricePerGb: number
  overheadBytesPerMessage: number
  baselineConfig?: string
  /** ISO 4217 code of every money figure (the `...Usd` fields included); absent: USD */
  currency?: string
  uncompressed: TrafficCost
  configs: ConfigCost[]
}

function traffic(bytesPerMessage: number, messagesPerDay: number, pricePerGb: number): TrafficCost {
  const gbPerDay = (bytesPerMessage * messagesPerDay) / BYTES_PER_GB
  const costPerDayUsd = gbPerDay * pricePerGb
  return {
    bytesPerMessage,
    gbPerDay,
    costPerDayUsd,
    costPerMonthUsd: costPerDayUsd * DAYS_PER_MONTH,
    costPerYearUsd: costPerDayUsd * DAYS_PER_YEAR,
  }
}

function requireNonNegative(value: number | undefined, field: string, positive = false): void {
  if (value === undefined) return
  if (!Number.isFinite(value) || value < 0 || (positive && value === 0)) {
    throw new AuraError(
      'E_SCHEMA',
      `cost projection: ${field} must be a ${positive ? 'positive' : 'non-negative'} number, got ${value}`,
      { field },
    )
  }
}

function compressedBytes(config: CostConfigInput, avgMessageBytes: number, index: number): number {
  if (config.compressedBytesPerMessage !== undefined) return config.compressedBytesPerMessage
  if (config.compressionRatio !== undefined) return avgMessageBytes / config.compressionRatio
  throw new AuraError(
    'E_SCHEMA',
    `cost projection: config "${config.name}" needs compressionRatio or compressedBytesPerMessage`,
    { field: `configs[${index}]` },
  )
}

function validate(input: CostInput): void {
  requireNonNegative(input.messagesPerDay, 'messagesPerDay')
  requireNonNegative(input.avgMessageBytes, 'avgMessageBytes', true)
  requireNonNegative(input.pricePerGb, 'pricePerGb')
  requireNonNegative(input.overheadBytesPerMessage, 'overheadBytesPerMessage')
  input.configs.forEach((c, i) => {
    requireNonNegative(c.compressionRatio, `configs[${i}].compressionRatio`, true)
    requireNonNegative(c.compressedBytesPerMessage, `configs[${i}].compressedBytesPerMessage`)
    requireNonNegative(c.cpu?.encodeUsPerMessage, `configs[${i}].cpu.encodeUsPerMessage`)
    requireNonNegative(c.cpu?.decodeUsPerMessage, `configs[${i}].cpu.decodeUsPerMessage`)
    requireNonNegative(c.cpu?.pricePerCpuHour, `configs[${i}].cpu.pricePerCpuHour`)
  })
  if (input.baselineConfig !== undefined && !input.configs.some((c) => c.name === input.baselineConfig)) {
    throw new AuraError(
      'E_SCHEMA',
      `cost projection: baseline config "${input.baselineConfig}" is not among the configs`,
      { field: 'baselineConfig' },
    )
  }
}

function cpuCost(
  cpu: NonNullable<CostConfigInput['cpu']>,
  savedBytesPerMessage: number,
  input: CostInput,
  savedPerMonthUsd: number,
): CpuCost {
  const cpuUsPerMessage = cpu.encodeUsPerMessage + (cpu.decodeUsPerMessage ?? 0)
  const cpuHoursPerDay = (cpuUsPerMessage * input.messagesPerDay) / US_PER_HOUR
  const cpuCostPerMonthUsd = cpuHoursPerDay * cpu.pricePerCpuHour * DAYS_PER_MONTH
  const savedUsdPerMessage = (savedBytesPerMessage / BYTES_PER_GB) * input.pricePerGb
  const cpuUsdPerMessage = (cpuUsPerMessage / US_PER_HOUR) * cpu.pricePerCpuHour
  const saves = savedBytesPerMessage > 0
  return {
    cpuUsPerMessage,
    cpuHoursPerDay,
    cpuCostPerMonthUsd,
    netSavedPerMonthUsd: savedPerMonthUsd - cpuCostPerMonthUsd,
    breakEvenCpuUsPerMessage:
      saves && cpu.pricePerCpuHour > 0
        ? (savedUsdPerMessage / cpu.pricePerCpuHour) * US_PER_HOUR
        : saves
          ? Infinity
          : null,
    breakEvenPricePerGb: saves ? cpuUsdPerMessage / (savedBytesPerMessage / BYTES_PER_GB) : null,
  }
}

/** s38-fixc (trial D8): a config's net and break-even against the baseline config, both CPUs counted. */
function cpuVsBaseline(
  c: ConfigCost,
  baseline: ConfigCost,
  input: CostInput,
  savedVsBaselinePerMonthUsd: number,
  pricePerCpuHour: number,
): Pick<
  CpuCost,
  'netSavedVsBaselinePerMonthUsd' | 'breakEvenVsBaselineCpuUsPerMessage' | 'breakEvenVsBaselinePricePerGb'
> {
  const cpu = c.cpu as CpuCost
  const base = baseline.cpu as CpuCost
  const extraCpuPerMonthUsd = cpu.cpuCostPerMonthUsd - base.cpuCostPerMonthUsd
  const savedBytesPerMessage = baseline.sent.bytesPerMessage - c.sent.bytesPerMessage
  const saves = savedBytesPerMessage > 0
  const savedUsdPerMessage = (savedBytesPerMessage / BYTES_PER_GB) * input.pricePerGb
  // the CPU price per µs, from the price per hour (s38-fixs: not from the month's money, which is 0 at no traffic)
  const usdPerCpuUs = pricePerCpuHour / US_PER_HOUR
  const extraCpuUsdPerMessage = (cpu.cpuUsPerMessage - base.cpuUsPerMessage) * usdPerCpuUs
  const net = savedVsBaselinePerMonthUsd - extraCpuPerMonthUsd
  // sending as many bytes as the baseline, or more, pays only by costing less CPU: below the CPU time the extra
  // bytes' money leaves, and (more bytes) while egress is cheaper than the CPU saved per GB
  const cheaper = !saves && extraCpuUsdPerMessage < 0
  if (!saves && !cheaper)
    return {
      netSavedVsBaselinePerMonthUsd: net,
      breakEvenVsBaselineCpuUsPerMessage: null,
      breakEvenVsBaselinePricePerGb: null,
    }
  return {
    netSavedVsBaselinePerMonthUsd: net,
    breakEvenVsBaselineCpuUsPerMessage:
      usdPerCpuUs > 0 ? base.cpuUsPerMessage + savedUsdPerMessage / usdPerCpuUs : Infinity,
    // the same bytes for less CPU: it pays at any egress price (0, as for fewer bytes at no more CPU)
    breakEvenVsBaselinePricePerGb:
      savedBytesPerMessage === 0 ? 0 : Math.max(0, extraCpuUsdPerMessage / (savedBytesPerMessage / BYTES_PER_GB)),
  }
}

/**
 * Projects egress (and optionally CPU) money per config. Steps:
 * 1. bytes per message: original = avg + overhead; sent = compressed + overhead (overhead is not compressible);
 * 2. GB/day = bytes per message × messages/day / 1e9; money = GB × pricePerGb, × 30 per month, × 365 per year;
 * 3. saved = original − sent money, and baseline − sent when a baseline config is named;
 * 4. with CPU: CPU hours/day = µs per message × messages/day / 3.6e9; break-even is where that money equals the egress saved.
 */
export function projectCost(input: CostInput): CostProjection {
  validate(input)
  const overhead = input.overheadBytesPerMessage ?? 0
  const uncompressed = traffic(input.avgMessageBytes + overhead, input.messagesPerDay, input.pricePerGb)
  const configs = input.configs.map((config, index): ConfigCost => {
    const frameBytes = compressedBytes(config, input.avgMessageBytes, index)
    const sent = traffic(frameBytes + overhead, input.messagesPerDay, input.pricePerGb)
    const savedPerMonthUsd = uncompressed.costPerMonthUsd - sent.costPerMonthUsd
    const result: ConfigCost = {
      name: config.name,
      compressionRatio: frameBytes === 0 ? Infinity : input.avgMessageBytes / frameBytes,
      original: uncompressed,
      sent,
      savedPerMonthUsd,
      savedPerYearUsd: uncompressed.costPerYearUsd - sent.costPerYearUsd,
    }
    if (config.cpu !== undefined)
      result.cpu = cpuCost(config.cpu, input.avgMessageBytes - frameBytes, input, savedPerMonthUsd)
    return result
  })
  const baseline = configs.find((c) => c.name === input.baselineConfig)
  if (baseline !== undefined) {
    configs.forEach((c, index) => {
      c.savedVsBaselinePerMonthUsd = baseline.sent.costPerMonthUsd - c.sent.costPerMonthUsd
      c.savedVsBaselinePerYearUsd = baseline.sent.costPerYearUsd - c.sent.costPerYearUsd
      const price = input.configs[index]?.cpu?.pricePerCpuHour
      if (c.cpu !== undefined && baseline.cpu !== undefined && price !== undefined)
        Object.assign(c.cpu, cpuVsBaseline(c, baseline, input, c.savedVsBaselinePerMonthUsd, price))
    })
  }
  return {
    messagesPerDay: input.messagesPerDay,
    avgMessageBytes: input.avgMessageBytes,
    pricePerGb: input.pricePerGb,
    overheadBytesPerMessage: overhead,
    ...(input.baselineConfig === undefined ? {} : { baselineConfig: input.baselineConfig }),
    ...(input.currency === undefined ? {} : { currency: input.currency }),
    uncompressed,
    configs,
  }
}

/** A traffic scenario to project measured runs onto (the `cost` section of a report). */
export interface CostScenario {
  messagesPerDay: number
  /** default: the corpus's mean message size */
  avgMessageBytes?: number
  pricePerGb: number
  overheadBytesPerMessage?: number
  /** with it, CPU money uses each run's mean encode + decode time (when latency was measured) */
  pricePerCpuHour?: number
  baselineConfig?: string
  /** ISO 4217 code of the prices; absent: USD */
  currency?: string
  /** corpus whose runs are projected; default the first run's */
  corpus?: string
}

/** Builds a cost input from a corpus's complete runs: their aggregate ratio and mean encode/decode µs. */
export function createCostInput(runs: readonly RunResult[], scenario: CostScenario): CostInput {
  const corpus = scenario.corpus ?? runs[0]?.corpus
  const chosen = runs.filter((run) => run.corpus === corpus && run.state === 'complete')
  const first = chosen[0]
  if (first === undefined)
    throw new AuraError('E_SCHEMA', `cost projection: no complete run for corpus "${corpus ?? ''}"`, {
      field: 'corpus',
    })
  const avgMessageBytes = scenario.avgMessageBytes ?? first.metrics.originalBytes / first.metrics.messages
  const configs = chosen.map((run): CostConfigInput => {
    const latency = run.metrics.latencyUs
    const cpu =
      latency === undefined || scenario.pricePerCpuHour === undefined
        ? undefined
        : {
            encodeUsPerMessage: latency.encode.mean,
            decodeUsPerMessage: latency.decode.mean,
            pricePerCpuHour: scenario.pricePerCpuHour,
          }
    return { name: run.config, compressionRatio: run.metrics.ratio, ...(cpu === undefined ? {} : { cpu }) }
  })
  return {
    messagesPerDay: scenario.messagesPerDay,
    avgMessageBytes,
    pricePerGb: scenario.pricePerGb,
    ...(scenario.overheadBytesPerMessage === undefined
      ? {}
      : { overheadBytesPerMessage: scenario.overheadBytesPerMessage }),
    configs,
    ...(scenario.baselineConfig === undefined ? {} : { baselineConfig: scenario.baselineConfig }),
    ...(scenario.currency === undefined ? {} : { currency: scenario.currency }),
  }
}
