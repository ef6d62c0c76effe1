/** One corpus x one compressor: the size pass over every message, then latency on a sample. */
import type { Compressor } from '../core/index.ts'
import type { LatencySettings } from './latency.ts'
import type { SizePassOptions } from './measure-sizes.ts'
import { finishRunPartial, measureRunPartial, type RunPartInput } from './partial.ts'
import type { RunnerMessage, SizeAccumulator } from './size-accumulator.ts'
import type { RunResult } from './types.ts'

/** Where a run is: counting sizes (messages done so far) or timing latency. */
export type RunProgress = { phase: 'sizes'; messagesDone: number } | { phase: 'latency'; sampleMessages: number }

/** Inputs of one run. */
export interface RunOneInput {
  corpusName: string
  configName: string
  compressor: Compressor
  messages: Iterable<RunnerMessage> | AsyncIterable<RunnerMessage>
  /** latency settings (the suite's `LatencySpec` fits); `enabled: false` leaves `latencyUs` out */
  latency: LatencySettings & { enabled?: boolean }
  onProgress?: (progress: RunProgress) => void
  /** caps and seed of the size pass (defaults of `measureSizes`) */
  sizes?: Omit<SizePassOptions, 'onProgress'>
  /** runs the size pass in place of accumulateSizes on `compressor` (a suite with `workers` > 1 uses worker threads) */
  accumulateSizes?: (messages: RunOneInput['messages'], options: SizePassOptions) => Promise<SizeAccumulator>
}

/** runOne's input as the part measurer takes it (progress split into its two phases). */
export function toRunPartInput(input: RunOneInput): RunPartInput {
  const { onProgress, ...rest } = input
  if (onProgress === undefined) return rest
  return {
    ...rest,
    onSizeProgress: (messagesDone) => onProgress({ phase: 'sizes', messagesDone }),
    onLatencyStart: (sampleMessages) => onProgress({ phase: 'latency', sampleMessages }),
  }
}

/**
 * Measures one run (measureRunPartial, then finishRunPartial: the same path as merged shards). Never
 * throws for a codec error: a compress that throws (size pass or latency) makes the run `failed`
 * with the first error; round-trip mismatches are counted, the run stays `complete` and the gate
 * judges them. Latency is skipped for a failed size pass. An error reading `messages` (a loader's
 * bad-input error) is not the codec's: it propagates. `targets` is left empty for the reporter.
 */
export async function runOne(input: RunOneInput): Promise<RunResult> {
  return finishRunPartial(await measureRunPartial(toRunPartInput(input)), input.sizes?.seed)
}
