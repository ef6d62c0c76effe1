/**
 * How much a second thread can add on this machine right now: the same fixed CPU-bound loop in one
 * worker thread, then in two at once. On an idle 2-core machine two take as long as one (capacity
 * 2.0); when other processes hold the second core, they take twice as long (capacity 1.0). Worker
 * speed-ups in the other sections can only be read against this figure.
 */
import { Worker } from 'node:worker_threads'

/** Integer work in a worker, reporting its own wall time in milliseconds. */
const LOOP = `
const { parentPort, workerData } = require('node:worker_threads')
const t0 = performance.now()
let x = 0
for (let i = 0; i < workerData; i++) x = (x * 31 + i) % 1000003
parentPort.postMessage({ ms: performance.now() - t0, x })
`

function runLoop(iterations: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOOP, { eval: true, workerData: iterations })
    worker.once('message', (message: { ms: number }) => {
      resolve(message.ms)
      void worker.terminate()
    })
    worker.once('error', reject)
  })
}

/** Threads' worth of CPU two threads got: 2 x (time of one alone) / (mean time of two at once), medians of 3. */
export async function probeParallelCapacity(
  iterations = 100_000_000,
): Promise<{ aloneMs: number; pairMs: number; capacity: number }> {
  const alone: number[] = []
  const pair: number[] = []
  for (let round = 0; round < 3; round++) {
    alone.push(await runLoop(iterations))
    const both = await Promise.all([runLoop(iterations), runLoop(iterations)])
    pair.push((both[0] + both[1]) / 2)
  }
  const median = (values: number[]): number => values.sort((a, b) => a - b)[1] as number
  const [aloneMs, pairMs] = [median(alone), median(pair)]
  return { aloneMs, pairMs, capacity: (2 * aloneMs) / pairMs }
}
