/**
 * Round 40 (s39-rev3 F5): a window in `cost --baseline "pmd L6 w9 takeover"` is honoured. It names the file's
 * `pmd L6 takeover` row only when that row was measured at window_bits 9 (comparison.json `spec.windowBits`,
 * replay.json `windowBits`, or a pre-round-39 replay row's own name); another window, or a file that does not record
 * it, is exit 2 saying which name works. Before, any `w\d+` was dropped and the row taken whatever its window.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { toComparisonJson } from '../compare/index.ts'
import { createEntrySpecs } from '../compare/plan.ts'
import { createFixtureEntry, createStatefulFixtureComparison } from '../compare/test-fixtures.ts'
import { createTempTree } from '../core/test-temp-tree.ts'
import { defaultCompareSpec } from '../suite/index.ts'
import { runCli } from './index.ts'
import { createFakeIo } from './test-support.ts'

const { root: dir, write } = createTempTree('aura-baseline-window-')
const TRAFFIC = ['--messages-per-day', '1B', '--price-per-gb', '0.1']
const row = (config: string, wireBytes: number, extra: Record<string, unknown> = {}) => ({
  config,
  connections: 1,
  messages: 50,
  mismatches: 0,
  wireBytes,
  ...extra,
})

/** The stateful fixture comparison with a `pmd L6 takeover` entry, measured at `windowBits` (undefined: not recorded). */
function comparisonWithPmd(windowBits: number | undefined): string {
  const comparison = createStatefulFixtureComparison(7.5, 40)
  const pmd = createFixtureEntry('permessage_deflate L6', 5, 70, {
    id: 'permessage_deflate:6:takeover',
    label: 'pmd L6 takeover',
    family: 'permessage_deflate',
    codec: 'permessage_deflate',
    contextTakeover: true,
    ...(windowBits === undefined ? {} : { windowBits }),
  })
  comparison.corpora[0]?.entries.push(pmd)
  return toComparisonJson(comparison)
}

async function cost(args: string[]): Promise<{ rc: number; err: string; out: string }> {
  const io = createFakeIo({ cwd: dir })
  const rc = await runCli(['cost', ...args, ...TRAFFIC], io)
  return { rc, err: io.err(), out: io.out() }
}

describe('compare records the window of its pmd entries', () => {
  it("puts the suite's window_bits on every pmd entry spec", () => {
    const spec = defaultCompareSpec()
    const pmd = createEntrySpecs(
      { ...spec, permessageDeflate: { ...spec.permessageDeflate, windowBits: 12 } },
      [],
    ).filter((e) => e.codec === 'permessage_deflate')
    expect(pmd.length).toBeGreaterThan(0)
    for (const entry of pmd) expect(entry.windowBits).toBe(12)
  })
})

describe('cost --results comparison.json --baseline "pmd L6 wN takeover"', () => {
  write('w15/comparison.json', comparisonWithPmd(15))
  write('old/comparison.json', comparisonWithPmd(undefined))

  it("takes the window the row was measured with, and today's name", async () => {
    for (const baseline of ['pmd L6 w15 takeover', 'pmd L6 takeover']) {
      const run = await cost(['--results', 'w15/comparison.json', '--baseline', baseline, '--quiet'])
      expect(run.rc).toBe(0)
    }
  })

  it('refuses another window, naming the one measured (it quietly took the w15 row)', async () => {
    const run = await cost(['--results', 'w15/comparison.json', '--baseline', 'pmd L6 w9 takeover', '--out', 'w9'])
    expect(run.rc).toBe(2)
    expect(run.err).toContain(
      'error E_USAGE in --baseline: --baseline "pmd L6 w9 takeover" names window_bits 9, but the "pmd L6 takeover" row of w15/comparison.json was measured with window_bits 15',
    )
    expect(run.err).toContain('did you mean "pmd L6 takeover" (the same as "pmd L6 w15 takeover")?')
    expect(existsSync(path.join(dir, 'w9'))).toBe(false)
  })

  it('refuses a windowed name on a file that does not record the window, and takes the plain name', async () => {
    const run = await cost(['--results', 'old/comparison.json', '--baseline', 'pmd L6 w15 takeover', '--out', 'oldw'])
    expect(run.rc).toBe(2)
    expect(run.err).toContain(
      'does not record the window its "pmd L6 takeover" row was measured with (a file written before round 40), so the window cannot be checked',
    )
    expect(run.err).toContain('name the row without a window: --baseline "pmd L6 takeover"')
    expect((await cost(['--results', 'old/comparison.json', '--baseline', 'pmd L6 takeover', '--quiet'])).rc).toBe(0)
  })
})

describe('cost --replay --baseline "pmd L6 wN takeover"', () => {
  const replay = (name: string, pmdRow: Record<string, unknown>) =>
    write(
      name,
      JSON.stringify({
        schemaVersion: 1,
        kind: 'replay',
        corpora: [{ name: 'ws', configs: [row('raw', 9_000), pmdRow, row('hybrid s (stateful)', 1_500)] }],
      }),
    )
  replay('new.json', row('pmd L6 takeover', 3_000, { windowBits: 12 }))
  replay('r39.json', row('pmd L6 takeover', 3_000))
  replay('r38.json', row('pmd L6 w15 takeover', 3_000))

  it("checks the row's recorded window; an old row name's window still works", async () => {
    expect((await cost(['--replay', 'new.json', '--baseline', 'pmd L6 w12 takeover', '--quiet'])).rc).toBe(0)
    const other = await cost(['--replay', 'new.json', '--baseline', 'pmd L6 w15 takeover', '--quiet'])
    expect(other.rc).toBe(2)
    expect(other.err).toContain('was measured with window_bits 12')
    expect((await cost(['--replay', 'r38.json', '--baseline', 'pmd L6 w15 takeover', '--quiet'])).rc).toBe(0)
    const r38 = await cost(['--replay', 'r38.json', '--baseline', 'pmd L6 w9 takeover', '--quiet'])
    expect(r38.rc).toBe(2)
    expect(r38.err).toContain('was measured with window_bits 15')
    const r39 = await cost(['--replay', 'r39.json', '--baseline', 'pmd L6 w15 takeover', '--quiet'])
    expect(r39.rc).toBe(2)
    expect(r39.err).toContain('r39.json does not record the window')
  })
})
