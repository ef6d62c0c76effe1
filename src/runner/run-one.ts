/** One corpus x one compressor: the size pass over every message, then latency on a sample. */
import { finishRunPartial, measureRunPartial, type RunPartInput } from './partial.ts'
import type { RunResult } from './types.ts'

/** Where a run is: counting sizes (messages done so far) or timing latency. */
export type RunProgress = { phase: 'sizes'; messagesDone: number } | { phase: 'latency'; sampleMessages: number }

/** Inputs of one run: a run part's inputs, with progress as one callback of both phases. */
export interface RunOneInput extends Omit<RunPartInput, 'onSizeProgress' | 'onLatencyStart'> {
  onProgress?: (progress: RunProgress) => void
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
