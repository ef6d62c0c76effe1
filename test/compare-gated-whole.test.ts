// Round 43 (s43-trial D3 / D7): a gated stateful config is judged on every held-out message, whatever
// compare.size_budget_ms: the budget cut its replay to a sample that depended on the machine's speed, so a
// gate passed on 6% of the messages and two runs (a baseline and a later one) compared different messages.
// `--quick`'s smaller budget is said when it replaces the suite's.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Comparison } from '../src/compare/index.ts'
import { cli, tempFolder } from './gate-support.ts'

let dir: string

/** 400 JSON messages in 40 recorded connections of 10; a stateful deflate config `st`. */
beforeAll(() => {
  dir = tempFolder('compare-gated-whole')
  const lines = Array.from({ length: 400 }, (_, i) =>
    JSON.stringify({ text: JSON.stringify({ type: 'status', seq: i, user: `u${i % 17}`, note: 'x'.repeat(i % 50) }) }),
  )
  writeFileSync(path.join(dir, 'gw.jsonl'), `${lines.join('\n')}\n`)
  const rows = Array.from({ length: 40 }, (_, k) => `${1 + 10 * k}\t10\t/ws\tc${k}`)
  writeFileSync(path.join(dir, 'gw.recordings.tsv'), `first_line\tn_messages\tpath\trecording\n${rows.join('\n')}\n`)
  writeFileSync(path.join(dir, 'st.yaml'), 'name: st\nmode: stateful\nstateful: { codec: deflate, level: 6 }\n')
})

/** A suite whose size budget (1 ms, 5 messages at least) cuts every replay that is not exempt. */
function writeSuite(name: string, targets: string): string {
  const file = path.join(dir, `${name}.yaml`)
  writeFileSync(
    file,
    [
      `name: ${name}`,
      'corpora:',
      '  - { path: gw.jsonl, name: gw, split: { train_fraction: 0.5, mode: ordered } }',
      'configs: [ st.yaml ]',
      targets,
      'compare: { brotli: [], brotli_native: [], zstd: [], zstd_napi: [1], zstd_dict: { sizes_kb: [], levels: [] }, deflate: [], permessage_deflate: { levels: [6] }, zstd_stream: { levels: [] }, size_budget_ms: 1, min_size_messages: 5, memory_connections: 2 }',
      '',
    ].join('\n'),
  )
  return file
}

const entriesOf = (folder: string) => {
  const comparison = JSON.parse(readFileSync(path.join(dir, folder, 'comparison.json'), 'utf8')) as Comparison
  return { comparison, entries: comparison.corpora[0]?.entries ?? [] }
}

describe('compare judges a gated stateful config on every held-out message', () => {
  it('replays every connection of every per-connection entry when a gated target reaches a stateful config', async () => {
    const suite = writeSuite('gated', 'targets: [ { metric: ratio, pass: 1.01 } ]')
    const { code, stdout } = await cli(['compare', suite, '--out', 'gated', '--no-charts'], dir)
    expect(code).toBe(0)
    expect(stdout).toMatch(/^gate: PASS$/m)
    expect(stdout).not.toContain('on a sample')
    const { comparison, entries } = entriesOf('gated')
    expect(comparison.settings.wholeReplay).toBe(true)
    const perConnection = entries.filter((e) => e.spec.kind === 'stateful')
    expect(perConnection.map((e) => [e.spec.label, e.sizes.messages, e.sizes.coverage])).toEqual(
      perConnection.map((e) => [e.spec.label, 200, 'all']),
    )
    expect(comparison.gate?.judged[0]).toMatchObject({ messages: 200, heldOutMessages: 200 })
  })

  it('keeps the size budget when no gated target reaches a stateful config, and says --quick replaces it', async () => {
    const suite = writeSuite('ungated', 'targets: [ { metric: ratio, pass: 1.01, gated: false } ]')
    const { code } = await cli(['compare', suite, '--out', 'ungated', '--no-charts'], dir)
    expect(code).toBe(0)
    const { comparison, entries } = entriesOf('ungated')
    expect(comparison.settings.wholeReplay).toBeUndefined()
    const stateful = entries.find((e) => e.spec.config === 'st')
    expect(stateful?.sizes.coverage).toBe('sample')
    // the suite's 1 ms is below --quick's 200: nothing replaced, nothing said
    expect(comparison.warnings.join('\n')).not.toContain('--quick')
  })
})

describe('--quick', () => {
  it("says that its 200 ms size budget replaces the suite's larger one", async () => {
    const suite = writeSuite('quick', 'targets: [ { metric: ratio, pass: 1.01 } ]')
    writeFileSync(suite, readFileSync(suite, 'utf8').replace('size_budget_ms: 1,', 'size_budget_ms: 60000,'))
    const { code, stderr, stdout } = await cli(['compare', suite, '--quick', '--out', 'quick', '--no-charts'], dir)
    expect(code).toBe(0)
    const said = `--quick: compare.size_budget_ms is 200 ms here instead of the suite's 60,000`
    expect(`${stdout}\n${stderr}`).toContain(said)
    expect(entriesOf('quick').comparison.warnings).toEqual(expect.arrayContaining([expect.stringContaining(said)]))
  })
})
