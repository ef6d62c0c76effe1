import { describe, expect, it } from 'vitest'
import { createTrendChart, toHistoryEntry } from './history.ts'
import { createResults, createRun, createWeek1Results, EMERGENCY_MESSAGES } from './test-fixtures.ts'

const seriesOf = (spec: ReturnType<typeof createTrendChart>): string[] => {
  const values = (spec?.data as { values: { series: string }[] } | undefined)?.values ?? []
  return [...new Set(values.map((v) => v.series))]
}

describe('history trend charts', () => {
  it("records the messages measured, and keeps a run on other messages (a --limit run) off the full runs' line", () => {
    const full = toHistoryEntry({ ...createWeek1Results(), gate: { status: 'pass', reasons: [] } })
    expect(full.runs.every((r) => typeof r.messages === 'number' && r.messages > 0)).toBe(true)
    const limited = toHistoryEntry({
      ...createResults([createRun('emergency', EMERGENCY_MESSAGES.slice(10))]),
      gate: { status: 'pass', reasons: [] },
    })
    const series = seriesOf(createTrendChart([full, full, limited], 'ratio'))
    expect(series).toContain(`week1 x emergency (${EMERGENCY_MESSAGES.length} messages)`)
    expect(series).toContain(`week1 x emergency (${EMERGENCY_MESSAGES.length - 10} messages)`)
    // a series always measured on the same messages keeps its plain name
    expect(series).toContain('week1 x current')
    // lines written before messages were recorded join the one count their series has
    const { messages: _m, ...old } = full.runs[0] as (typeof full.runs)[number]
    const before = { ...full, runs: [old, ...full.runs.slice(1)] }
    expect(seriesOf(createTrendChart([before, full], 'ratio'))).not.toContainEqual(
      expect.stringMatching(/not recorded/),
    )
  })
})
