import { describe, expect, it } from 'vitest'
import { AuraError } from '../core/index.ts'
import { createTempTree } from '../core/test-temp-tree.ts'
import { loadSuite } from '../suite/index.ts'
import { checkSplitParts, loadSplitCorpus } from './split-parts.ts'

const { write } = createTempTree('aura-split-parts-')
write('ten.txt', Array.from({ length: 10 }, (_, i) => `message ${i}`).join('\n'))
write('empty.txt', '\n\n')
write('plain.yaml', 'name: plain\nfallback: deflate\n')
write('bad.jsonl', 'not json\n')
const suite = write(
  'suite.yaml',
  [
    'name: parts',
    'corpora:',
    '  - { path: ten.txt, name: fine }',
    '  - { path: ten.txt, name: no-train, limit: 1 }',
    '  - { path: ten.txt, name: no-test, split: { train_fraction: 0.99, mode: random } }',
    '  - { path: empty.txt, name: nothing, required: true }',
    '  - { path: bad.jsonl, name: malformed }',
    'configs: [plain.yaml]',
    '',
  ].join('\n'),
)

describe('checkSplitParts', () => {
  it('names every corpus with an empty part, each at its entry, one problem for a corpus with no message', async () => {
    const { corpora } = await loadSuite(suite)
    const error = await checkSplitParts(corpora, 'compare').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuraError)
    const issues = (error as AuraError).issues
    expect(issues.map((i) => [i.code, i.field, i.line])).toEqual([
      ['E_CORPUS_EMPTY', 'corpora[1].limit', 4],
      ['E_CORPUS_EMPTY', 'corpora[2].split', 5],
      ['E_CORPUS_EMPTY', 'corpora[3]', 6],
      ['E_CORPUS_FORMAT', undefined, 1],
    ])
    expect(issues.slice(0, 3).every((i) => i.file === suite)).toBe(true)
    expect(issues[0]?.message).toMatch(/^corpus no-train: the training part of its split is empty \(1 read/)
    expect(issues[1]?.message).toMatch(/^corpus no-test: the held-out part of its split is empty \(10 read/)
    // a file with no message at all is said as run says it, not as an empty split with a limit hint
    expect(issues[2]?.message).toMatch(/^corpus "nothing" .* has no messages after filtering: 0 read/)
    // a malformed corpus after them does not hide them: every problem comes at once
    expect(issues[3]?.file).toMatch(/bad\.jsonl$/)
    expect((error as AuraError).hint).toBeUndefined()
  })

  it('gives the empty-part hint when every problem is an empty part', async () => {
    const { corpora } = await loadSuite(suite)
    const error = (await checkSplitParts(corpora.slice(0, 3), 'compare').catch((e: unknown) => e)) as AuraError
    expect(error.issues).toHaveLength(2)
    expect(error.hint).toContain('at least one in each part')
  })

  it('reads a corpus only until both parts have a message, not each part (an ordered split counted the file twice)', async () => {
    // a malformed last line: the check stops long before it (it found it, reading the whole file to
    // count the split, twice); loading the parts, which reads every line, still refuses it
    write(
      'late-bad.jsonl',
      `${Array.from({ length: 50 }, (_, i) => JSON.stringify({ text: `m ${i}` })).join('\n')}\nnot json\n`,
    )
    const { corpora } = await loadSuite(
      write('late.yaml', 'name: late\ncorpora: [ { path: late-bad.jsonl, name: late } ]\nconfigs: [plain.yaml]\n'),
    )
    await expect(checkSplitParts(corpora, 'compare')).resolves.toBeUndefined()
    const late = corpora[0] as (typeof corpora)[number]
    await expect(loadSplitCorpus(late, 'compare')).rejects.toMatchObject({ code: 'E_CORPUS_FORMAT' })
  })

  it('passes corpora with messages in both parts, the parts loadSplitCorpus then loads', async () => {
    const { corpora } = await loadSuite(suite)
    const fine = corpora.slice(0, 1)
    await expect(checkSplitParts(fine, 'replay')).resolves.toBeUndefined()
    const parts = await loadSplitCorpus(fine[0] as (typeof fine)[number], 'replay')
    expect([parts.train.length, parts.heldOut.length]).toEqual([5, 5])
  })
})
