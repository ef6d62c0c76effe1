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

  it('tells 20 series apart: colour by config, dash and shape by corpus, never two series alike (s44-trial D5)', () => {
    const corpora = ['hl7', 'fhir', 'mirth', 'audit', 'astm']
    const configs = ['hybrid', 'zstd3', 'brotli5', 'stateful']
    const runs = corpora.flatMap((corpus) =>
      configs.map((config) => ({ ...createRun(config, EMERGENCY_MESSAGES), corpus })),
    )
    const entry = toHistoryEntry({ ...createResults(runs), gate: { status: 'pass', reasons: [] } })
    const spec = createTrendChart([entry, entry], 'ratio') as unknown as {
      data: { values: Record<string, string>[] }
      encoding: Record<string, { field: string } | undefined>
    }
    const field = (channel: string): string => spec.encoding[channel]?.field ?? ''
    const values = spec.data.values
    // vega's default colour scheme has ten colours: a colour field of more values repeats them
    expect(new Set(values.map((v) => v[field('color')])).size).toBeLessThanOrEqual(10)
    const looks = new Map<string, string>()
    for (const v of values) looks.set(v.series as string, `${v[field('color')]}|${v[field('strokeDash')]}`)
    expect(looks.size).toBe(20)
    expect(new Set(looks.values()).size).toBe(20)
    // six corpora or more: each corpus a dash of its own, not the default five patterns again (s44-rev1 L2)
    const dashes = (spec.encoding.strokeDash as unknown as { scale?: { range?: unknown[] } }).scale?.range ?? []
    expect(new Set(dashes.map((d) => JSON.stringify(d))).size).toBeGreaterThanOrEqual(10)
  })
})
