/**
 * The size pass over worker threads: the corpus is streamed once on this thread, cut into batches
 * and dealt round-robin to N workers, each of which builds its own compressor from the config file
 * and runs accumulateSizes on its share; their counters are merged with mergeSizeAccumulators.
 * Memory stays bounded: at most MAX_BATCHES_IN_FLIGHT batches per worker are queued (a worker
 * acknowledges each batch it has measured), and each worker keeps only bounded counters.
 * Round-robin by batch keeps the shards, and so the merged latency sample, the same on every run.
 *
 * However the pass ends (its counts in, a signal's abort, a failed batch, a loader error), each worker
 * is asked to stop and ends by itself, between two messages; `worker.terminate()` is only the last
 * resort for one still busy STOP_WAIT_MS later. Terminating a worker mid-message aborted the whole
 * process (SIGABRT, `node_zlib.cc: Assertion failed: init_done_ && "close before init"`): when the
 * termination lands between the construction of a zlib handle and its init (every deflateRawSync makes
 * one), Node 20 frees that handle as the worker's environment is torn down and asserts. A user's Ctrl-C
 * then ended `run` by a signal instead of its exit 130 (cli-signals.test.ts, 1 try in ~45 under load).
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import {
  AuraError,
  type Compressor,
  type CompressorConfig,
  type ErrorCode,
  type ErrorLocation,
  type TrainingCorpusReading,
} from '../core/index.ts'
import { finishSizePass, type SizePass, type SizePassOptions } from './measure-sizes.ts'
import { ownThreadsStarted } from './own-load.ts'
import { packBatch, transferListOf, type PackedBatch } from './message-batch.ts'
import { mergeAccumulatorList, partSeed } from './partial.ts'
import type { RunOneInput } from './partial.ts'
import type { RunnerMessage, SizeAccumulator, SizeLimits } from './size-accumulator.ts'

/** The config a worker builds its compressor from. */
interface WorkerCompressorSpec {
  /** config YAML path */
  configPath: string
  /** the name the run gives the config */
  configName: string
  /** how the config's training corpus is read when the suite, not the file, says it (withSuiteTrainingReading) */
  trainingReading?: TrainingCorpusReading
}

/** Options of the parallel size pass: a size pass's options plus the worker count and batch size. */
interface ParallelSizeOptions extends SizePassOptions {
  /** worker threads, at least 1 */
  workers: number
  /** messages per batch, default 256 (a batch also closes at 1 MiB) */
  batchMessages?: number
}

/** What a worker is started with (its workerData). */
export interface WorkerSetup extends WorkerCompressorSpec {
  /** URL of size-worker.ts, imported by the entry file */
  module: string
  seed: number
  limits: Partial<SizeLimits>
  /** one Int32 shared with the worker: set to 1, the worker stops before its next message (STOP_FLAG) */
  stop: Int32Array
}

/** Messages to a worker. */
export type ToWorker = { kind: 'batch'; batch: PackedBatch } | { kind: 'end' }

/** Messages from a worker. */
type FromWorker =
  | { kind: 'ready' }
  | { kind: 'failed'; error: { code: ErrorCode; message: string; location: ErrorLocation; hint: string | undefined } }
  | { kind: 'ack'; messages: number }
  | { kind: 'done'; acc: SizeAccumulator }

const MAX_BATCHES_IN_FLIGHT = 2
/** how long a worker asked to stop may take to end by itself before it is terminated (main.ts's grace is 3 s) */
const STOP_WAIT_MS = 1500
const MAX_BATCH_BYTES = 1024 * 1024
// Compiled (dist/, the package): the worker is plain JavaScript and starts directly. From source
// (tests, tsx): the .mjs entry registers tsx in the worker first, then imports the TypeScript worker.
const COMPILED = import.meta.url.endsWith('.js')
const ENTRY = new URL(COMPILED ? './size-worker.js' : './size-worker-entry.mjs', import.meta.url)
const MODULE = new URL('./size-worker.ts', import.meta.url).href

/** A suite's `workers` as a thread count: 'auto' is one per core Node may use; absent is 1. */
export function resolveWorkers(workers: number | 'auto' | undefined): number {
  return workers === 'auto' ? availableParallelism() : (workers ?? 1)
}

/**
 * runOne's size pass on worker threads, for a hybrid compressor the workers can rebuild from its
 * config file, when `workers` resolves above 1; `{}` (runOne's single-thread pass) otherwise.
 */
export function parallelSizePass(
  ref: { path: string; name: string },
  compressor: Compressor,
  workers: number | 'auto' | undefined,
): Pick<RunOneInput, 'accumulateSizes' | 'sizeWorkers'> {
  const count = resolveWorkers(workers)
  // an external compressor (a process of its own) has no config a worker could rebuild
  const isHybrid = 'storeFingerprint' in compressor && 'config' in compressor
  if (count <= 1 || !isHybrid) return {}
  // the reading the suite gave the training corpus: a worker rebuilding from the file alone would read it otherwise
  const reading = (compressor as { config?: CompressorConfig }).config?.zstdDictTrainingReading
  const spec = {
    configPath: ref.path,
    configName: ref.name,
    ...(reading === undefined ? {} : { trainingReading: reading }),
  }
  return {
    accumulateSizes: (messages, options) => accumulateSizesParallel(spec, messages, { ...options, workers: count }),
    sizeWorkers: count,
  }
}

/** Runs the size pass on worker threads and returns the merged pass (see the file comment). */
export async function measureSizesParallel(
  spec: WorkerCompressorSpec,
  messages: Iterable<RunnerMessage> | AsyncIterable<RunnerMessage>,
  options: ParallelSizeOptions,
): Promise<SizePass> {
  return finishSizePass(await accumulateSizesParallel(spec, messages, options), options.seed)
}

