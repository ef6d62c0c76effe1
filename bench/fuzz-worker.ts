/**
 * One fuzz worker: runs cases [start, end) of a seed, posts failure reports as they happen and its
 * tally every TALLY_EVERY cases, and keeps the index of the case in progress (plus a heartbeat) in
 * shared memory so the main thread can name a case that never returns.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { createFuzzCase } from '../test/harness/fuzz-cases.ts'
import { createTally, recordOutcome, runFuzzCase, type CaseLimits } from '../test/harness/fuzz-check.ts'
import { createFuzzSetup } from '../test/harness/fuzz-targets.ts'

/** What the main thread gives a worker. */
export interface FuzzWorkerData {
  seed: number
  start: number
  end: number
  limits: CaseLimits
  /** indexes to skip (cases that hung a previous worker) */
  skip: number[]
  /** Int32Array over it: [case in progress, heartbeat] per worker slot */
  progress: SharedArrayBuffer
  slot: number
}

/** Messages a worker posts. */
export type FuzzWorkerMessage =
  | { type: 'ready' }
  | { type: 'report'; report: import('../test/harness/fuzz-check.ts').FuzzReport }
  | { type: 'tally'; tally: import('../test/harness/fuzz-check.ts').FuzzTally; next: number }
  | { type: 'done' }

const TALLY_EVERY = 2000

async function main(): Promise<void> {
  const data = workerData as FuzzWorkerData
  const port = parentPort
  if (port === null) throw new Error('fuzz-worker runs as a worker thread')
  const post = (message: FuzzWorkerMessage): void => port.postMessage(message)
  const progress = new Int32Array(data.progress)
  const skip = new Set(data.skip)
  const setup = await createFuzzSetup()
  post({ type: 'ready' })
  let tally = createTally()
  for (let index = data.start; index < data.end; index++) {
    if (skip.has(index)) continue
    Atomics.store(progress, data.slot * 2, index)
    Atomics.add(progress, data.slot * 2 + 1, 1)
    const fuzzCase = createFuzzCase(setup, data.seed, index)
    const report = recordOutcome(tally, fuzzCase, await runFuzzCase(fuzzCase, data.limits), data.limits)
    if (report !== undefined) post({ type: 'report', report })
    if (tally.cases >= TALLY_EVERY) {
      post({ type: 'tally', tally, next: index + 1 })
      tally = createTally()
    }
  }
  post({ type: 'tally', tally, next: data.end })
  post({ type: 'done' })
}

await main()
