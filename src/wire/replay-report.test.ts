import { describe, expect, it } from 'vitest'
import { renderReplay } from './replay-report.ts'

/** replay.md of a replay with no corpus and these memory rows (20 connections probed). */
const renderMemory = (memory: Parameters<typeof renderReplay>[0]['memory']): string =>
  renderReplay({
    suite: 's',
    startedAt: '2026-12-07T15:00:00.000Z',
    loadAverage: { start: 1, end: 1 },
    limits: { maxConnections: 10, maxMessages: 100, memoryConnections: 20 },
    corpora: [],
    memory,
  })

// s40-rev3 F1: measured in a fresh process per config, every row carries that process's own growth spread over the
// connections (raw read 672 KiB a connection at 20, a stateful row below what its JS retains); the report says so
describe("replay.md's memory section", () => {
  it('says each config is measured in a process of its own and to read each row against raw', () => {
    const md = renderMemory([
      { config: 'raw', rssBytesPerConnection: 688_128, retainedBytesPerConnection: 12_000, connections: 20 },
    ])
    expect(md).toContain('| raw | 672.0 KiB | 11.7 KiB | 20 |')
    expect(md).toContain('Each config is measured in a process of its own')
    expect(md).toContain('Read each row against `raw`, and measure with 100 connections or more')
  })

  // s41-trial D6: "0.0 KiB" per connection for the stateful cm row, where compare said "not measurable"
  it('words no growth and growth below what JS retains as compare does', () => {
    const md = renderMemory([
      {
        config: 'hybrid stateful-cm (stateful)',
        rssBytesPerConnection: 0,
        retainedBytesPerConnection: 302_797,
        connections: 20,
      },
      { config: 'cm small', rssBytesPerConnection: 102_400, retainedBytesPerConnection: 204_800, connections: 20 },
    ])
    expect(md).toContain(
      '| hybrid stateful-cm (stateful) | not measurable (no RSS growth over 20 connections) | 295.7 KiB | 20 |',
    )
    expect(md).toContain('| cm small | unreliable (100.0 KiB, below the 200.0 KiB JS retains')
    expect(md).not.toContain('| 0.0 KiB |')
  })
})
