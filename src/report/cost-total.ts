/**
 * The total of one cost scenario across the corpora it projects (round 40, s39-trial D5): a suite of several
 * streams, each at its own messages per day (`cost --volume CORPUS=N`), sums to one bill per config. A config is
 * totalled only when it is projected on every corpus (a sum over some of them would read as the whole bill).
 */
import type { ConfigCost, CostProjection } from './cost.ts'

/** Traffic and egress money summed over the corpora. */
interface TotalTraffic {
  gbPerDay: number
  costPerMonthUsd: number
  costPerYearUsd: number
}

/** One config's sums over every corpus. */
export interface ConfigTotal extends TotalTraffic {
  name: string
  savedPerMonthUsd: number
  savedPerYearUsd: number
  /** with a baseline config */
  savedVsBaselinePerMonthUsd?: number
  savedVsBaselinePerYearUsd?: number
  /** with a CPU price and this config's CPU measured on every corpus */
  cpuCostPerMonthUsd?: number
  netSavedPerMonthUsd?: number
  /** with a baseline config whose CPU was measured too, on every corpus: egress saved against it less the CPU beyond its own (round 41, s41-trial D4) */
  netSavedVsBaselinePerMonthUsd?: number
}

/** The total of one scenario: each corpus at its messages per day, the uncompressed traffic and each config summed. */
export interface CostTotal {
  corpora: { corpus: string; messagesPerDay: number }[]
  overheadBytesPerMessage: number
  baselineConfig?: string
  currency?: string
  uncompressed: TotalTraffic
  configs: ConfigTotal[]
  /** configs not projected on every corpus, so not totalled; absent when none */
  notOnEveryCorpus?: string[]
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0)

/** Sums one config over the corpora, each optional figure only when every corpus has it. */
function configTotal(name: string, costs: readonly ConfigCost[]): ConfigTotal {
  const every = <T>(pick: (c: ConfigCost) => T | undefined): T[] | undefined => {
    const values = costs.map(pick)
    return values.every((v) => v !== undefined) ? (values as T[]) : undefined
  }
  const vsMonth = every((c) => c.savedVsBaselinePerMonthUsd)
  const vsYear = every((c) => c.savedVsBaselinePerYearUsd)
  const cpu = every((c) => c.cpu?.cpuCostPerMonthUsd)
  const net = every((c) => c.cpu?.netSavedPerMonthUsd)
  const netVs = every((c) => c.cpu?.netSavedVsBaselinePerMonthUsd)
  return {
    name,
    gbPerDay: sum(costs.map((c) => c.sent.gbPerDay)),
    costPerMonthUsd: sum(costs.map((c) => c.sent.costPerMonthUsd)),
    costPerYearUsd: sum(costs.map((c) => c.sent.costPerYearUsd)),
    savedPerMonthUsd: sum(costs.map((c) => c.savedPerMonthUsd)),
    savedPerYearUsd: sum(costs.map((c) => c.savedPerYearUsd)),
    ...(vsMonth === undefined || vsYear === undefined
      ? {}
      : { savedVsBaselinePerMonthUsd: sum(vsMonth), savedVsBaselinePerYearUsd: sum(vsYear) }),
    ...(cpu === undefined || net === undefined ? {} : { cpuCostPerMonthUsd: sum(cpu), netSavedPerMonthUsd: sum(net) }),
    ...(netVs === undefined ? {} : { netSavedVsBaselinePerMonthUsd: sum(netVs) }),
  }
}

/** The total of one scenario's projections (one per corpus, in corpus order); configs in the first corpus's order. */
export function totalCost(projections: readonly { corpus: string; projection: CostProjection }[]): CostTotal {
  const first = projections[0]?.projection
  const names = [...new Set(projections.flatMap((p) => p.projection.configs.map((c) => c.name)))]
  const everywhere = names.filter((name) => projections.every((p) => p.projection.configs.some((c) => c.name === name)))
  const left = names.filter((name) => !everywhere.includes(name))
  return {
    corpora: projections.map((p) => ({ corpus: p.corpus, messagesPerDay: p.projection.messagesPerDay })),
    overheadBytesPerMessage: first?.overheadBytesPerMessage ?? 0,
    ...(first?.baselineConfig === undefined ? {} : { baselineConfig: first.baselineConfig }),
    ...(first?.currency === undefined ? {} : { currency: first.currency }),
    uncompressed: {
      gbPerDay: sum(projections.map((p) => p.projection.uncompressed.gbPerDay)),
      costPerMonthUsd: sum(projections.map((p) => p.projection.uncompressed.costPerMonthUsd)),
      costPerYearUsd: sum(projections.map((p) => p.projection.uncompressed.costPerYearUsd)),
    },
    configs: everywhere.map((name) =>
      configTotal(
        name,
        projections.map((p) => p.projection.configs.find((c) => c.name === name) as ConfigCost),
      ),
    ),
    ...(left.length === 0 ? {} : { notOnEveryCorpus: left }),
  }
}
