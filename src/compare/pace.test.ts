// s36-trial D1: a comparison's long loops (stateful replay, memory probe, size pass) give the event loop a
// turn now and then and stop at the next message once aborted, and a stop is never recorded as a failed entry.
import { describe, expect, it } from 'vitest'
import type { Compressor } from '../core/index.ts'
import { defaultCompareSpec } from '../suite/index.ts'
import { measureConnectionMemory } from './connection-memory.ts'
import { createEntryMeasurer } from './entry-measurer.ts'
import { measureMessageEntry } from './measure-message-entry.ts'
import { measureStatefulConnections, type StatefulCodec } from './measure-stateful-entry.ts'
import { ComparisonAborted, createPace, type Pace } from './pace.ts'
import { createEchoCompressor } from './test-fixtures.ts'
import type { EntrySpec } from './types.ts'

const messages = Array.from({ length: 50 }, (_, i) => ({ index: i, bytes: new TextEncoder().encode(`message ${i}`) }))

/** A pace that aborts once it has been awaited `after` times, counting its calls. */
function abortingPace(after: number): Pace & { calls: () => number } {
  const controller = new AbortController()
  const inner = createPace(controller.signal)
  let calls = 0
  return Object.assign(
    async () => {
      calls += 1
      if (calls > after) controller.abort()
      await inner()
    },
    { calls: () => calls },
  )
}

/** A codec that echoes, with sync calls (as cm's are), counting messages encoded and connections open. */
function echoCodec(): StatefulCodec & { encoded: () => number } {
  let encoded = 0
  return {
    library: 'test',
    encoded: () => encoded,
    open: () => ({
      encode: (m: Uint8Array) => {
        encoded += 1
        return m
      },
      decode: (p: Uint8Array) => p,
    }),
  }
}

describe('createPace', () => {
  it('turns the event loop only once everyMs has passed, and throws ComparisonAborted once aborted', async () => {
    let now = 0
    const controller = new AbortController()
    const pace = createPace(controller.signal, 50, () => now)
    let turns = 0
    const count = () => setImmediate(() => (turns += 1))
    count()
    await pace()
    // 0 ms since the last turn: no macrotask ran
    expect(turns).toBe(0)
    now = 60
    await pace()
    expect(turns).toBe(1)
    controller.abort()
    await expect(pace()).rejects.toBeInstanceOf(ComparisonAborted)
  })
})

describe('a stop inside an entry', () => {
  const settings = { sizeBudgetMs: 60_000, minSizeMessages: 1, warmupMessages: 5 }

  it('ends the stateful replay at the next message, as ComparisonAborted (not a failed entry)', async () => {
    const codec = echoCodec()
    const pace = abortingPace(20)
    const spec: EntrySpec = { id: 'x', label: 'x', family: 'hybrid', codec: 'hybrid', kind: 'stateful' }
    const replay = measureStatefulConnections(spec, codec, [messages.slice(0, 25), messages.slice(25)], {
      ...settings,
      pace,
    })
    await expect(replay).rejects.toBeInstanceOf(ComparisonAborted)
    // 5 warm-up messages, then the replay's messages up to the 21st pace: nothing after it
    expect(codec.encoded()).toBeLessThan(21)
  })

  it('ends the memory probe and closes every connection it opened', async () => {
    let open = 0
    const codec: StatefulCodec = {
      library: 'test',
      open() {
        open += 1
        return { encode: (m) => m, decode: (p) => p, close: () => void (open -= 1) }
      },
    }
    const spec: EntrySpec = { id: 'm', label: 'm', family: 'deflate', codec: 'deflate', kind: 'stateful' }
    const probe = measureConnectionMemory(
      [{ spec, codec, windowBytes: 16 }],
      messages.map((m) => m.bytes),
      { connections: 50, pace: abortingPace(10), readMemory: () => ({ rssBytes: 0, retainedBytes: 0 }) },
    )
    await expect(probe).rejects.toBeInstanceOf(ComparisonAborted)
    expect(open).toBe(0)
  })

  it("ends a per-message entry's size pass", async () => {
    let calls = 0
    const compressor = createEchoCompressor('echo', () => {
      calls += 1
    })
    const spec: EntrySpec = { id: 'p', label: 'p', family: 'hybrid', codec: 'hybrid', kind: 'per-message' }
    const measured = measureMessageEntry(
      spec,
      'test',
      compressor,
      { heldOutShuffled: messages, latencySample: messages },
      {
        sizeBudgetMs: 60_000,
        minSizeMessages: 1,
        latency: { samples: 10, warmup: 0, timeMs: 100 },
        pace: abortingPace(10),
      },
    )
    await expect(measured).rejects.toBeInstanceOf(ComparisonAborted)
    // the untimed first call and 10 of the size pass
    expect(calls).toBe(11)
  })

  // round 37: the latency pass (tinybench, compare.latency.time_ms) ran without a turn of the event loop
  it("ends a per-message entry's latency pass, in its warm-up and in its timed cycle", async () => {
    for (const [warmup, after] of [
      [1_000_000, 105],
      [0, 110],
    ] as const) {
      let calls = 0
      const compressor = createEchoCompressor('echo', () => {
        calls += 1
      })
      const spec: EntrySpec = { id: 'p', label: 'p', family: 'hybrid', codec: 'hybrid', kind: 'per-message' }
      const started = performance.now()
      const measured = measureMessageEntry(
        spec,
        'test',
        compressor,
        { heldOutShuffled: messages, latencySample: messages },
        {
          sizeBudgetMs: 60_000,
          minSizeMessages: 1,
          // unpaced, this pass would take its whole 3 s
          latency: { samples: 10_000_000, warmup, timeMs: 3_000 },
          pace: abortingPace(after),
        },
      )
      await expect(measured).rejects.toBeInstanceOf(ComparisonAborted)
      expect(performance.now() - started).toBeLessThan(1_500)
      // the untimed first call, 50 of the size pass, then 50 frames made for the latency pass, then its few calls before the stop
      expect(calls).toBeLessThan(130)
    }
  })

  it("is let through createEntryMeasurer's catch, which records other errors as a failed entry", async () => {
    const byMessage = [messages.slice(0, 25), messages.slice(25)]
    const input = {
      spec: defaultCompareSpec(),
      train: messages,
      heldOutShuffled: messages,
      latencySample: messages.slice(0, 5),
      connections: byMessage,
      hybrids: new Map<string, Compressor>(),
    }
    const pmd: EntrySpec = {
      id: 'permessage_deflate:6:takeover',
      label: 'pmd L6 takeover',
      family: 'permessage_deflate',
      codec: 'permessage_deflate',
      kind: 'stateful',
      level: 6,
      contextTakeover: true,
    }
    await expect(createEntryMeasurer({ ...input, pace: abortingPace(3) })(pmd)).rejects.toBeInstanceOf(
      ComparisonAborted,
    )
    // unpaced, the same entry measures every message
    const whole = await createEntryMeasurer(input)(pmd)
    expect([whole.result.state, whole.result.sizes.messages]).toEqual(['complete', 50])
  })
})