/** The size pass of a whole corpus on `workers` threads, as one merged accumulator. */
async function accumulateSizesParallel(
  spec: WorkerCompressorSpec,
  messages: Iterable<RunnerMessage> | AsyncIterable<RunnerMessage>,
  options: ParallelSizeOptions,
): Promise<SizeAccumulator> {
  const { workers: count, batchMessages = 256, seed = 1, onProgress, progressEveryMessages = 1000, ...limits } = options
  if (!Number.isInteger(count) || count < 1)
    throw new AuraError('E_SCHEMA', `workers must be a whole number from 1 up, got ${count}`, { field: 'workers' })
  const progress = createProgress(onProgress, progressEveryMessages)
  const pool = Array.from({ length: count }, (_, i) =>
    startWorker(
      { ...spec, module: MODULE, seed: partSeed(seed, i), limits, stop: new Int32Array(new SharedArrayBuffer(4)) },
      progress.add,
    ),
  )
  // the load average holds these threads for minutes after: the busy-machine judgement takes them out (own-load.ts)
  const stopped = ownThreadsStarted(count)
  try {
    await Promise.all(pool.map((w) => w.ready))
    let pending: RunnerMessage[] = []
    let pendingBytes = 0
    let sent = 0
    for await (const message of messages) {
      pending.push(message)
      pendingBytes += message.bytes.length
      if (pending.length < batchMessages && pendingBytes < MAX_BATCH_BYTES) continue
      await (pool[sent++ % count] as WorkerHandle).send(packBatch(pending))
      ;[pending, pendingBytes] = [[], 0]
    }
    if (pending.length > 0) await (pool[sent % count] as WorkerHandle).send(packBatch(pending))
    const shards = await Promise.all(pool.map((w) => w.finish()))
    progress.end()
    // the workers are shards of one process: merged by the one merge of run parts (partial.ts)
    return mergeAccumulatorList(shards, seed)
  } finally {
    await Promise.all(pool.map((w) => w.stop()))
    stopped()
  }
}

function createProgress(onProgress: ((messagesDone: number) => void) | undefined, every: number) {
  let done = 0
  let reported = 0
  return {
    add(messages: number): void {
      const before = done
      done += messages
      if (onProgress !== undefined && Math.floor(done / every) > Math.floor(before / every))
        onProgress((reported = done))
    },
    end(): void {
      if (onProgress !== undefined && reported !== done) onProgress(done)
    },
  }
}

interface WorkerHandle {
  /** resolves when the compressor is built; rejects with the worker's AuraError */
  ready: Promise<void>
  /** queues a batch; resolves once fewer than MAX_BATCHES_IN_FLIGHT are unacknowledged */
  send(batch: PackedBatch): Promise<void>
  /** ends the input and resolves with the worker's counters */
  finish(): Promise<SizeAccumulator>
  /** resolves once the worker has ended: by itself between two messages, or terminated STOP_WAIT_MS after the ask */
  stop(): Promise<void>
}

function startWorker(setup: WorkerSetup, onAck: (messages: number) => void): WorkerHandle {
  // a clean execArgv: from source the entry registers the TypeScript loader itself
  const worker = new Worker(ENTRY, { workerData: setup, execArgv: [] })
  let inFlight = 0
  let failure: Error | undefined
  let wake: { resolve: () => void; reject: (error: Error) => void } | undefined
  const ready = deferred<void>()
  const done = deferred<SizeAccumulator>()
  const exited = deferred<void>()
  const fail = (error: Error): void => {
    failure ??= error
    ready.reject(failure)
    done.reject(failure)
    wake?.reject(failure)
  }
  worker.on('message', (message: FromWorker) => {
    if (message.kind === 'ready') ready.resolve()
    else if (message.kind === 'failed')
      fail(
        new AuraError(
          message.error.code,
          message.error.message,
          message.error.location,
          message.error.hint === undefined ? {} : { hint: message.error.hint },
        ),
      )
    else if (message.kind === 'done') done.resolve(message.acc)
    else {
      inFlight -= 1
      onAck(message.messages)
      wake?.resolve()
    }
  })
  worker.on('error', fail)
  worker.on('exit', (code) => {
    exited.resolve()
    fail(new AuraError('E_INTERNAL', `size worker exited (code ${code}) before it reported its counts`))
  })
  return {
    ready: ready.promise,
    async send(batch) {
      if (failure !== undefined) throw failure
      worker.postMessage({ kind: 'batch', batch } satisfies ToWorker, transferListOf(batch))
      inFlight += 1
      while (inFlight >= MAX_BATCHES_IN_FLIGHT) {
        const next = deferred<void>()
        wake = next
        await next.promise
        wake = undefined
      }
    },
    finish() {
      if (failure === undefined) worker.postMessage({ kind: 'end' } satisfies ToWorker)
      return done.promise
    },
    async stop() {
      // seen by the worker before its next message, mid-batch included; the message wakes one waiting for a batch
      Atomics.store(setup.stop, 0, 1)
      worker.postMessage({ kind: 'end' } satisfies ToWorker)
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), STOP_WAIT_MS)))
      const how = await Promise.race([exited.promise, late])
      clearTimeout(timer)
      // still busy (a compressor that hangs, or one still being built): the last resort, with the risk above
      if (how === 'late') await worker.terminate()
    },
  }
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void
  let reject!: (error: Error) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  // failures also surface through send/finish; a handle nobody awaits must not become an unhandled rejection
  promise.catch(() => undefined)
  return { promise, resolve, reject }
}
