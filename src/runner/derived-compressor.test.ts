import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadSuite } from '../suite/index.ts'
import { runSuite } from './run-suite.ts'
import { inSampleWarnings } from './in-sample-findings.ts'
import { createTempTree } from '../core/test-temp-tree.ts'

const { root, write } = createTempTree('aura-derived-')

/** 400 lines of three templates with varying values, the same kinds in both halves. */
function logLines(): string {
  const lines: string[] = []
  for (let i = 0; i < 400; i++) {
    const time = `2024-05-${String(1 + (i % 28)).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`
    if (i % 3 === 0)
      lines.push(
        `${time} INFO request ${1000 + i * 13} served in ${(i * 37) % 900}ms to 10.0.${i % 7}.${(i * 11) % 250}`,
      )
    else if (i % 3 === 1) lines.push(`${time} WARN cache miss for key user:${(i * 101) % 5000} on shard ${i % 16}`)
    else lines.push(`${time} ERROR job ${(i * 7919) % 100000} failed after ${i % 5} retries`)
  }
  return `${lines.join('\n')}\n`
}

write('corpora/app.log', logLines())
write(
  'configs/hybrid.yaml',
  'fallback: deflate\nmin_compression_size: 0\nbinary_advantage_threshold: 1.0\nframing: text-passthrough\n',
)
write(
  'configs/dict.yaml',
  'fallback: zstd_dict\nzstd_dict_training_corpus: ../corpora/app.log\nzstd_dict_size_bytes: 4096\nmin_compression_size: 0\nframing: text-passthrough\n',
)

function suiteFile(name: string, split: string, configs: string): string {
  return write(
    `suites/${name}.yaml`,
    `name: ${name}
corpora:
  - { name: app, path: ../corpora/app.log, format: txt, split: { train_fraction: 0.5, mode: ordered, use: ${split} } }
configs:
${configs}
latency: { enabled: false }
`,
  )
}

