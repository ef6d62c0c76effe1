import { describe, expect, it } from 'vitest'
import { createTempTree } from '../core/test-temp-tree.ts'
import { checkCorpusRecordings, loadCorpus, recordingsBeside } from '../corpus/index.ts'
import { loadCompressor } from '../runner/index.ts'
import { loadSuite } from '../suite/index.ts'
import { runCli } from './index.ts'
import { createFakeIo } from './test-support.ts'
import { auraRefusal as refusal } from '../core/test-refusal.ts'

// s36-trial D3 (round 37): a suite names a corpus's recordings file with `recordings:`
const { root: dir, write } = createTempTree('aura-recordings-key-')
const jsonl = (...texts: string[]): string => texts.map((text) => `${JSON.stringify({ text })}\n`).join('')
const tsv = (...rows: string[]): string => `first_line\tn_messages\n${rows.join('\n')}\n`
const config = 'fallback: zstd\n'

describe('a suite corpus entry with recordings:', () => {
  it("reads the named file, not the folder's recordings.tsv, for two JSONL corpora in one folder", async () => {
    write('k/data/stream.jsonl', jsonl('a', 'b', 'c'))
    write('k/data/api.jsonl', jsonl('x', 'y'))
    write('k/data/recordings.tsv', tsv('1\t3'))
    write('k/conn/stream.tsv', tsv('1\t1', '2\t2'))
    write('k/conn/api.tsv', tsv('1\t2'))
    write('k/z.yaml', config)
    const file = write(
      'k/suite.yaml',
      'corpora:\n  - { path: data/stream.jsonl, recordings: conn/stream.tsv }\n  - { path: data/api.jsonl, recordings: conn/api.tsv }\nconfigs: [z.yaml]\n',
    )
    const suite = await loadSuite(file)
    const [stream, api] = suite.corpora as [(typeof suite.corpora)[0], (typeof suite.corpora)[0]]
    expect(stream.recordingsAsWritten).toBe('conn/stream.tsv')
    expect((await loadCorpus(stream)).map((m) => m.connection)).toEqual(['lines 1-1', 'lines 2-3', 'lines 2-3'])
    expect((await loadCorpus(api)).map((m) => m.connection)).toEqual(['lines 1-2', 'lines 1-2'])
    expect((await recordingsBeside(api))?.file).toMatch(/conn[/\\]api\.tsv$/)
    expect(await checkCorpusRecordings(api)).toEqual([])
    // validate checks the named files, not the folder's recordings.tsv (which it would refuse: two JSONL corpora)
    const io = createFakeIo({ cwd: dir })
    const code = await runCli(['validate', file], io)
    expect(io.err()).toBe('')
    expect(code).toBe(0)
  })

  it('a missing recordings file: exit 2 naming the suite file and corpora[i].recordings', async () => {
    write('m/data/stream.jsonl', jsonl('a'))
    write('m/z.yaml', config)
    const file = write(
      'm/suite.yaml',
      'corpora:\n  - path: data/stream.jsonl\n    recordings: nope.tsv\nconfigs: [z.yaml]\n',
    )
    const error = await refusal(() => loadSuite(file))
    expect(error.code).toBe('E_FILE_MISSING')
    const issue = error.issues.find((i) => i.field === 'corpora[0].recordings')
    expect(issue?.file).toBe(file)
    expect(issue?.message).toContain('recordings file')
    expect(issue?.message).toContain('written nope.tsv')
  })

  it('on a corpus that is not jsonl: refused at corpora[i].recordings', async () => {
    write('t/app.txt', 'a\n')
    write('t/r.tsv', tsv('1\t1'))
    write('t/z.yaml', config)
    const file = write('t/suite.yaml', 'corpora:\n  - { path: app.txt, recordings: r.tsv }\nconfigs: [z.yaml]\n')
    const error = await refusal(() => loadSuite(file))
    expect(error.issues.find((i) => i.field === 'corpora[0].recordings')?.message).toContain('only a jsonl corpus')
  })

  it('without the key the lookup beside the corpus is unchanged', async () => {
    write('n/data/messages.jsonl', jsonl('a', 'b'))
    write('n/data/recordings.tsv', tsv('1\t2'))
    write('n/z.yaml', config)
    const file = write('n/suite.yaml', 'corpora: [data/messages.jsonl]\nconfigs: [z.yaml]\n')
    const [corpus] = (await loadSuite(file)).corpora
    expect(corpus?.recordings).toBeUndefined()
    expect((await loadCorpus(corpus as NonNullable<typeof corpus>)).map((m) => m.connection)).toEqual([
      'lines 1-2',
      'lines 1-2',
    ])
  })

  it('a config training its dictionary on one of two JSONL corpora of a folder with a recordings.tsv: validate passes, the dictionary is built (s37-fixr L1)', async () => {
    const many = (word: string) =>
      jsonl(...Array.from({ length: 40 }, (_, i) => `{"kind":"${word}","seq":${i},"note":"${word} number ${i}"}`))
    write('d/data/a.jsonl', many('alpha'))
    write('d/data/b.jsonl', many('beta'))
    write('d/data/recordings.tsv', tsv('1\t40'))
    write('d/conn/a.tsv', tsv('1\t40'))
    write('d/conn/b.tsv', tsv('1\t40'))
    const dict = write('d/dict.yaml', 'fallback: zstd_dict\nzstd_dict_training_corpus: data/a.jsonl\n')
    const file = write(
      'd/suite.yaml',
      'corpora:\n  - { path: data/a.jsonl, recordings: conn/a.tsv }\n  - { path: data/b.jsonl, recordings: conn/b.tsv }\nconfigs: [dict.yaml]\n',
    )
    const io = createFakeIo({ cwd: dir })
    const code = await runCli(['validate', file], io)
    expect(io.err()).not.toContain('dictionary training corpus')
    expect(code).toBe(0)
    // the dictionary is trained on the messages alone: the folder's recordings.tsv is not looked for
    const compressor = await loadCompressor(dict)
    expect(compressor.config.zstdDictTrainingCorpus).toMatch(/a\.jsonl$/)
  })

  it("the refusal of a folder's recordings.tsv beside two JSONL corpora names the suite's recordings: key (s37-fixr L1)", async () => {
    write('h/a.jsonl', jsonl('a'))
    write('h/b.jsonl', jsonl('b'))
    write('h/recordings.tsv', tsv('1\t1'))
    const error = await refusal(() => loadCorpus({ name: 'a', path: `${dir}/h/a.jsonl` }))
    expect(error.code).toBe('E_CORPUS_FORMAT')
    expect(error.hint).toContain('`recordings:` key')
  })

  it('validate and run say a missing recordings file once, at corpora[i].recordings (s37-fixr L3)', async () => {
    write('o/data/stream.jsonl', jsonl('a'))
    write('o/z.yaml', config)
    const file = write(
      'o/suite.yaml',
      'corpora:\n  - path: data/stream.jsonl\n    recordings: nope.tsv\nconfigs: [z.yaml]\n',
    )
    for (const args of [
      ['validate', file],
      ['run', file, '--out', `${dir}/o/out`],
    ]) {
      const io = createFakeIo({ cwd: dir })
      expect(await runCli(args, io)).toBe(2)
      expect(io.err()).toContain('corpora[0].recordings: recordings file')
      expect(io.err()).not.toContain('recordings file not found')
      expect(io.err().split('corpora[0].recordings').length - 1).toBe(1)
    }
  })
})
