import { describe, expect, it } from 'vitest'
import type { Results } from '../runner/index.ts'
import { applyGateLayer } from './judge.ts'
import { PR_COMMENT_MARKER, renderPrComment } from './pr-comment.ts'
import {
  createResults,
  createRun,
  createWeek1Results,
  EMERGENCY_MESSAGES,
  FIXTURE_GATE,
  FIXTURE_TARGETS,
  type FixtureMessage,
} from './test-fixtures.ts'

const SUITE = { gate: FIXTURE_GATE, targets: FIXTURE_TARGETS }
const LINKS = { 'full report': 'https://ci.example/run/1#report', 'workflow run': 'https://ci.example/run/1' }

/** This PR's results: the week-1 fixture, or one whose emergency config sends message 0 in 20 more bytes. */
function current(worse: boolean): Results {
  if (!worse) return createWeek1Results()
  const messages: FixtureMessage[] = EMERGENCY_MESSAGES.map(([o, c, m], i) =>
    i === 0 ? [o, c + 20, 'brotli'] : [o, c, m],
  )
  return createResults([createRun('current', EMERGENCY_MESSAGES), createRun('emergency', messages)])
}

function comment(worse: boolean, options: { accept?: string; noBaseline?: boolean } = {}): string {
  const results = applyGateLayer(current(worse), {
    suite: SUITE,
    gateLatency: false,
    ...(options.noBaseline === true
      ? {}
      : { baseline: { path: 'git:origin/aura-baselines:week1/results.json', results: createWeek1Results() } }),
    ...(options.accept === undefined ? {} : { acceptRegression: options.accept }),
  })
  return renderPrComment(results, {
    links: LINKS,
    ...(options.noBaseline === true ? { missingBaseline: 'git:origin/aura-baselines:week1/results.json' } : {}),
  })
}

describe('renderPrComment', () => {
  it('a baseline without latency (saved from a --no-latency run): warned, and not called "no metric changed" (s35-trial D4)', () => {
    const week1 = createWeek1Results()
    const untimed = createResults(
      week1.runs.map(({ metrics: { latencyUs: _latency, ...metrics }, ...run }) => ({ ...run, metrics })),
    )
    const results = applyGateLayer(week1, {
      suite: SUITE,
      gateLatency: true,
      baseline: { path: 'baselines/nolat.json', results: untimed },
    })
    expect(results.warnings).toEqual([
      'the baseline baselines/nolat.json did not measure encodeP50Us, encodeP95Us, encodeP99Us, decodeP50Us, decodeP95Us, decodeP99Us (saved from a --no-latency run?): not compared, so a regression there cannot be seen; save the baseline again from a run that measures them',
    ])
    const text = renderPrComment(results, { links: LINKS })
    expect(text).not.toContain('No metric changed against the baseline.')
    expect(text).toContain('No compared metric changed against the baseline.')
    expect(text).toMatch(
      /Not compared \(measured on one side only, the baseline or this run\): encodeP50Us, .*decodeP99Us/,
    )
    expect(text).toContain('the baseline baselines/nolat.json did not measure encodeP50Us')
  })

  it('a pass: the verdict, no warning, the links; short', () => {
    const text = comment(false)
    expect(text.startsWith(`${PR_COMMENT_MARKER}\n✅ **aura-bench gate: PASS** — suite \`week1\``)).toBe(true)
    expect(text).not.toMatch(/WARNING|FAIL|accepted/i)
    expect(text).toContain('No metric changed against the baseline.')
    expect(text).toContain('[full report](https://ci.example/run/1#report) · [workflow run](https://ci.example/run/1)')
    expect(text.split('\n').length).toBeLessThan(40)
  })

  it('a fail: the reasons, the delta table with the failing metric, and how to accept an intended change', () => {
    const text = comment(true)
    expect(text).toContain('❌ **aura-bench gate: FAIL**')
    expect(text).toContain('**Why it failed:**')
    expect(text).toMatch(/\| week1 × emergency \| ratio \| [\d.]+x \| [\d.]+x \| .* \| ❌ FAIL \|/)
    expect(text).toContain('add the `accept-regression` label')
  })

  it('an accepted regression: passes, says so with the reason and what was accepted', () => {
    const text = comment(true, { accept: 'smaller store, slower encode: intended (#42)' })
    expect(text).toContain('✅ **aura-bench gate: PASS, with an accepted regression**')
    expect(text).toContain('> **Regression accepted**: smaller store, slower encode: intended (#42)')
    expect(text).toMatch(/> - .*ratio/)
    expect(text).toMatch(/\| ratio \|.*❌ FAIL \|/)
  })

  it('a missing baseline: a loud warning saying regressions could not be seen and what to do', () => {
    const text = comment(false, { noBaseline: true })
    expect(text).toContain('> [!WARNING]')
    expect(text).toContain('**No baseline**: `git:origin/aura-baselines:week1/results.json` was not found')
    expect(text).toContain('**regressions could not be seen**')
    expect(text).not.toContain('| run | metric |')
  })

  it('says what the table leaves out only when something is, and never that listed rows are not listed', () => {
    const tableRows = (text: string) => text.split('\n').filter((l) => /^\| week1 × /.test(l))
    const fail = comment(true)
    expect(fail).not.toMatch(/_0 more/)
    const failRows = tableRows(fail)
    expect(failRows.every((row) => !row.includes('✅'))).toBe(true)
    // the changed rows are all shown here; the unchanged ones are counted, not listed
    expect(fail).toMatch(/_\d+ unchanged metrics? not listed\._/)
    expect(fail).not.toMatch(/more changed row/)
    const pass = comment(false)
    expect(tableRows(pass).length).toBeGreaterThan(0)
    expect(pass).not.toMatch(/not listed|_0 more/)
  })
})

describe('the comment carries the run warnings, briefly (round 29)', () => {
  it('lists the first 5, each cut at 240 characters, counts the rest, and leaves out what it says above', () => {
    const long = `config x on corpus y: ${'a'.repeat(400)}`
    const results = {
      ...applyGateLayer(current(false), { suite: SUITE, gateLatency: false }),
      warnings: [
        "partial run: --limit 5 measured at most the first 5 messages of each corpus, so the verdict is a smoke run's, not the suite's",
        long,
        ...Array.from({ length: 6 }, (_, i) => `warning ${i}`),
      ],
    }
    const text = renderPrComment(results)
    expect(text).toContain('(partial run: --limit 5)')
    expect(text).toContain('**Warnings** (7):')
    expect(text).toContain(`- ${long.slice(0, 239)}…\n`)
    expect(text).toContain('- warning 3\n- … and 2 more in the full report')
    expect(text).not.toContain('- partial run:')
  })
})
