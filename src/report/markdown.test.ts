import { describe, expect, it } from 'vitest'
import type { Results, RunResult } from '../runner/index.ts'
import { evaluateGate } from './targets.ts'
import { renderMarkdown } from './markdown.ts'
import { FIXTURE_GATE, createFixtureResults } from './test-fixtures.ts'

function run(results: Results, config: string): RunResult {
  const found = results.runs.find((r) => r.config === config)
  if (found === undefined) throw new Error(`fixture has no ${config}`)
  return found
}

/** The table that follows a heading, as its lines. */
function tableAfter(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(heading)
  expect(start, heading).toBeGreaterThanOrEqual(0)
  const lines = markdown.slice(start).split('\n')
  const first = lines.findIndex((l) => l.startsWith('|'))
  const end = lines.findIndex((l, i) => i > first && !l.startsWith('|'))
  return lines.slice(first, end)
}

describe('renderMarkdown', () => {
  const results = createFixtureResults()
  const md = renderMarkdown(results, {
    gateConfigs: ['emergency'],
    notes: 'Measured on the fixture; the reference is the seed.',
  })

  it('puts the gate verdict first, before the environment', () => {
    expect(md.indexOf('## Gate: ✅ PASS')).toBeGreaterThan(0)
    expect(md.indexOf('## Gate:')).toBeLessThan(md.indexOf('<summary><b>Environment</b></summary>'))
  })

  it('has the seed Comparison Matrix with reference figures in parentheses', () => {
    const table = tableAfter(md, '### Comparison Matrix')
    expect(table[0]).toBe('| Configuration | Ratio | Bandwidth | Templates | Expansion |')
    expect(table).toContain('| **emergency** | 1.69x (1.69x) | 40.8% (40.8%) | 72.0% (72.0%) | 8.0% (8.0%) |')
    expect(md).toContain('Ratio (aggregate)')
    expect(md).toContain('Mean ratio (per message)')
    expect(md).toContain('| **emergency** | 25 | 1,234 | 730 | 1.69x | 2.10x | 92.0% | 4,096 |')
  })

  it('lists the method distribution per config with percent and count, as the seed does', () => {
    expect(md).toContain(
      '**emergency:**\n\n- binary_semantic: 72% (18 messages)\n- brotli: 20% (5 messages)\n- uncompressed: 8% (2 messages)',
    )
    expect(md).toContain('- uncompressed: 68% (17 messages)')
  })

  it('has the seed Target Achievement table with ✅ PASS and ⚠️ NEAR statuses', () => {
    const table = tableAfter(md, '### Target Achievement')
    expect(table[0]).toBe('| Metric | Target | current | emergency | conservative_brio | Status |')
    expect(table).toContain('| Compression ratio | ≥ 1.5x | 1.16x ❌ | 1.69x ✅ | 1.66x ✅ | ✅ PASS |')
    expect(table).toContain(
      '| Expansion rate | ≤ 5% (near ≤ 10%) | 68.0% ❌ | 8.0% ⚠️ | 12.0% ❌ | ⚠️ NEAR (pass ≤ 5%) |',
    )
    expect(table).toContain('| p99 encode latency | ≤ 5,000 µs | 240 µs ✅ | 7.20 µs ✅ | — | ✅ PASS (not gated) |')
  })

  it('shows ❌ FAIL in the Status column and the gate reasons when every config is judged', () => {
    const strict = createFixtureResults()
    strict.gate = evaluateGate(strict.runs, { nearFails: false }, false)
    const text = renderMarkdown(strict)
    expect(text).toContain('## Gate: ❌ FAIL')
    expect(text).toContain('| Compression ratio | ≥ 1.5x | 1.16x ❌ | 1.69x ✅ | 1.66x ✅ | ❌ FAIL (current) |')
    expect(text).toContain(
      '- Config "current" on corpus "week1": Compression ratio (ratio) is 1.16x, below the target ≥ 1.5x',
    )
  })

  it('lists expanding messages the seed way', () => {
    expect(md).toContain('1. "Deployment started at 2025-10-23T10:30:00Z" (42 → 43 bytes) — uncompressed, message #7')
    // what #7 counts, said beside it: not a line number of a txt corpus with blank lines (s35-trial D7)
    expect(md).toContain("_`message #N` counts the corpus file's messages from 0, before `split:` and `sample:`")
    expect(md).toContain('2. "Request completed in 45ms" (25 → 26 bytes)')
    expect(md).toContain('**conservative_brio:** 3 of 25 messages expand\n\n…and 3 messages; the run kept no examples.')
  })

  it('has a latency table in µs with p50/p95/p99 for encode and decode', () => {
    const table = tableAfter(md, '### Latency (µs per message)')
    expect(table[0]).toBe(
      '| Configuration | Encode p50 | Encode p95 | Encode p99 | Encode n | Decode p50 | Decode p95 | Decode p99 | Decode n | Mode |',
    )
    expect(table).toContain('| **emergency** | 1.20 | 3.00 | 7.20 | 2,000 | 0.80 | 2.00 | 4.80 | 2,000 | in-process |')
    expect(table.find((l) => l.startsWith('| **conservative_brio**'))).toContain('not measured')
  })

  it('has the environment header, per-category breakdown, reference differences, warnings and notes', () => {
    expect(md).toContain('| Node | v20.20.2 |')
    expect(md).toContain('| brotli-wasm | 3.0.1 |')
    expect(md).toContain('| CPU | Test CPU @ 2.0GHz × 2 |')
    expect(md).toContain('| api_response | emergency | 6 | 3.00x | 3.10x | 66.7% | 100.0% | 0.0% |')
    expect(md).toContain('| emergency | week1 | savings | 40.8% | 40.8% | ±0.0 pp |')
    expect(md).toContain('## Warnings\n\n- config "conservative_brio" on corpus "week1": encodeP95Us')
    expect(md).toContain('<summary><b>Notes</b></summary>\n\nMeasured on the fixture; the reference is the seed.')
  })

  it('shows differences from the reference with signs and units', () => {
    const shifted = createFixtureResults()
    const figures = shifted.reference?.figures['emergency']
    if (figures === undefined) throw new Error('fixture has no reference')
    figures['ratio'] = 1.8
    figures['expansionRate'] = 0.05
    const text = renderMarkdown(shifted)
    expect(text).toContain('| emergency | week1 | ratio | 1.69x | 1.80x | −0.11x |')
    expect(text).toContain('| emergency | week1 | expansionRate | 8.0% | 5.0% | +3.0 pp |')
    expect(text).toContain('| **emergency** | 1.69x (1.80x) |')
  })

  it('reports round-trip mismatches and failed runs', () => {
    const broken = createFixtureResults()
    const emergency = run(broken, 'emergency')
    emergency.metrics.roundTrip = { checked: 25, mismatches: 2 }
    emergency.mismatches = [
      { index: 3, preview: 'Error 500: a | b', firstDifferingByte: 12 },
      { index: 9, preview: 'x', firstDifferingByte: -1, error: 'E_FRAME_TRUNCATED: frame ends early' },
    ]
    Object.assign(run(broken, 'current'), { state: 'failed', error: { code: 'E_CODEC_FAILED', message: 'zstd threw' } })
    const text = renderMarkdown(broken)
    expect(text).toContain('| **emergency** | 25 | 2 | ❌ MISMATCH |')
    expect(text).toContain('- message #3 "Error 500: a | b": first differing byte at offset 12')
    expect(text).toContain('- message #9 "x": decoding threw: E_FRAME_TRUNCATED: frame ends early')
    expect(text).toContain('so in a txt corpus it is not a line number._')
    expect(text).toContain('### Failed Runs\n\n- **current**: E_CODEC_FAILED: zstd threw')
    expect(text).toContain('| **current** | run failed (E_CODEC_FAILED) | — | — | — |')
  })

  it('escapes previews so a message cannot break a table or start Markdown', () => {
    const tricky = createFixtureResults()
    run(tricky, 'emergency').expanding = [
      {
        index: 1,
        preview: '**bold** <b>\nline2 `code`',
        originalBytes: 10,
        compressedBytes: 11,
        method: 'uncompressed',
      },
    ]
    expect(renderMarkdown(tricky)).toContain('1. "\\*\\*bold\\*\\* \\<b\\>⏎line2 \\`code\\`" (10 → 11 bytes)')
  })

  it('is deterministic and ends with one newline', () => {
    expect(renderMarkdown(createFixtureResults(), { gateConfigs: FIXTURE_GATE.configs ?? [] })).toBe(
      renderMarkdown(createFixtureResults(), { gateConfigs: ['emergency'] }),
    )
    expect(md.endsWith('\n')).toBe(true)
    expect(md.endsWith('\n\n')).toBe(false)
  })

  it('embeds charts and a cost section when asked', () => {
    const text = renderMarkdown(results, {
      charts: [{ title: 'Method distribution — week1', path: 'charts/methods-week1.png' }],
      cost: { messagesPerDay: 1e6, pricePerGb: 0.09 },
    })
    expect(text).toContain('![Method distribution — week1](charts/methods-week1.png)')
    expect(text).toContain('<summary><b>Cost Projection</b></summary>')
    expect(text).not.toContain("The seed's cost figures are wrong")
  })
})

