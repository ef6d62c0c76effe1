import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LATENCY_SKETCH, type Environment, type RunInputs } from '../runner/index.ts'
import { parseSuite } from '../suite/index.ts'
import { mergePartials } from './merge-partials.ts'
import { createPartialFile, parsePartial, serializePartial } from './partial-file.ts'

const REPO = path.resolve(import.meta.dirname, '..', '..')
const suite = parseSuite(
  [
    'name: s',
    'corpora:',
    `  - { path: ${JSON.stringify(path.join(REPO, 'corpora/week1/messages.jsonl'))}, name: w, sample: { size: 500, seed: 1 } }`,
    `configs: [${JSON.stringify(path.join(REPO, 'configs/emergency.yaml'))}]`,
    'targets: [ { metric: ratio, pass: 1.5 } ]',
  ].join('\n'),
  path.join(REPO, 'suites', 's.yaml'),
)
const environment: Environment = { node: 'v', platform: 'p', arch: 'a', cpu: 'c', cpus: 1, libraries: {} }
const RESTATED = 'all 25 messages (a sample of 500 (seed 1) asked for more than there are)'

/** Shard `index` of 2 with no runs, through the file format; its `inputs` as given (none: a partial written before them). */
function partial(index: number, inputs?: RunInputs, warnings: string[] = []) {
  const file = createPartialFile({
    auraBenchVersion: 'test',
    shard: { index, count: 2 },
    fingerprints: {
      suite: 'x',
      configs: {},
      options: { latency: false, limit: null },
      corpora: {},
      sketch: LATENCY_SKETCH,
    },
    suite,
    startedAt: '2026-12-06T00:00:00.000Z',
    environment,
    warnings,
    incomplete: false,
    ...(inputs === undefined ? {} : { inputs }),
    runs: [],
  })
  const name = `shard-${index}.json`
  return { file: name, partial: parsePartial(serializePartial(file), name) }
}

function restated(): RunInputs {
  return {
    corpora: [{ name: 'w', file: 'x', format: 'jsonl', part: RESTATED }],
    configs: [{ name: 'emergency', file: 'e.yaml' }],
  }
}

describe('mergePartials: the inputs a shard restated', () => {
  it('keeps a corpus part a shard restated (a sample larger than its part), as the single run says it', () => {
    const merged = mergePartials([partial(1, restated()), partial(2, restated())])
    expect(merged.results.inputs?.corpora[0]?.part).toBe(RESTATED)
    // the rest is the suite's own description (paths as the suite wrote them)
    expect(merged.results.inputs?.corpora[0]?.file).toContain('messages.jsonl')
  })

  it('reads a partial written before `inputs` was recorded: the suite described, nothing restated', () => {
    const merged = mergePartials([partial(1), partial(2)])
    expect(merged.results.inputs?.corpora[0]?.part).toBe('a sample of 500 (seed 1)')
    // one shard that stopped before restating: the other's restatement stands
    expect(mergePartials([partial(1), partial(2, restated())]).results.inputs?.corpora[0]?.part).toBe(RESTATED)
  })

  it('refuses inputs of the wrong shape, naming the field', () => {
    const bad = JSON.parse(serializePartial(partial(1, restated()).partial)) as Record<string, unknown>
    bad.inputs = { corpora: [{ name: 'w' }], configs: [] }
    expect(() => parsePartial(JSON.stringify(bad), 'p.json')).toThrow(
      'p.json: inputs.corpora[0] needs name, file, format and part strings',
    )
  })
})

describe('mergePartials: warnings', () => {
  it("says a slow fallback once, with the first shard's timing, as a single run does (each shard timed it)", () => {
    const slow = (ms: string) =>
      `config emergency: fallback brotli quality 11 (brotli-wasm) took ${ms} ms per 150-byte message here (more than 1 ms); cheaper: brotli quality 5`
    const merged = mergePartials([partial(1, undefined, [slow('3.8'), 'other']), partial(2, undefined, [slow('4.2')])])
    expect(merged.results.warnings.filter((w) => w.includes('took'))).toEqual([slow('3.8')])
    expect(merged.results.warnings).toContain('other')
  })
})

describe('mergePartials: the corpus by content (round 32)', () => {
  const counted = (index: number, count: { messages: number; fileBytes: number; sha256?: string }) => {
    const named = partial(index)
    named.partial.fingerprints.corpora = { w: count }
    return named
  }

  it('refuses shards that read other bytes of the same size, naming both files and the field', () => {
    const a = counted(1, { messages: 5, fileBytes: 100, sha256: 'a'.repeat(64) })
    const b = counted(2, { messages: 5, fileBytes: 100, sha256: 'b'.repeat(64) })
    expect(() => mergePartials([a, b])).toThrow(
      /corpus w's file changed between the shards \(sha256 bbbbbbbbbbbb… in shard-2.json, aaaaaaaaaaaa… in shard-1.json\)/,
    )
  })

  it('merges shards that agree and records the digest in the merged inputs', () => {
    const digest = { messages: 5, fileBytes: 100, sha256: 'c'.repeat(64) }
    const merged = mergePartials([counted(1, digest), counted(2, digest)])
    expect(merged.results.inputs?.corpora[0]?.sha256).toBe('c'.repeat(64))
    expect(merged.results.warnings.some((w) => w.includes('no sha256'))).toBe(false)
  })

  it('accepts partials written before the digest: counts compared, and a warning says so', () => {
    const merged = mergePartials([
      counted(1, { messages: 5, fileBytes: 100 }),
      counted(2, { messages: 5, fileBytes: 100 }),
    ])
    expect(merged.results.warnings).toContain(
      'shard-1.json: fingerprints.corpora.w has no sha256 (a partial written before round 32, or a shard that stopped before it finished the corpus): merge checked its corpus by message count and file size only, so a change of the same size was not caught',
    )
    expect(() =>
      mergePartials([counted(1, { messages: 5, fileBytes: 100 }), counted(2, { messages: 5, fileBytes: 101 })]),
    ).toThrow(/fingerprints.corpora.w/)
  })

  it('refuses a sha256 that is not one, naming the field', () => {
    const bad = JSON.parse(serializePartial(partial(1).partial)) as { fingerprints: { corpora: unknown } }
    bad.fingerprints.corpora = { w: { messages: 1, fileBytes: 2, sha256: 'xyz' } }
    expect(() => parsePartial(JSON.stringify(bad), 'p.json')).toThrow('fingerprints.corpora.w.sha256')
  })
})
