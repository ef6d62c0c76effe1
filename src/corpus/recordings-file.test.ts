import { describe, expect, it } from 'vitest'
import { createTempTree } from '../core/test-temp-tree.ts'
import { checkCorpusRecordings, loadCorpus, recordingsBeside } from './index.ts'
import { auraRefusal as refusal } from '../core/test-refusal.ts'

// s36-trial D3: a folder's recordings.tsv gave every JSONL corpus in the folder the first one's connections
const { write } = createTempTree('aura-recordings-')
const jsonl = (...texts: string[]): string => texts.map((text) => `${JSON.stringify({ text })}\n`).join('')
const tsv = (...rows: string[]): string => `first_line\tn_messages\n${rows.join('\n')}\n`
const connections = async (path: string) => (await loadCorpus({ path })).map((m) => m.connection)

describe('which recordings file a JSONL corpus reads', () => {
  it('one JSONL corpus per folder with recordings.tsv (the shared corpora) reads it as before', async () => {
    const path = write('one/messages.jsonl', jsonl('a', 'b', 'c'))
    write('one/recordings.tsv', tsv('1\t2', '3\t1'))
    expect(await connections(path)).toEqual(['lines 1-2', 'lines 1-2', 'lines 3-3'])
    expect(await recordingsBeside({ path })).toEqual({
      file: write('one/recordings.tsv', tsv('1\t2', '3\t1')),
      read: true,
    })
  })

  it('two JSONL corpora and one recordings.tsv: refused (exit 2) naming both files and the fix, in validate too', async () => {
    const stream = write('two/stream.jsonl', jsonl('a', 'b', 'c'))
    write('two/api.jsonl', jsonl('x', 'y'))
    write('two/recordings.tsv', tsv('1\t3'))
    for (const call of [() => loadCorpus({ path: stream }), () => checkCorpusRecordings({ path: stream })]) {
      const error = await refusal(call)
      expect(error.code).toBe('E_CORPUS_FORMAT')
      expect(error.location.file).toMatch(/two[/\\]recordings\.tsv$/)
      expect(error.message).toContain('holds 2 JSONL corpora (stream.jsonl, api.jsonl) and one recordings.tsv')
      expect(error.hint).toContain('stream.recordings.tsv for stream.jsonl, api.recordings.tsv for api.jsonl')
    }
  })

  it("<name>.recordings.tsv is read before the folder's recordings.tsv: each corpus gets its own connections", async () => {
    const stream = write('own/stream.jsonl', jsonl('a', 'b', 'c'))
    const api = write('own/api.jsonl', jsonl('x', 'y'))
    write('own/recordings.tsv', tsv('1\t3'))
    write('own/stream.recordings.tsv', tsv('1\t1', '2\t2'))
    // api has no own file yet: the shared one is still refused for it
    expect((await refusal(() => loadCorpus({ path: api }))).code).toBe('E_CORPUS_FORMAT')
    write('own/api.recordings.tsv', tsv('1\t2'))
    expect(await connections(stream)).toEqual(['lines 1-1', 'lines 2-3', 'lines 2-3'])
    expect(await connections(api)).toEqual(['lines 1-2', 'lines 1-2'])
    expect((await recordingsBeside({ path: api }))?.file).toMatch(/own[/\\]api\.recordings\.tsv$/)
    // a shorter corpus is checked against its own rows, not the other corpus's (the trial's `run` refusal)
    expect(await checkCorpusRecordings({ path: api })).toEqual([])
  })

  it('an .ndjson corpus counts as a JSONL corpus beside another (review s36-review4)', async () => {
    const a = write('nd/a.ndjson', jsonl('a', 'b'))
    write('nd/b.ndjson', jsonl('x'))
    write('nd/recordings.tsv', tsv('1\t2'))
    const error = await refusal(() => loadCorpus({ path: a }))
    expect(error.code).toBe('E_CORPUS_FORMAT')
    expect(error.message).toContain('holds 2 JSONL corpora (a.ndjson, b.ndjson) and one recordings.tsv')
  })

  it('a txt corpus beside JSONL corpora is not refused: it reads no recordings (the note says so)', async () => {
    const path = write('mixed/app.txt', 'a\nb\n')
    write('mixed/stream.jsonl', jsonl('a'))
    write('mixed/other.jsonl', jsonl('b'))
    write('mixed/recordings.tsv', tsv('1\t1'))
    expect(await recordingsBeside({ path })).toMatchObject({ read: false })
    expect(await loadCorpus({ path })).toHaveLength(2)
  })
})
