import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../report/index.ts'
import { createFixtureResults } from '../report/test-fixtures.ts'
import type { Suite } from '../suite/index.ts'
import { describeInputs, withSampleLargerThanPart } from './inputs.ts'

const corpus = (over: Partial<Suite['corpora'][number]>): Suite['corpora'][number] => ({
  name: 'c',
  path: '/abs/c.log',
  pathAsWritten: 'logs/c.log',
  format: 'txt',
  textField: 'text',
  categoryField: 'category',
  harDirection: 'receive',
  required: false,
  ...over,
})

describe('describeInputs', () => {
  it('names each corpus part and where derived state came from', () => {
    const suite = {
      corpora: [
        corpus({ name: 'whole', format: 'auto', path: '/abs/w.jsonl', pathAsWritten: 'w.jsonl' }),
        corpus({ name: 'held-out', limit: 1000, split: { trainFraction: 0.5, seed: 1, use: 'test', mode: 'ordered' } }),
        corpus({ name: 'random', split: { trainFraction: 0.7, seed: 9, use: 'train', mode: 'random' } }),
      ],
      configs: [
        { name: 'plain', path: '/abs/p.yaml', pathAsWritten: 'p.yaml' },
        {
          name: 'learnt',
          path: '/abs/l.yaml',
          pathAsWritten: 'l.yaml',
          discover: { split: 'train' },
          zstdDictTraining: { split: 'all', fromCorpus: 'whole' },
        },
      ],
    } as unknown as Suite
    const inputs = describeInputs(suite)
    expect(inputs.corpora.map((c) => c.part)).toEqual([
      'the whole file',
      'the first 1000 messages, then the ordered test part (last 50%)',
      'the random train part (random 70%, seed 9)',
    ])
    expect(inputs.corpora[0]?.format).toBe('jsonl')
    expect(inputs.configs[0]).toEqual({ name: 'plain', file: 'p.yaml' })
    expect(inputs.configs[1]?.derived).toBe(
      'template store discovered from the measured corpus, its train part (disjoint from the measured part); zstd dictionary trained on corpus whole, the whole file (in-sample)',
    )
    const markdown = renderMarkdown({ ...createFixtureResults(), inputs })
    expect(markdown).toContain(
      '| held-out | `logs/c.log` | txt | the first 1000 messages, then the ordered test part (last 50%) |',
    )
    expect(markdown).toContain('| plain | `p.yaml` | — |')
  })
})

describe('withSampleLargerThanPart', () => {
  const sampled = corpus({ name: 's', sample: { size: 5000, seed: 1 } })
  const suite = { corpora: [sampled], configs: [] } as unknown as Suite

  it('says all N were measured, and warns, when the sample asked for more than the part holds', () => {
    const { inputs, warning } = withSampleLargerThanPart(describeInputs(suite), sampled, 300)
    expect(inputs.corpora[0]?.part).toBe('all 300 messages (a sample of 5000 (seed 1) asked for more than there are)')
    expect(warning).toBe(
      'corpus s: sample.size 5000 is larger than the 300 messages it draws from, so all 300 were measured and none left out: the sample is the whole file',
    )
  })

  it('changes nothing for a sample smaller than its part', () => {
    const inputs = describeInputs(suite)
    expect(withSampleLargerThanPart(inputs, sampled, 5000)).toEqual({ inputs })
  })
})