describe('held-out configs in a suite run', () => {
  it('discovers the store and trains the dictionary on the train half, measures the test half, and warns of nothing', async () => {
    const suite = await loadSuite(
      suiteFile(
        'heldout',
        'test',
        `  - { name: found, path: ../configs/hybrid.yaml, discover: { split: train } }
  - { name: dict, path: ../configs/dict.yaml, zstd_dict_training: { split: train } }`,
      ),
    )
    const { results, stoppedBy } = await runSuite(suite)
    expect(stoppedBy).toBeUndefined()
    expect(results.warnings).toEqual([])
    const found = results.runs.find((r) => r.config === 'found')
    expect(found?.metrics.messages).toBe(200)
    expect(found?.metrics.templateHitRate).toBeGreaterThan(0.9)
    expect(found?.metrics.roundTrip.mismatches).toBe(0)
    expect(found?.metrics.sharedStateBytes).toBeGreaterThan(0)
    const dict = results.runs.find((r) => r.config === 'dict')
    expect(dict?.metrics.methods.zstd_dict).toBeGreaterThan(0)
    expect(dict?.metrics.roundTrip.mismatches).toBe(0)
  })

  it('warns, in words, when the store or dictionary comes from the measured messages', async () => {
    const suite = await loadSuite(
      suiteFile(
        'insample',
        'test',
        `  - { name: found, path: ../configs/hybrid.yaml, discover: { split: test } }
  - { name: dict, path: ../configs/dict.yaml, zstd_dict_training: { split: all } }`,
      ),
    )
    const { results } = await runSuite(suite)
    expect(results.warnings).toHaveLength(2)
    expect(results.warnings[0]).toMatch(
      /config found on corpus app: its template store is discovered from the messages it is measured on \(test part/,
    )
    expect(results.warnings[1]).toMatch(
      /config dict on corpus app: its zstd dictionary is built from the messages it is measured on \(whole file\)/,
    )
  })

  it('warns when a store file says it was made from the measured corpus', async () => {
    write(
      'configs/store.json',
      JSON.stringify({
        format: 'aura-template-store',
        version: 1,
        name: 'made-here',
        provenance: [
          {
            tool: 'aura-bench discover',
            corpus: '../corpora/app.log',
            createdAt: '2026-01-01T00:00:00.000Z',
            messages: 400,
            addedTemplates: 1,
            options: {},
          },
        ],
        templates: [{ id: 1, pattern: '{0} ERROR job {1} failed after {2} retries' }],
      }),
    )
    write('configs/with-store.yaml', 'fallback: deflate\ntemplate_store_path: store.json\nframing: text-passthrough\n')
    const suite = await loadSuite(
      suiteFile('provenance', 'test', '  - { name: stored, path: ../configs/with-store.yaml }'),
    )
    const { results } = await runSuite(suite)
    expect(results.warnings).toEqual([
      expect.stringMatching(
        /config stored on corpus app: its template store store\.json was made from this corpus file/,
      ),
    ])
  })
})

describe('the in-sample warnings by content, not only by path (s35-trial D8)', () => {
  it('a byte-identical copy of the store and dictionary training file, measured at another path, is warned of', async () => {
    write('copies/app-copy.log', logLines())
    write(
      'configs/copy-store.json',
      JSON.stringify({
        format: 'aura-template-store',
        version: 1,
        name: 'made-from-app',
        provenance: [
          {
            tool: 'aura-bench discover',
            corpus: '../corpora/app.log',
            createdAt: '2026-01-01T00:00:00.000Z',
            messages: 400,
            addedTemplates: 1,
            options: {},
          },
        ],
        templates: [{ id: 1, pattern: '{0} ERROR job {1} failed after {2} retries' }],
      }),
    )
    write(
      'configs/copy-both.yaml',
      'fallback: zstd_dict\nzstd_dict_training_corpus: ../corpora/app.log\nzstd_dict_size_bytes: 4096\ntemplate_store_path: copy-store.json\nmin_compression_size: 0\nframing: text-passthrough\n',
    )
    const file = write(
      'suites/copy.yaml',
      `name: copy
corpora:
  - { name: copy, path: ../copies/app-copy.log, format: txt }
configs:
  - { name: both, path: ../configs/copy-both.yaml }
latency: { enabled: false }
`,
    )
    const { results } = await runSuite(await loadSuite(file))
    expect(results.warnings).toEqual([
      expect.stringMatching(
        /config both on corpus copy: its template store copy-store\.json was made from \.\.\/corpora\/app\.log, a file with the same bytes as this corpus file/,
      ),
      expect.stringMatching(
        /config both on corpus copy: its zstd_dict_training_corpus \.\.\/corpora\/app\.log has the same bytes as the measured corpus file \(\.\.\/copies\/app-copy\.log\)/,
      ),
    ])
    // a file with other bytes is no copy
    write('copies/other.log', logLines().replace('INFO', 'DEBUG'))
    const other = write('suites/other.yaml', readFileSync(file, 'utf8').replace('app-copy.log', 'other.log'))
    expect((await runSuite(await loadSuite(other))).results.warnings).toEqual([])
  })
})

describe('a store made by discover --train-fraction: overlap by the line ranges measured (s36-trial D2)', () => {
  // the store is made from the first half of app.log's 400 lines (lines 1-200)
  write(
    'configs/half-store.json',
    JSON.stringify({
      format: 'aura-template-store',
      version: 1,
      name: 'first-half',
      provenance: [
        {
          tool: 'aura-bench discover',
          corpus: '../corpora/app.log',
          createdAt: '2026-01-01T00:00:00.000Z',
          messages: 200,
          addedTemplates: 1,
          options: { trainFraction: 0.5, split: 'ordered train part' },
        },
      ],
      templates: [{ id: 1, pattern: '{0} ERROR job {1} failed after {2} retries' }],
    }),
  )
  write('configs/half.yaml', 'fallback: deflate\ntemplate_store_path: half-store.json\nframing: text-passthrough\n')

  /** The in-sample warnings of a suite measuring app.log with the entry's extra keys. */
  async function warningsOf(name: string, keys: string): Promise<string[]> {
    const file = write(
      `suites/${name}.yaml`,
      `name: ${name}\ncorpora:\n  - { name: app, path: ../corpora/app.log, format: txt${keys} }\nconfigs:\n  - { name: half, path: ../configs/half.yaml }\nlatency: { enabled: false }\n`,
    )
    const suite = await loadSuite(file)
    return inSampleWarnings(suite, suite.corpora)
  }
  const split = (fraction: number) => `, split: { train_fraction: ${fraction}, mode: ordered, use: test }`
  const warned = [expect.stringMatching(/config half on corpus app: its template store half-store\.json was made from/)]

  it("the trial's three suites: limit alone, limit with a test half inside the training lines, a test part from 30%", async () => {
    // lines 1-100: inside lines 1-200
    expect(await warningsOf('limit-only', ', limit: 100')).toEqual(warned)
    // limit 300 then a test half: lines 151-300, of which 151-200 are training lines (no warning before)
    expect(await warningsOf('limit-split', `, limit: 300${split(0.5)}`)).toEqual(warned)
    // lines 121-400
    expect(await warningsOf('split-30', split(0.3))).toEqual(warned)
  })

  it('no warning when every measured line comes after the training lines, with or without limit', async () => {
    expect(await warningsOf('split-50', split(0.5))).toEqual([])
    // lines 281-400 (warned of before: the fractions differed)
    expect(await warningsOf('split-70', split(0.7))).toEqual([])
    // a limit at or past the file's end changes nothing
    expect(await warningsOf('limit-400', `, limit: 400${split(0.5)}`)).toEqual([])
    expect(await warningsOf('limit-past', `, limit: 1000${split(0.5)}`)).toEqual([])
    // limit 300, test part from 70%: lines 211-300
    expect(await warningsOf('limit-after', `, limit: 300${split(0.7)}`)).toEqual([])
    // a train part, a random split and no split all start inside the training lines
    expect(await warningsOf('train', ', split: { train_fraction: 0.5, mode: ordered, use: train }')).toEqual(warned)
    expect(await warningsOf('random', ', split: { train_fraction: 0.5, mode: random, use: test }')).toEqual(warned)
    expect(await warningsOf('whole', '')).toEqual(warned)
  })
})

describe('a derived entry whose config names a missing dictionary file', () => {
  it('fails with E_FILE_MISSING naming the config and zstd_dict_path, as a plain config would', async () => {
    write(
      'configs/missing-dict.yaml',
      'fallback: zstd_dict\nzstd_dict_path: ../dicts/absent.dict\nmin_compression_size: 0\n',
    )
    const suite = await loadSuite(
      suiteFile(
        'missing-dict',
        'test',
        '  - { name: found, path: ../configs/missing-dict.yaml, discover: { split: train } }',
      ),
    )
    const { stoppedBy } = await runSuite(suite)
    expect(stoppedBy).toMatchObject({ code: 'E_FILE_MISSING', location: { field: 'zstd_dict_path' } })
  })

  it('a corpus part too small to discover from fails that run only (E_NO_TEMPLATES naming the suite file, the corpus and configs[i].discover, with the hint); the suite goes on', async () => {
    // numbers only: every candidate pattern is all slots
    write('corpora/few.log', `${Array.from({ length: 100 }, (_, i) => String((i * 7919 + 13) * 104729)).join('\n')}\n`)
    const file = write(
      'suites/few.yaml',
      `name: few
corpora:
  - { name: tiny, path: ../corpora/few.log, format: txt, split: { train_fraction: 0.5, mode: ordered, use: test } }
  - { name: app, path: ../corpora/app.log, format: txt, split: { train_fraction: 0.5, mode: ordered, use: test } }
configs:
  - ../configs/hybrid.yaml
  - { name: found, path: ../configs/hybrid.yaml, discover: { split: train } }
latency: { enabled: false }
`,
    )
    const { results, stoppedBy } = await runSuite(await loadSuite(file))
    // s37-trial D2: it used to stop the suite here, and corpus app was never measured
    expect(stoppedBy).toBeUndefined()
    expect(results.incomplete).toBe(false)
    expect(results.runs.map((r) => [r.corpus, r.config, r.state])).toEqual([
      ['tiny', 'hybrid', 'complete'],
      ['tiny', 'found', 'failed'],
      ['app', 'hybrid', 'complete'],
      ['app', 'found', 'complete'],
    ])
    const failed = results.runs[1]
    expect(failed?.metrics.messages).toBe(0)
    expect(failed?.error?.code).toBe('E_NO_TEMPLATES')
    expect(failed?.error?.message).toContain(`${file}:7: configs[1].discover: config found: corpus tiny`)
    expect(failed?.error?.message).toMatch(/; hint: a template needs literal text/)
    expect(failed?.error?.message).toContain(
      `config found: corpus tiny (${path.join(root, 'corpora/few.log')}, train part`,
    )
  })
})
