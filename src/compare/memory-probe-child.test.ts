/**
 * compare's memory probe, one entry per child process (round 39, s38-trial D6): a stateful config probed after
 * the zstd_stream entry read 0-37 KB of RSS per connection (154-216 KiB alone) while its JS objects retained
 * ~290 KiB: the entries before it had left freed memory resident for it to reuse. Integration tier: starts processes.
 */
import { describe, expect, it } from 'vitest'
import { createRawContentDictionary } from '../codecs/index.ts'
import { defaultCompareSpec } from '../suite/index.ts'
import { measureConnectionMemory, PROBE_BUDGET_BYTES, probeConnections } from './connection-memory.ts'
import { createMemoryProbe } from './entry-measurer.ts'
import { openProbeCodec, probeInChildProcess, type ProbeCodecSpec } from './memory-probe-child.ts'
import { ComparisonAborted } from './pace.ts'
import { chatMessages, statefulFixtureSpec } from './test-fixtures.ts'
import type { EntrySpec } from './types.ts'

const messages = (count: number, seed: number): Uint8Array[] => chatMessages(count, seed, { text: true })

const stream: EntrySpec = {
  id: 'zstd_stream:3:17',
  label: 'zstd_stream L3 w17',
  family: 'zstd_stream',
  codec: 'zstd_stream',
  level: 3,
  kind: 'stateful',
  windowLog: 17,
}

describe("compare's memory probe in a child process per entry", () => {
  const held = messages(3000, 7)
  const options = {
    codec: 'cm' as const,
    level: 0,
    windowLog: 15,
    hashLog: 12,
    fieldOperators: false,
    dictionary: createRawContentDictionary(messages(6000, 3), 1024 * 1024),
  }
  const hybrid = { options, codec: openProbeCodec({ kind: 'hybrid', options }), sharedStateBytes: 0 }

  it('gives every stateful entry a plain-data codec spec that opens the same codec', () => {
    const spec = defaultCompareSpec()
    const pmd = createMemoryProbe(
      {
        id: 'permessage_deflate:6:takeover',
        label: 'pmd L6 takeover',
        family: 'permessage_deflate',
        codec: 'permessage_deflate',
        level: 6,
        kind: 'stateful',
        contextTakeover: true,
      },
      spec,
    )
    expect(pmd.isolated).toEqual({
      kind: 'permessage_deflate',
      level: 6,
      windowBits: 15,
      memLevel: 8,
      contextTakeover: true,
    })
    expect(createMemoryProbe(stream, spec).isolated).toEqual({ kind: 'zstd_stream', level: 3, windowLog: 17 })
    expect(createMemoryProbe(statefulFixtureSpec('st'), spec, hybrid).isolated).toEqual({ kind: 'hybrid', options })
    expect(structuredClone(createMemoryProbe(statefulFixtureSpec('st'), spec, hybrid).isolated)).toEqual({
      kind: 'hybrid',
      options,
    })
  })

  it('reads a stateful config after the pmd and zstd_stream entries at its own pages (in one process: 0 after them)', async () => {
    const spec = defaultCompareSpec()
    const pmd = (contextTakeover: boolean): EntrySpec => ({
      id: `permessage_deflate:6:${contextTakeover}`,
      label: `pmd L6 ${contextTakeover}`,
      family: 'permessage_deflate',
      codec: 'permessage_deflate',
      level: 6,
      kind: 'stateful',
      contextTakeover,
    })
    // compare's order and connection count (memory_connections 100); measured in one process at load 20 this read
    // the stateful entry at 0 per connection (71 KiB alone) against 286 KiB retained, in child processes at 275 KiB
    const probes = [pmd(true), pmd(false), stream].map((e) => createMemoryProbe(e, spec))
    const measured = await measureConnectionMemory(
      [...probes, createMemoryProbe(statefulFixtureSpec('st'), spec, hybrid)],
      held,
      { connections: 100, isolate: probeInChildProcess },
    )
    const reading = measured.get('hybrid:st')
    expect(reading?.retainedBytes).toBeGreaterThan(200 * 1024)
    // the model's typed arrays written by its first messages are resident pages of the child's own
    expect(reading?.measuredRssBytes).toBeGreaterThan((reading?.retainedBytes ?? 0) / 2)
    expect(measured.get(stream.id)?.measuredRssBytes).toBeGreaterThan(512 * 1024)
  })

  it('refuses, naming the entry, when the child cannot measure', async () => {
    const bad = { kind: 'zstd_stream', level: 3, windowLog: 99 } as ProbeCodecSpec
    await expect(
      probeInChildProcess({ codec: bad, warm: new Uint8Array(10), connections: 2 }, 'zstd_stream L3 w99'),
    ).rejects.toThrow('the memory probe of zstd_stream L3 w99 in a child process failed')
  })

  // s39-rev3 F3: every failure in the child came back as E_ENVIRONMENT (exit 2), a bug's stack lost
  it('raises a bug in the child as E_INTERNAL with its stack, not as the environment', async () => {
    const broken = { kind: 'hybrid', options: undefined } as unknown as ProbeCodecSpec
    const failed = probeInChildProcess({ codec: broken, warm: new Uint8Array(64), connections: 2 }, 'broken entry')
    await expect(failed).rejects.toMatchObject({ code: 'E_INTERNAL' })
    await expect(failed).rejects.toThrow(
      /the memory probe of broken entry in a child process failed: .*codec[\s\S]*at /,
    )
  })

  // s40-trial D7: a stop took the CLI's whole 3 s grace while the child kept probing, and the child outlived the CLI
  it('ends the child at once when the comparison is stopped, rejecting with ComparisonAborted', async () => {
    const controller = new AbortController()
    const spec: ProbeCodecSpec = { kind: 'zstd_stream', level: 19, windowLog: 20 }
    const started = performance.now()
    // a million connections would take many minutes: only the abort ends it within the test's time
    const probe = probeInChildProcess(
      { codec: spec, warm: new Uint8Array(64 * 1024).fill(65), connections: 1_000_000 },
      'zstd_stream L19 w20',
      controller.signal,
    )
    setTimeout(() => controller.abort(), 300)
    await expect(probe).rejects.toBeInstanceOf(ComparisonAborted)
    expect(performance.now() - started).toBeLessThan(20_000)
  })
})

// s40-trial D1: a stateful zstd config at ~65 MiB a connection took the default 100 connections to 6.9 GB
describe('the memory probe stops at its budget', () => {
  it('opens connections until they hold the budget and reads the growth over those it opened', async () => {
    let rss = 1_000_000
    const codec = {
      library: 'fake',
      open: () => {
        rss += 10_000_000
        return { encode: async (m: Uint8Array) => m, decode: async (m: Uint8Array) => m }
      },
    }
    const read = () => ({ rssBytes: rss, retainedBytes: 0 })
    const growth = await probeConnections(
      codec,
      new Uint8Array(8),
      100,
      read,
      undefined,
      undefined,
      35_000_000,
      () => rss,
    )
    expect(growth.connections).toBe(4)
    expect(growth.rssBytes).toBe(10_000_000)
    // within the budget: every connection asked, no count in the result (comparison.json as before)
    const small = await probeConnections(codec, new Uint8Array(8), 3, read, undefined, undefined, 35_000_000, () => rss)
    expect(small).not.toHaveProperty('connections')
    expect(PROBE_BUDGET_BYTES).toBe(1024 ** 3)
  })
})
