import { describe, expect, it } from 'vitest'
import { loadShareOf, ownLoadNow, ownThreadsStarted } from './own-load.ts'

const minute = 60_000

describe("aura-bench's own share of the 1-minute load average", () => {
  it('weighs threads by when they ran, as the damped average does', () => {
    // one thread running for a long time counts in full
    expect(loadShareOf([{ startMs: 0, threads: 1 }], 30 * minute)).toBeCloseTo(1, 6)
    // 4 workers that ran a minute and stopped just now: 4 x (1 - e^-1)
    expect(loadShareOf([{ startMs: 0, endMs: minute, threads: 4 }], minute)).toBeCloseTo(4 * (1 - Math.exp(-1)), 6)
    // the same workers a minute later: a third of that is left, not the 4 threads in full
    expect(loadShareOf([{ startMs: 0, endMs: minute, threads: 4 }], 2 * minute)).toBeCloseTo(
      4 * (Math.exp(-1) - Math.exp(-2)),
      6,
    )
    // an interval not started yet, or empty, counts nothing
    expect(loadShareOf([{ startMs: 5 * minute, threads: 3 }], minute)).toBe(0)
  })

  it('counts recorded workers while they run and after, on top of the main thread', () => {
    const alone = ownLoadNow()
    const stop = ownThreadsStarted(8)
    const t0 = performance.now()
    while (performance.now() - t0 < 30) {
      // let a few milliseconds of 8 threads accumulate
    }
    stop()
    stop()
    const withWorkers = ownLoadNow()
    expect(withWorkers).toBeGreaterThan(alone)
    expect(withWorkers).toBeLessThan(alone + 8)
  })
})
