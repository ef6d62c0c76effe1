/**
 * One worker thread of the parallel size pass: builds its own compressor from the config file,
 * measures the batches it is sent with accumulateSizes, acknowledges each batch (the sender's
 * back-pressure), and at the end posts its counters back for merging. Started by parallel-sizes.ts
 * directly when compiled, or from source through size-worker-entry.mjs, which registers tsx first.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { AuraError, type Compressor } from '../core/index.ts'
import { loadCompressorConfig } from '../suite/index.ts'
import { createCompressorFromConfig } from './load-compressor.ts'
import { accumulateSizes } from './measure-sizes.ts'
import { unpackBatch, type PackedBatch } from './message-batch.ts'
import type { RunnerMessage, SizeLimits } from './size-accumulator.ts'
import type { ToWorker, WorkerSetup } from './parallel-sizes.ts'

async function buildCompressor(setup: WorkerSetup): Promise<Compressor> {
  const config = await loadCompressorConfig(setup.configPath)
  // the seed's rule, as the single-thread size pass measures (partial.ts sizePassCompressor)
  const compressor = await createCompressorFromConfig({
    ...config,
    name: setup.configName,
    ...(setup.trainingReading === undefined ? {} : { zstdDictTrainingReading: setup.trainingReading }),
  })
  return compressor.withoutLearning()
}

/** Batches as they arrive; `next` waits for one (null: no more). */
function createInbox(): { push(item: PackedBatch | null): void; next(): Promise<PackedBatch | null> } {
  const queue: (PackedBatch | null)[] = []
  let waiting: ((item: PackedBatch | null) => void) | undefined
  return {
    push(item) {
      if (waiting === undefined) queue.push(item)
      else {
        const resolve = waiting
        waiting = undefined
        resolve(item)
      }
    },
    next: () =>
      queue.length > 0
        ? Promise.resolve(queue.shift() as PackedBatch | null)
        : new Promise((resolve) => (waiting = resolve)),
  }
}

/**
 * The messages of the batches in the inbox, acknowledging each batch once its last message has been
 * measured (when the next one is asked for). A plain iterator: an async generator's machinery would
 * cost more per message than the bookkeeping of the whole size pass.
 */
function messagesOf(
  inbox: ReturnType<typeof createInbox>,
  ack: (messages: number) => void,
  stopped: () => boolean,
): AsyncIterable<RunnerMessage> {
  let messages: RunnerMessage[] = []
  let at = 0
  const nextBatch = async (): Promise<IteratorResult<RunnerMessage>> => {
    if (messages.length > 0) ack(messages.length)
    const batch = await inbox.next()
    if (batch === null) return { done: true, value: undefined }
    ;[messages, at] = [unpackBatch(batch), 0]
    return messages.length === 0 ? nextBatch() : { done: false, value: messages[at++] as RunnerMessage }
  }
  const iterator: AsyncIterator<RunnerMessage> = {
    next: () => {
      // asked to stop (parallel-sizes.ts): end here, between two messages, rather than be terminated mid-message
      if (stopped()) return Promise.resolve({ done: true, value: undefined })
      return at < messages.length
        ? Promise.resolve({ done: false, value: messages[at++] as RunnerMessage })
        : nextBatch()
    },
  }
  return { [Symbol.asyncIterator]: () => iterator }
}

async function main(): Promise<void> {
  const port = parentPort
  if (port === null) throw new Error('size-worker.ts runs in a worker thread')
  const setup = workerData as WorkerSetup
  const inbox = createInbox()
  port.on('message', (message: ToWorker) => inbox.push(message.kind === 'batch' ? message.batch : null))
  let compressor: Compressor
  try {
    compressor = await buildCompressor(setup)
  } catch (error) {
    if (!(error instanceof AuraError)) throw error
    port.postMessage({
      kind: 'failed',
      error: { code: error.code, message: error.reason, location: error.location, hint: error.hint },
    })
    // the port's listener would keep the thread alive until the pool's 1.5 s terminate() (s32 review)
    port.close()
    return
  }
  port.postMessage({ kind: 'ready' })
  const limits: Partial<SizeLimits> = setup.limits
  const stopped = () => Atomics.load(setup.stop, 0) === 1
  const acc = await accumulateSizes(
    compressor,
    messagesOf(inbox, (messages) => port.postMessage({ kind: 'ack', messages }), stopped),
    { ...limits, seed: setup.seed },
  )
  // stopped part-way: nobody waits for these counts; closing the port lets the thread end by itself
  if (!stopped()) port.postMessage({ kind: 'done', acc })
  port.close()
}

await main()
