import { describe, expect, it } from 'vitest'
import { alignConnectionSamples, sampledEntriesWarning } from './align-connections.ts'
import { formatEntryRatio } from './format.ts'
import type { ConnectionSizes } from './measure-stateful-entry.ts'
import { createFixtureEntry } from './test-fixtures.ts'
import type { EntryResult } from './types.ts'

/** A per-connection entry that replayed these connections (messages, compressed bytes; 100 original bytes per message) of 4. */
function replayed(label: string, connections: [number, number][]): { entry: EntryResult; sizes: ConnectionSizes[] } {
  const base = createFixtureEntry(label, 1, 10, { family: 'permessage_deflate', kind: 'stateful' })
  const sizes = connections.map(([messages, compressedBytes]) => ({
    messages,
    originalBytes: messages * 100,
    compressedBytes,
    ratioSum: messages,
    expanded: 0,
  }))
  const messages = sizes.reduce((s, c) => s + c.messages, 0)
  const originalBytes = messages * 100
  const compressedBytes = sizes.reduce((s, c) => s + c.compressedBytes, 0)
  return {
    entry: {
      ...base,
      sizes: {
        ...base.sizes,
        messages,
        heldOutMessages: 40,
        coverage: connections.length === 4 ? 'all' : 'sample',
        originalBytes,
        compressedBytes,
        ratio: originalBytes / compressedBytes,
        connections: connections.length,
        heldOutConnections: 4,
      },
    },
    sizes,
  }
}

describe('alignConnectionSamples (s34-trial D1)', () => {
  const pmd = replayed('pmd L6', [
    [10, 100],
    [10, 100],
    [10, 500],
    [10, 500],
  ])
  const stateful = replayed('hybrid st', [
    [10, 50],
    [10, 50],
  ])
  const map = new Map([
    [pmd.entry.spec.id, pmd.sizes],
    [stateful.entry.spec.id, stateful.sizes],
  ])

  it('cuts the entry that replayed more connections to the ones every per-connection entry replayed', () => {
    const [aligned, other] = alignConnectionSamples([pmd.entry, stateful.entry], map)
    expect(aligned?.sizes).toMatchObject({
      messages: 20,
      coverage: 'sample',
      originalBytes: 2000,
      compressedBytes: 200,
      ratio: 10,
      connections: 2,
      heldOutConnections: 4,
      replayedBeyondCommon: { connections: 4, messages: 40, ratio: 4000 / 1200 },
    })
    expect(other).toBe(stateful.entry)
    // so the two compare on the same 20 messages: 20x against 10x
    expect((other?.sizes.ratio ?? 0) / (aligned?.sizes.ratio ?? 1)).toBe(2)
  })

  it('leaves a single per-connection entry and failed entries alone', () => {
    expect(alignConnectionSamples([pmd.entry], map)).toEqual([pmd.entry])
    const failed = { ...stateful.entry, state: 'failed' as const }
    expect(alignConnectionSamples([pmd.entry, failed], map)).toEqual([pmd.entry, failed])
  })

  it('marks the sample wherever the ratio is quoted, and names every cut entry in one warning', () => {
    const [aligned, other] = alignConnectionSamples([pmd.entry, stateful.entry], map) as [EntryResult, EntryResult]
    expect(formatEntryRatio(other)).toBe('20.00x (sample: 20 of 40 messages, 2 of 4 connections)')
    expect(formatEntryRatio(other, true)).toBe('20.00x')
    const cutMessage = createFixtureEntry('hybrid gw', 8, 10, { family: 'hybrid' })
    const perMessage = { ...cutMessage, sizes: { ...cutMessage.sizes, messages: 300, coverage: 'sample' as const } }
    const warning = sampledEntriesWarning('gw', [aligned, other, perMessage], 600)
    expect(warning).toContain('corpus gw: the size budget (size_budget_ms 600) cut 3 entries to a sample')
    expect(warning).toContain(
      'pmd L6, hybrid st over whole connections (20 of 40 messages, 2 of 4 connections, the same connections for each; not scaled)',
    )
    expect(warning).toContain('hybrid gw on 300 of 1,000 messages (the sample’s own ratio, unscaled)')
    expect(sampledEntriesWarning('gw', [createFixtureEntry('zstd L3', 3, 10)], 600)).toBeUndefined()
  })
})