describe('renderMarkdown: a cost projection that cannot be made (review finding)', () => {
  it('says why in the cost section instead of throwing and losing the whole report', () => {
    const results = createFixtureResults()
    const runs = results.runs.map((run) =>
      run.config === 'current'
        ? { ...run, state: 'failed' as const, error: { code: 'E_CODEC_FAILED', message: 'boom' } }
        : run,
    )
    const md = renderMarkdown(
      { ...results, runs },
      { cost: { messagesPerDay: 1e8, pricePerGb: 0.1, baselineConfig: 'current' } },
    )
    expect(md).toMatch(
      /<summary><b>Cost Projection<\/b><\/summary>\n\nNo projection for 100,000,000 messages\/day: cost projection: baseline config "current"/,
    )
    expect(md).toContain('## Gate:')
  })
})

describe('renderMarkdown: the first screen (issue 15)', () => {
  const seedCost = { messagesPerDay: 1e8, avgMessageBytes: 50, pricePerGb: 0.1 }

  it('marks a target column no run gates (--no-latency-gate), so its ❌ does not read as the verdict', () => {
    const results = createFixtureResults()
    const gatedHeader = tableAfter(renderMarkdown(results, { gateConfigs: ['emergency'] }), '## Results')[0]
    // the fixture's p99 target is ungated in the suite itself; p95 is gated
    expect(gatedHeader).toContain('p99 encode latency ≤ 5,000 µs (not gated) |')
    expect(gatedHeader).toContain('p95 encode latency ≤ 2,000 µs |')
    for (const run of results.runs)
      run.targets = run.targets.map((t) => (t.metric.startsWith('encodeP') ? { ...t, gated: false } : t))
    const header = tableAfter(renderMarkdown(results, { gateConfigs: ['emergency'] }), '## Results')[0] ?? ''
    expect(header).toContain('p95 encode latency ≤ 2,000 µs (not gated) |')
    expect(header).toMatch(/Compression ratio ≥ 1.5x \|/)
  })

  it('opens with the verdict and one config x target table, and folds every other section', () => {
    const md = renderMarkdown(createFixtureResults(), {
      gateConfigs: ['emergency'],
      cost: [seedCost, { ...seedCost, messagesPerDay: 1e9 }],
    })
    const beforeDetails = md.slice(0, md.indexOf('<details>'))
    expect(beforeDetails.split('\n').length).toBeLessThanOrEqual(40)
    expect(beforeDetails).toContain('## Gate:')
    const table = tableAfter(md, '## Results')
    expect(table[0]).toMatch(/^\| Config \| Compression ratio ≥ 1.5x \|/)
    expect(table).toHaveLength(2 + 3)
    expect(table.find((l) => l.startsWith('| **emergency**'))).toContain('✅ 1.69x')
    expect(table.find((l) => l.startsWith('| current (not gated)'))).toContain('❌ 1.16x')
    // latency cells carry their sample counts
    expect(table.find((l) => l.startsWith('| **emergency**'))).toMatch(/3\.00 µs \(n=2,000\)/)
    for (const folded of ['Corpus: week1', 'Reference Figures', 'Cost Projection', 'Environment'])
      expect(md.indexOf(`<summary><b>${folded}</b></summary>`), folded).toBeGreaterThan(md.indexOf('<details>') - 1)
    expect(md.split('<details>').length).toBe(md.split('</details>').length)
  })

  it("prints the seed's cost check once, and only when the suite names a reference", () => {
    const twoScenarios = [seedCost, { ...seedCost, messagesPerDay: 1e9 }]
    const withReference = renderMarkdown(createFixtureResults(), { cost: twoScenarios })
    expect(withReference.split("The seed's cost figures are wrong").length - 1).toBe(1)
    const { reference: _dropped, ...own } = createFixtureResults()
    expect(renderMarkdown(own, { cost: twoScenarios })).not.toContain("The seed's cost figures")
  })

  it('warns on the first screen when latency rests on fewer samples than asked or under 100, marking such a p99 as the maximum', () => {
    const few = createFixtureResults()
    const latency = run(few, 'emergency').metrics.latencyUs
    if (latency === undefined) throw new Error('fixture has latency')
    latency.encode.samples = 20
    const md = renderMarkdown(few, { latencySamples: 500 })
    const first = md.slice(0, md.indexOf('<details>'))
    expect(first).toContain('latency of emergency on week1 rests on 20 timed samples of the 500 asked')
    expect(first).toContain('its p99 is the maximum, not a percentile')
    expect(first).toMatch(/7\.20 µs \(max of n=20\)/)
    expect(tableAfter(md, '### Latency (µs per message)').find((l) => l.startsWith('| **emergency**'))).toContain(
      '| 7.20 (max) | 20 |',
    )
  })

  it('shows the machine load at start and end when the run recorded it', () => {
    const loaded = createFixtureResults()
    loaded.environment.loadAverage = { start: 1.5, end: 3.25 }
    expect(renderMarkdown(loaded)).toContain('**Machine load (1 min):** 1.50 at start, 3.25 at end, 2 CPUs')
  })

  it('cuts the per-category table to the largest categories and points at results.json for the rest', () => {
    const many = createFixtureResults()
    for (const r of many.runs) {
      const template = Object.values(r.categories)[0]
      if (template === undefined) throw new Error('fixture has categories')
      r.categories = Object.fromEntries(
        Array.from({ length: 300 }, (_, i) => [`event-${i}`, { ...template, messages: i + 1 }]),
      )
    }
    const md = renderMarkdown(many)
    const table = tableAfter(md, '### Per-Category Breakdown')
    expect(table.length - 2).toBeLessThanOrEqual(40)
    expect(table.some((l) => l.startsWith('| event-299 |'))).toBe(true)
    expect(table.some((l) => l.startsWith('| event-0 |'))).toBe(false)
    const configs = many.runs.length
    expect(md).toContain(
      `The ${Math.floor(40 / configs)} largest of 300 categories (the table keeps 40 rows: ${Math.floor(40 / configs)} categories × ${configs} ${configs === 1 ? 'config' : 'configs'}); all of them are in results.json`,
    )
  })
})

describe('renderMarkdown: a cost scenario that names no corpus, on a run of two corpora', () => {
  it('projects each corpus under its own heading (it showed the first corpus alone, unnamed)', () => {
    const results = createFixtureResults()
    const second = results.runs.map((run) => ({ ...run, corpus: 'second-corpus' }))
    const text = renderMarkdown(
      { ...results, runs: [...results.runs, ...second] },
      {
        cost: { messagesPerDay: 1e6, pricePerGb: 0.09 },
      },
    )
    const first = results.runs[0]?.corpus as string
    expect(text).toContain(`### 1,000,000 messages/day, 0 bytes of transport overhead per message, corpus ${first}`)
    expect(text).toContain(
      '### 1,000,000 messages/day, 0 bytes of transport overhead per message, corpus second-corpus',
    )
  })
})
