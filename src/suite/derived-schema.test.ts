import { describe, expect, it } from 'vitest'
import { AuraError, type Issue } from '../core/index.ts'
import { parseSuite } from './parse-suite.ts'

const FILE = '/project/suites/heldout.yaml'

function suiteWith(configs: string, corpusExtra = 'split: { train_fraction: 0.5, mode: ordered }'): string {
  return `
corpora:
  - { name: apache, path: ../logs/apache.log, header: '\\[<Time>\\] <Content>', ${corpusExtra} }
  - { name: hdfs, path: ../logs/hdfs.log }
configs:
${configs}
`
}

function issuesOf(yaml: string): Issue[] {
  try {
    parseSuite(yaml, FILE)
  } catch (error) {
    if (error instanceof AuraError) return [...error.issues]
    throw error
  }
  return []
}

describe('held-out keys of a suite', () => {
  it('reads discover and zstd_dict_training with their defaults, and a corpus header', () => {
    const suite = parseSuite(
      suiteWith(`  - { name: found, path: ../configs/a.yaml, discover: { from_corpus: apache, max_templates: 100 }, zstd_dict_training: { from_corpus: apache } }
  - { name: plain, path: ../configs/b.yaml }`),
      FILE,
    )
    expect(suite.configs[0]).toMatchObject({
      discover: { fromCorpus: 'apache', split: 'train', maxTemplates: 100 },
      zstdDictTraining: { fromCorpus: 'apache', split: 'train' },
    })
    expect(suite.configs[0]?.discover?.minSupport).toBeUndefined()
    expect(suite.configs[1]?.discover).toBeUndefined()
    expect(suite.configs[1]?.zstdDictTraining).toBeUndefined()
    expect(suite.corpora[0]?.header).toBe('\\[<Time>\\] <Content>')
  })

  it('names a from_corpus that is not a corpus of the suite', () => {
    const issues = issuesOf(suiteWith('  - { path: ../configs/a.yaml, discover: { from_corpus: apahce, split: all } }'))
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ field: 'configs[0].discover.from_corpus', line: 6 })
    expect(issues[0]?.message).toMatch(/apahce.*corpora: apache, hdfs/)
  })

  it('wants a split on every corpus a train part is taken from', () => {
    const issues = issuesOf(suiteWith('  - { path: ../configs/a.yaml, zstd_dict_training: { split: train } }'))
    expect(issues.map((i) => i.field)).toEqual(['configs[0].zstd_dict_training.split'])
    expect(issues[0]?.message).toMatch(/corpus hdfs/)
    expect(issuesOf(suiteWith('  - { path: ../configs/a.yaml, discover: { from_corpus: apache } }'))).toEqual([])
    expect(issuesOf(suiteWith('  - { path: ../configs/a.yaml, discover: { split: all } }'))).toEqual([])
  })

  it('refuses unknown keys and bad limits inside discover', () => {
    const fields = issuesOf(
      suiteWith('  - { path: ../configs/a.yaml, discover: { from_corpus: apache, max_template: 5, min_support: 0 } }'),
    ).map((i) => i.field)
    expect(fields).toEqual(
      expect.arrayContaining(['configs[0].discover.max_template', 'configs[0].discover.min_support']),
    )
  })

  // s30's self-check: `discover: 5` also said "split: train needs a split", of a block that is not one
  it('says only "must be a mapping" of a discover or zstd_dict_training that is not one', () => {
    for (const value of ['5', 'yes', '[a]', 'null'])
      for (const key of ['discover', 'zstd_dict_training']) {
        const issues = issuesOf(suiteWith(`  - { path: ../configs/a.yaml, ${key}: ${value} }`))
        expect(issues.map((i) => [i.field, i.message.replace(/, found .*/, '')])).toEqual([
          [`configs[0].${key}`, 'must be a mapping'],
        ])
      }
  })
})
