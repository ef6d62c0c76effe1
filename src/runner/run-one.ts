/** One corpus x one compressor: the size pass over every message, then latency on a sample. */
import type { Compressor } from '../core/index.ts'
import { measureLatency, type LatencySettings } from './latency.ts'
import { describeError, measureSizes, type SizePass, type SizePassOptions } from './measure-sizes.ts'
import type { RunnerMessage } from './size-accumulator.ts'
import type { LatencyUs, RunMetrics, RunResult } from './types.ts'

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
  /** runs the size pass in place of measureSizes on `compressor` (a suite with `workers` > 1 uses worker threads) */
  measureSizes?: (messages: RunOneInput['messages'], options: SizePassOptions) => Promise<SizePass>
}

/**
 * Measures one run. Never throws for a codec error: a compress that throws (size pass or latency)
 * makes the run `failed` with the first error; round-trip mismatches are counted, the run stays
 * `complete` and the gate judges them. Latency is skipped for a failed size pass. An error reading
 * `messages` (a loader's bad-input error) is not the codec's: it propagates. `targets` is left empty
 * for the reporter.
 */
export async function runOne(input: RunOneInput): Promise<RunResult> {
  const { compressor, onProgress } = input
  const sizeOptions: SizePassOptions = { ...input.sizes }
  if (onProgress !== undefined) sizeOptions.onProgress = (messagesDone) => onProgress({ phase: 'sizes', messagesDone })
  const pass = await (input.measureSizes ?? ((messages, options) => measureSizes(compressor, messages, options)))(input.messages, sizeOptions)

  let latency: { state: 'measured'; latencyUs: LatencyUs } | { state: 'skipped' } | { state: 'failed'; error: { code: string; message: string } } = { state: 'skipped' }
  if (pass.state === 'complete' && input.latency.enabled !== false && pass.latencySample.length > 0) {
    onProgress?.({ phase: 'latency', sampleMessages: pass.latencySample.length })
    try {
      latency = { state: 'measured', latencyUs: await measureLatency(compressor, pass.latencySample, input.latency) }
    } catch (error) {
      latency = { state: 'failed', error: describeError(error) }
    }
  }

  const metrics: RunMetrics = { ...pass.metrics, roundTrip: pass.roundTrip, sharedStateBytes: compressor.sharedStateBytes }
  if (latency.state === 'measured') metrics.latencyUs = latency.latencyUs
  const result: RunResult = {
    corpus: input.corpusName,
    config: input.configName,
    state: 'complete',
    metrics,
    categories: pass.categories,
    expanding: pass.expanding,
    expandingCount: pass.expandingCount,
    mismatches: pass.mismatches,
    targets: [],
    confidence: pass.confidence,
  }
  return withFailure(result, pass, latency.state === 'failed' ? latency.error : undefined)
}

function withFailure(result: RunResult, pass: SizePass, latencyError: { code: string; message: string } | undefined): RunResult {
  if (pass.state === 'failed') return { ...result, state: 'failed', error: { ...pass.error }, failedMessages: pass.failedMessages }
  if (latencyError !== undefined) return { ...result, state: 'failed', error: latencyError }
  return result
}
