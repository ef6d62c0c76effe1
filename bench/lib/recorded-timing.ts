/**
 * Section 1's timing of `npm run bench` (bench/lib/timing.ts compareShuffled: passes over the lines in a
 * shuffled order of contenders, chunks of 256 calls each, a warm-up per pass) with one contender's calls
 * kept one by one: how long each took, when it started, which line, and a class the caller names. The
 * anatomy benches (p99-anatomy.ts, decode-anatomy.ts) read the slowest calls of that list.
 */
import { createRandom, shuffledCopy } from '../../src/core/index.ts'

export interface RecordedContender {
  name: string
  run: (i: number) => unknown
  isAsync?: boolean
  /** the contender whose calls are kept (a sync one) */
  record?: boolean
}

export interface RecordedCall {
  /** µs, process.hrtime */
  us: number
  /** performance.now() at the call's start */
  start: number
  line: number
  cls: string
}

const PASSES = 12
const CHUNK = 256

/**
 * Times `calls` calls of each contender on `lines` lines as section 1 does; the recorded contender's
 * calls are returned, each classed by `classOf(line, result)`. `beforeRecorded` runs before each recorded
 * call, outside its time (p99-anatomy resets its flags there).
 */
export async function timeRecordedAsSection1(
  contenders: readonly RecordedContender[],
  lines: number,
  calls: number,
  classOf: (line: number, result: unknown) => string,
  beforeRecorded?: () => void,
): Promise<RecordedCall[]> {
  const perPass = Math.ceil(calls / PASSES)
  const random = createRandom(PASSES)
  const out: RecordedCall[] = []
  for (let pass = 0; pass < PASSES; pass++) {
    const offset = pass * perPass
    const order = shuffledCopy([...contenders], random)
    const warmup = Math.min(2000, Math.floor(perPass / 5))
    for (const c of order)
      for (let i = 0; i < warmup; i++) {
        const r = c.run((i + offset) % lines)
        if (c.isAsync === true) await r
      }
    for (let start = 0; start < perPass; start += CHUNK) {
      const end = Math.min(perPass, start + CHUNK)
      for (const c of order) {
        for (let call = start; call < end; call++) {
          const i = ((call % lines) + offset) % lines
          if (c.record === true) {
            beforeRecorded?.()
            const s = performance.now()
            const t0 = process.hrtime.bigint()
            const result = c.run(i)
            const us = Number(process.hrtime.bigint() - t0) / 1000
            out.push({ us, start: s, line: i, cls: classOf(i, result) })
          } else if (c.isAsync === true) await c.run(i)
          else c.run(i)
        }
      }
    }
  }
  return out
}
