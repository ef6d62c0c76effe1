/** history --add comparison.json (round 37): a gated stateful config keeps a trend. */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createStatefulFixtureComparison } from '../compare/test-fixtures.ts'
import { toComparisonJson, type Comparison } from '../compare/index.ts'
import { createTempTree } from '../core/test-temp-tree.ts'
import { runCli } from './index.ts'
import { createFakeIo } from './test-support.ts'

const { root: dir, write } = createTempTree('aura-history-comparison-')

function comparison(extra: Partial<Comparison> = {}, stateful = true): Comparison {
  return { ...createStatefulFixtureComparison(7.5, 40, stateful), ...extra }
}

describe('history --add comparison.json', () => {
  it('adds one entry with a line per stateful config entry and its figures; the verdict is the gate', async () => {
    write('cmp/comparison.json', toComparisonJson(comparison()))
    const io = createFakeIo({ cwd: dir })
    expect(await runCli(['history', 'h.jsonl', '--add', 'cmp/comparison.json'], io)).toBe(0)
    expect(io.out()).toContain('history h.jsonl: added gw')
    const [line] = (await readFile(path.join(dir, 'h.jsonl'), 'utf8')).trim().split('\n')
    const entry = JSON.parse(line ?? '{}')
    expect(entry).toMatchObject({ suite: 'gw', verdict: 'pass' })
    expect(entry.runs).toHaveLength(1)
    expect(entry.runs[0]).toMatchObject({ corpus: 'gw', config: 'st', state: 'complete' })
    expect(entry.runs[0].metrics.ratio).toBeCloseTo(7.5, 1)
    expect(entry.runs[0].metrics.templateHitRate).toBeUndefined()
  })

  it('refuses (exit 2, nothing written) a comparison with no stateful config entry, and a --quick one', async () => {
    write('plain/comparison.json', toComparisonJson(comparison({}, false)))
    const plain = createFakeIo({ cwd: dir })
    expect(await runCli(['history', 'p.jsonl', '--add', 'plain/comparison.json'], plain)).toBe(2)
    expect(plain.err()).toContain('is a comparison with no stateful config entry')
    expect(plain.err()).toContain("for per-message configs add a run's results.json")
    write('quick/comparison.json', toComparisonJson(comparison({ quick: true })))
    const quick = createFakeIo({ cwd: dir })
    expect(await runCli(['history', 'p.jsonl', '--add', 'quick/comparison.json'], quick)).toBe(2)
    expect(quick.err()).toContain('is a --quick comparison')
    expect(existsSync(path.join(dir, 'p.jsonl'))).toBe(false)
  })
})
