/** A suite's `cost:` section as a list of projections: one per messages/day figure and transport overhead. */
import type { CostSpec } from './types.ts'

/** One traffic scenario to project (structurally the report layer's `CostScenario`). */
interface CostScenarioSpec {
  messagesPerDay: number
  pricePerGb: number
  avgMessageBytes?: number
  overheadBytesPerMessage?: number
  pricePerCpuHour?: number
  baselineConfig?: string
  currency?: string
}

/** Every messages/day figure × every overhead value (none: one projection without overhead), in the order written. */
export function createCostScenarios(cost: CostSpec): CostScenarioSpec[] {
  const overheads: (number | undefined)[] = cost.overheadBytesPerMessage ?? [undefined]
  return overheads.flatMap((overheadBytesPerMessage) =>
    cost.messagesPerDay.map(
      (messagesPerDay): CostScenarioSpec => ({
        messagesPerDay,
        pricePerGb: cost.pricePerGb,
        ...(cost.avgMessageBytes === undefined ? {} : { avgMessageBytes: cost.avgMessageBytes }),
        ...(overheadBytesPerMessage === undefined ? {} : { overheadBytesPerMessage }),
        ...(cost.pricePerCpuHour === undefined ? {} : { pricePerCpuHour: cost.pricePerCpuHour }),
        ...(cost.baselineConfig === undefined ? {} : { baselineConfig: cost.baselineConfig }),
        ...(cost.currency === undefined ? {} : { currency: cost.currency }),
      }),
    ),
  )
}
