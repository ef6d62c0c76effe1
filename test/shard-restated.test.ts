/**
 * A merged run says what the single run says about its inputs: a corpus whose `sample:` asks for more
 * messages than the file holds is restated in results.json's `inputs` ("all 25 messages ...") and
 * warned about; `run --shard 1/2`, `run --shard 2/2` and `merge` must say the same (the merge once
 * described the suite afresh and lost the restatement).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, REPO, tempFolder } from './gate-support.ts'

let work = ''

beforeAll(() => {
  work = tempFolder('shard-restated')
  writeFileSync(
    path.join(work, 's.yaml'),
    [
      'name: s',
      'corpora:',
      `  - { path: ${JSON.stringify(path.join(REPO, 'corpora/week1/messages.jsonl'))}, name: week1, sample: { size: 500, seed: 1 } }`,
      `configs: [${JSON.stringify(path.join(REPO, 'configs/current.yaml'))}]`,
      'targets: [ { metric: roundTripMismatches, pass: 0 } ]',
      'latency: { enabled: false }',
      '',
    ].join('\n'),
  )
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

function results(dir: string): { inputs: unknown; warnings: string[] } {
  return JSON.parse(readFileSync(path.join(work, dir, 'results.json'), 'utf8'))
}

describe('merge keeps what a single run restates about its inputs', () => {
  it('a sample larger than its corpus: the same inputs, warning and Inputs row as the single run', async () => {
    for (const argv of [
      ['run', 's.yaml', '--out', 'single', '-q'],
      ['run', 's.yaml', '--shard', '1/2', '--out', 's1', '-q'],
      ['run', 's.yaml', '--shard', '2/2', '--out', 's2', '-q'],
      ['merge', 's1/partial.json', 's2/partial.json', '--out', 'merged', '-q'],
    ]) {
      const run = await cli(argv, work)
      expect(run.code, `${argv.join(' ')}: ${run.stderr}`).toBe(0)
    }
    const [single, merged] = [results('single'), results('merged')]
    const restated = 'all 25 messages (a sample of 500 (seed 1) asked for more than there are)'
    expect(JSON.stringify(single.inputs)).toContain(restated)
    expect(merged.inputs).toEqual(single.inputs)
    const warning = single.warnings.find((w) => w.startsWith('corpus week1: sample.size 500'))
    expect(warning).toBeDefined()
    expect(merged.warnings).toContain(warning)
    const row = `| week1 | \`${path.join(REPO, 'corpora/week1/messages.jsonl')}\` | jsonl | ${restated} |`
    expect(readFileSync(path.join(work, 'single', 'report.md'), 'utf8')).toContain(row)
    expect(readFileSync(path.join(work, 'merged', 'report.md'), 'utf8')).toContain(row)
  })
})
