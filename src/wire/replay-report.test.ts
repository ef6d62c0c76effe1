import { describe, expect, it } from 'vitest'
import { renderReplay } from './replay-report.ts'

// s40-rev3 F1: measured in a fresh process per config, every row carries that process's own growth spread over the
// connections (raw read 672 KiB a connection at 20, a stateful row below what its JS retains); the report says so
describe("replay.md's memory section", () => {
  it('says each config is measured in a process of its own and to read each row against raw', () => {
    const md = renderReplay({
      suite: 's',
      startedAt: '2026-12-07T15:00:00.000Z',
      loadAverage: { start: 1, end: 1 },
      limits: { maxConnections: 10, maxMessages: 100, memoryConnections: 20 },
      corpora: [],
      memory: [{ config: 'raw', rssBytesPerConnection: 688_128, retainedBytesPerConnection: 12_000, connections: 20 }],
    })
    expect(md).toContain('| raw | 672.0 KiB | 11.7 KiB | 20 |')
    expect(md).toContain('Each config is measured in a process of its own')
    expect(md).toContain('Read each row against `raw`, and measure with 100 connections or more')
  })
})
