import { describe, expect, it } from 'vitest'
import { defaultCompareSpec } from '../suite/index.ts'
import { measureConnectionMemory, type MemoryReading } from './connection-memory.ts'
import { createMemoryProbe, FIELD_OPERATOR_TABLES } from './entry-measurer.ts'
import type { StatefulCodec } from './measure-stateful-entry.ts'
import { statefulFixtureSpec } from './test-fixtures.ts'
import type { EntrySpec } from './types.ts'

const spec = (id: string): EntrySpec => ({ id, label: id, family: 'deflate', codec: 'deflate', kind: 'stateful' })

/** A codec that counts its open connections. */
function countingCodec(): StatefulCodec & { openCount: () => number; opened: () => number } {
  let open = 0
  let opened = 0
  return {
    library: 'test',
    openCount: () => open,
    opened: () => opened,
    open() {
      open++
      opened++
      return { encode: (m) => m, decode: (p) => p, close: () => void open-- }
    },
  }
}

describe('measureConnectionMemory', () => {
  it('records RSS and retained growth per connection for each probe, and keeps every connection open until all are measured', async () => {
    const first = countingCodec()
    const second = countingCodec()
    const readings: MemoryReading[] = [
      { rssBytes: 1_000_000, retainedBytes: 200_000 },
      { rssBytes: 1_000_000 + 4 * 8_192, retainedBytes: 200_000 + 4 * 2_048 },
      // the second probe starts where the first ended; its RSS grows less than what JS retains
      { rssBytes: 1_032_768, retainedBytes: 208_192 },
      { rssBytes: 1_032_768 + 4 * 4_096, retainedBytes: 208_192 + 4 * 6_144 },
    ]
    let openAtLastReading = 0
    const openedBeforeReading: number[] = []
    const measured = await measureConnectionMemory(
      [
        { spec: spec('a'), codec: first, windowBytes: 16 },
        { spec: spec('b'), codec: second, windowBytes: 16 },
      ],
      [new Uint8Array(10)],
      {
        connections: 4,
        readMemory: () => {
          openedBeforeReading.push(first.opened() + second.opened())
          openAtLastReading = first.openCount() + second.openCount()
          return readings.shift() ?? { rssBytes: 0, retainedBytes: 0 }
        },
      },
    )
    expect(measured.get('a')).toMatchObject({ measuredRssBytes: 8_192, retainedBytes: 2_048, connections: 4 })
    expect(measured.get('b')).toMatchObject({ measuredRssBytes: 4_096, retainedBytes: 6_144, connections: 4 })
    expect(openAtLastReading).toBe(8)
    // each probe opened (and closed) one connection before its first reading: shared state built on a first open is not per connection
    expect(openedBeforeReading).toEqual([1, 5, 6, 10])
    expect(first.openCount() + second.openCount()).toBe(0)
  })
})

describe('createMemoryProbe: a stateful hybrid with field operators (s30 D2)', () => {
  it("says its formula leaves out the field operators' tables, and carries that into the reading", async () => {
    const hybridSpec = statefulFixtureSpec('st')
    const options = { codec: 'cm' as const, level: 0, windowLog: 15, hashLog: 12, dictionary: null }
    const probe = (fieldOperators: boolean) =>
      createMemoryProbe(hybridSpec, defaultCompareSpec(), {
        options: { ...options, fieldOperators },
        codec: countingCodec(),
        sharedStateBytes: 0,
      })
    expect(probe(false).formulaExcludes).toBeUndefined()
    expect(probe(true).formulaExcludes).toBe(FIELD_OPERATOR_TABLES)
    const flat: MemoryReading = { rssBytes: 0, retainedBytes: 0 }
    const measured = await measureConnectionMemory([probe(true)], [new Uint8Array(10)], {
      connections: 2,
      readMemory: () => flat,
    })
    expect(measured.get('hybrid:st')?.formulaExcludes).toBe(FIELD_OPERATOR_TABLES)
  })
})
