import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AuraError } from '../core/index.ts'
import {
  checkCorpusRecordings,
  HARD_CAP_BYTES,
  loadCorpus,
  recordingsBeside,
  loadCorpusWithStats,
  streamCorpus,
  type CorpusMessage,
  type CorpusOptions,
} from './index.ts'

const dir = mkdtempSync(join(tmpdir(), 'aura-corpus-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let fileCount = 0
/** Writes a fixture into its own folder (so companions such as recordings.tsv do not leak between tests). */
function fixture(name: string, content: string | Uint8Array, companions: Record<string, string> = {}): string {
  const folder = join(dir, String(fileCount++))
  mkdirSync(folder)
  writeFileSync(join(folder, name), content)
  for (const [file, text] of Object.entries(companions)) writeFileSync(join(folder, file), text)
  return join(folder, name)
}

const texts = (messages: readonly CorpusMessage[]): string[] =>
  messages.map((m) => Buffer.from(m.bytes).toString('utf8'))

async function loadError(options: CorpusOptions): Promise<AuraError> {
  const error = await loadCorpus(options).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AuraError)
  return error as AuraError
}

describe('txt', () => {
  it('one message per line: CRLF stripped, BOM stripped, empty lines skipped and counted, final line without newline kept', async () => {
    const path = fixture('m.txt', '\ufefffirst\r\n\r\nsecond\n\nthird')
    const { messages, stats } = await loadCorpusWithStats({ path })
    expect(texts(messages)).toEqual(['first', 'second', 'third'])
    expect(messages.map((m) => [m.index, m.line])).toEqual([
      [0, 1],
      [1, 3],
      [2, 5],
    ])
    expect(stats.skippedEmptyLines).toBe(2)
  })

  it('keeps invalid UTF-8 bytes exactly', async () => {
    const path = fixture('bin.txt', new Uint8Array([0x61, 0xff, 0xfe, 0x0d, 0x0a, 0xc3, 0x28]))
    const messages = await loadCorpus({ path })
    expect(messages.map((m) => [...m.bytes])).toEqual([
      [0x61, 0xff, 0xfe],
      [0xc3, 0x28],
    ])
  })

  it('streams 200k lines', async () => {
    const path = fixture('big.txt', Array.from({ length: 200_000 }, (_, i) => `line ${i}`).join('\n'))
    const { messages, stats } = await loadCorpusWithStats({ path })
    expect(messages.length).toBe(200_000)
    expect(texts([messages[199_999] as CorpusMessage])).toEqual(['line 199999'])
    expect(stats.recordsRead).toBe(200_000)
  })
})

describe('jsonl', () => {
  it('reads text and category fields, accepts bare JSON strings, skips blank lines', async () => {
    const path = fixture('m.jsonl', '\ufeff{"text":"a\\u00e9","category":"api"}\r\n\n"bare"\n')
    const messages = await loadCorpus({ path, textField: 'text' })
    expect(texts(messages)).toEqual(['aé', 'bare'])
    expect(messages[0]?.category).toBe('api')
    expect(messages[1]?.line).toBe(3)
    const other = await loadCorpus({
      path: fixture('o.jsonl', '{"msg":"x","kind":7}'),
      textField: 'msg',
      categoryField: 'kind',
    })
    expect(other).toEqual([{ index: 0, bytes: new TextEncoder().encode('x'), category: '7', line: 1 }])
  })

  it('a malformed line is E_CORPUS_FORMAT with its line number', async () => {
    const error = await loadError({ path: fixture('bad.jsonl', '{"text":"ok"}\n{"text": nope}\n') })
    expect(error.code).toBe('E_CORPUS_FORMAT')
    expect(error.location.line).toBe(2)
    expect(error.message).toMatch(/line 2 is not valid JSON/)
  })

  it('a line without the text field names the field and what the line has', async () => {
    const error = await loadError({ path: fixture('f.jsonl', '{"body":"x"}') })
    expect(error.code).toBe('E_CORPUS_FORMAT')
    expect(error.message).toMatch(/"text".*fields: body/)
    // and how to fix it: the field to name, or no field at all
    expect(error.message).toContain('`text_field:`')
    expect(error.message).toContain('`format: txt`')
  })

  it('a line that is not valid UTF-8 is E_INVALID_UTF8 with its line', async () => {
    const bytes = Buffer.concat([Buffer.from('{"text":"ok"}\n{"text":"'), Buffer.from([0xff]), Buffer.from('"}\n')])
    const error = await loadError({ path: fixture('u.jsonl', bytes) })
    expect(error.code).toBe('E_INVALID_UTF8')
    expect(error.location.line).toBe(2)
  })

  it('a lone surrogate escape has no UTF-8 bytes: E_CORPUS_FORMAT rather than a silently changed message', async () => {
    const error = await loadError({ path: fixture('s.jsonl', '{"text":"a\\ud800b"}') })
    expect(error.code).toBe('E_CORPUS_FORMAT')
  })

  it('recordings.tsv beside the file sets each message connection by line range', async () => {
    const tsv =
      'first_line\tn_messages\tpath\trecording\n1\t2\tcassette.yaml\tinteraction[0]\n3\t1\tcassette.yaml\tinteraction[1]\n'
    const path = fixture('messages.jsonl', '{"text":"a"}\n{"text":"b"}\n{"text":"c"}\n', { 'recordings.tsv': tsv })
    const messages = await loadCorpus({ path })
    expect(messages.map((m) => m.connection)).toEqual([
      'cassette.yaml interaction[0]',
      'cassette.yaml interaction[0]',
      'cassette.yaml interaction[1]',
    ])
  })
})

describe('recordings.tsv against its corpus', () => {
  const jsonl = Array.from({ length: 400 }, (_, i) => JSON.stringify({ text: `m${i}` })).join('\n')
  const rows = (...lines: string[]): string => `first_line\tn_messages\tpath\trecording\n${lines.join('\n')}\n`

  it('a row running past the last line, or starting past it, is E_CORPUS_FORMAT naming the recordings file and row', async () => {
    for (const row of ['251\t500\ta\tr1', '401\t5\ta\tr1']) {
      const path = fixture('messages.jsonl', jsonl, { 'recordings.tsv': rows('1\t250\ta\tr0', row) })
      const error = await loadError({ path })
      expect(error.code).toBe('E_CORPUS_FORMAT')
      expect(error.location).toEqual({ file: join(path, '..', 'recordings.tsv'), line: 3 })
      expect(error.message).toContain('which has 400 lines')
    }
  })

  it('the end is checked when a share skips the last lines undecoded too; rows ending on the last line pass', async () => {
    const past = fixture('messages.jsonl', `${jsonl}\n`, { 'recordings.tsv': rows('1\t250\ta\tr0', '251\t151\ta\tr1') })
    const firstTen = { keeps: (i: number) => i < 10 }
    const readShare = async (path: string): Promise<number> => {
      let count = 0
      for await (const _ of streamCorpus({ path }, firstTen)) count++
      return count
    }
    const error = await readShare(past).then(
      () => undefined,
      (e: unknown) => e as AuraError,
    )
    expect(error?.code).toBe('E_CORPUS_FORMAT')
    const exact = fixture('messages.jsonl', `${jsonl}\n`, {
      'recordings.tsv': rows('1\t250\ta\tr0', '251\t150\ta\tr1'),
    })
    expect(await loadCorpus({ path: exact })).toHaveLength(400)
    expect(await readShare(exact)).toBe(10)
  })

  it('validate notes rows that stop before the corpus ends (a copy cut short), and a recordings.tsv a txt corpus does not read (s34-trial D2, D7)', async () => {
    const cut = fixture('messages.jsonl', jsonl, { 'recordings.tsv': rows('1\t250\ta\tr0').replace(/\n$/, '') })
    const [note] = await checkCorpusRecordings({ path: cut })
    expect(note).toContain('its rows end at corpus line 250 (the row on its line 2)')
    expect(note).toContain('has 400 lines with content: the 150 lines after it lie outside every row')
    expect(note).toContain('its last line has no newline, so the file may have been cut short')
    const whole = fixture('messages.jsonl', jsonl, { 'recordings.tsv': rows('1\t250\ta\tr0', '251\t150\ta\tr1') })
    expect(await checkCorpusRecordings({ path: whole })).toEqual([])
    // blank lines at the corpus's end hold no message: no note (the review of s34-fixt)
    const blankEnd = fixture('messages.jsonl', `${jsonl}\n\n \r\n`, {
      'recordings.tsv': rows('1\t250\ta\tr0', '251\t150\ta\tr1'),
    })
    expect(await checkCorpusRecordings({ path: blankEnd })).toEqual([])
    const oneLeft = fixture('messages.jsonl', jsonl, { 'recordings.tsv': rows('1\t250\ta\tr0', '251\t149\ta\tr1') })
    const [oneNote] = await checkCorpusRecordings({ path: oneLeft })
    expect(oneNote).toContain('the 1 line after it lies outside every row')
    const noRows = fixture('messages.jsonl', jsonl, { 'recordings.tsv': rows() })
    const [noRowsNote] = await checkCorpusRecordings({ path: noRows })
    expect(noRowsNote).toContain('recordings.tsv: it has no rows, and ')
    const txt = fixture('messages.txt', 'a\nb\n', { 'recordings.tsv': rows('1\t2\ta\tr0') })
    const [txtNote] = await checkCorpusRecordings({ path: txt })
    expect(txtNote).toContain('recordings.tsv is not read: only a jsonl corpus takes a recordings.tsv')
    expect(await recordingsBeside({ path: txt })).toEqual({ file: join(txt, '..', 'recordings.tsv'), read: false })
    expect(await checkCorpusRecordings({ path: fixture('messages.txt', 'a\n') })).toEqual([])
  })

  it('a row cut inside its first number names the missing column (s34-trial D10)', async () => {
    const path = fixture('messages.jsonl', jsonl, {
      'recordings.tsv': 'first_line\tn_messages\tpath\trecording\n1\t5\ta\tr\n3',
    })
    const error = await loadError({ path })
    expect(error.reason).toBe("n_messages is missing: the row has 1 of the header's 4 columns (is the file cut short?)")
    expect(error.location).toEqual({ file: join(path, '..', 'recordings.tsv'), line: 3 })
    const empty = fixture('messages.jsonl', jsonl, {
      'recordings.tsv': 'first_line\tn_messages\tpath\trecording\n1\t\ta\tr\n',
    })
    expect((await loadError({ path: empty })).reason).toBe('n_messages is empty in this row')
  })
})

describe('json array', () => {
  it('reads strings and objects with the text field', async () => {
    const messages = await loadCorpus({ path: fixture('a.json', '\ufeff["x", {"text": "y", "category": "c"}]') })
    expect(texts(messages)).toEqual(['x', 'y'])
    expect(messages[1]?.category).toBe('c')
  })

  it('a bad element names its index; a non-array names the format', async () => {
    expect((await loadError({ path: fixture('b.json', '["x", 3]') })).location.field).toBe('[1]')
    expect((await loadError({ path: fixture('c.json', '{"text": "x"}') })).code).toBe('E_CORPUS_FORMAT')
  })

  it('invalid UTF-8 in the file is E_INVALID_UTF8 with the line', async () => {
    const error = await loadError({
      path: fixture('d.json', Buffer.concat([Buffer.from('[\n"a",\n"'), Buffer.from([0xc0, 0x80]), Buffer.from('"]')])),
    })
    expect([error.code, error.location.line]).toEqual(['E_INVALID_UTF8', 3])
  })

  it('malformed JSON is E_JSON_SYNTAX', async () => {
    expect((await loadError({ path: fixture('e.json', '["a",') })).code).toBe('E_JSON_SYNTAX')
  })
})

describe('loghub', () => {
  const log = 'L1 start\r\nL2 "quoted", value\r\nL3 end'
  const csv =
    'LineId,Content,EventId,EventTemplate\r\n1,start,E1,start\r\n2,"""quoted"", value",E2,"""<*>"", value"\r\n3,end,E1,end\r\n'

  it('one line per message, EventId from the structured CSV as category', async () => {
    const path = fixture('Sys_2k.log', log, { 'Sys_2k.log_structured.csv': csv })
    const messages = await loadCorpus({ path })
    expect(texts(messages)).toEqual(['L1 start', 'L2 "quoted", value', 'L3 end'])
    expect(messages.map((m) => m.category)).toEqual(['E1', 'E2', 'E1'])
  })

  it('category_field may name another CSV column; without the CSV there are no categories', async () => {
    const path = fixture('Sys_2k.log', log, { 'Sys_2k.log_structured.csv': csv })
    expect((await loadCorpus({ path, categoryField: 'EventTemplate' }))[1]?.category).toBe('"<*>", value')
    expect((await loadCorpus({ path: fixture('Alone.log', log) }))[0]?.category).toBeUndefined()
  })

  it('ordered split: first half train, second half test', async () => {
    const path = fixture('Half.log', 'a\nb\nc\nd\ne\n')
    expect(
      texts(await loadCorpus({ path, split: { trainFraction: 0.5, seed: 0, use: 'train', mode: 'ordered' } })),
    ).toEqual(['a', 'b'])
    expect(
      texts(await loadCorpus({ path, split: { trainFraction: 0.5, seed: 0, use: 'test', mode: 'ordered' } })),
    ).toEqual(['c', 'd', 'e'])
  })
})

describe('har', () => {
  const har = JSON.stringify({
    log: {
      entries: [
        { request: { url: 'https://example.com/page' } },
        {
          request: { url: 'wss://example.com/ws' },
          _webSocketMessages: [
            { type: 'send', time: 1, opcode: 1, data: '{"subscribe":"ticker"}' },
            { type: 'receive', time: 2, opcode: 1, data: '{"price":1}' },
            { type: 'receive', time: 3, opcode: 2, data: Buffer.from([0, 255, 1]).toString('base64') },
            { type: 'receive', time: 4, opcode: 9, data: '' },
          ],
        },
      ],
    },
  })

  it('keeps received frames by default, decodes binary opcode 2 from base64, skips control opcodes', async () => {
    const { messages, stats } = await loadCorpusWithStats({ path: fixture('c.har', har) })
    expect(messages.map((m) => [...m.bytes])).toEqual([[...new TextEncoder().encode('{"price":1}')], [0, 255, 1]])
    expect(messages[0]?.connection).toBe('entries[1] wss://example.com/ws')
    expect(stats.skippedFrames).toBe(2)
  })

  it('filters by direction', async () => {
    const path = fixture('d.har', har)
    expect(texts(await loadCorpus({ path, harDirection: 'send' }))).toEqual(['{"subscribe":"ticker"}'])
    expect(await loadCorpus({ path, harDirection: 'both' })).toHaveLength(3)
  })

  it('bad base64 in a binary frame names the frame', async () => {
    const bad = JSON.stringify({
      log: { entries: [{ _webSocketMessages: [{ type: 'receive', opcode: 2, data: 'not base64!' }] }] },
    })
    const error = await loadError({ path: fixture('e.har', bad) })
    expect([error.code, error.location.field]).toEqual(['E_CORPUS_FORMAT', 'log.entries[0]._webSocketMessages[0]'])
  })
})

describe('errors', () => {
  it('missing file: E_FILE_MISSING naming the file, and the suite field when it came from a suite', async () => {
    const path = join(dir, 'nope.txt')
    const plain = await loadError({ path })
    expect([plain.code, plain.location.file]).toEqual(['E_FILE_MISSING', path])
    const fromSuite = await loadError({ path, origin: { file: 'suite.yaml', field: 'corpora[1]', line: 7 } })
    expect(fromSuite.location).toEqual({ file: 'suite.yaml', field: 'corpora[1].path', line: 7 })
    expect(fromSuite.message).toContain(path)
  })

  it('a `~` path (no shell expands a suite): the hint says so, not that the folder is outside the project', async () => {
    const error = await loadError({ path: join(dir, '~', 'data', 'messages.jsonl') })
    expect(error.code).toBe('E_FILE_MISSING')
    expect(error.hint).toMatch(/`~` is not your home folder/)
  })

  it('a folder: E_FILE_IS_DIRECTORY', async () => {
    expect((await loadError({ path: dir })).code).toBe('E_FILE_IS_DIRECTORY')
  })

  it('unknown extension with format auto: E_CORPUS_FORMAT asking for a format', async () => {
    const error = await loadError({ path: fixture('m.dat', 'x') })
    expect(error.code).toBe('E_CORPUS_FORMAT')
    expect(error.hint).toMatch(/format/)
  })

  it('empty after filtering: E_CORPUS_EMPTY saying which filters removed what', async () => {
    const path = fixture('short.txt', 'a\n\nbb\nccc\n')
    const error = await loadError({ path, name: 'short', minMessageBytes: 3, maxMessageBytes: 2 })
    expect(error.code).toBe('E_CORPUS_EMPTY')
    expect(error.reason).toBe(
      `corpus "short" (${path}) has no messages after filtering: 3 read; 1 empty lines skipped; 2 below min_message_bytes 3; 1 above max_message_bytes 2`,
    )
  })

  it('an empty file: E_CORPUS_EMPTY', async () => {
    expect((await loadError({ path: fixture('empty.txt', '') })).message).toMatch(/holds no messages/)
  })

  it('a message over the 16 MiB cap is E_MESSAGE_TOO_LARGE with line and size; max_message_bytes drops it instead', async () => {
    const huge = 'x'.repeat(HARD_CAP_BYTES + 1)
    const path = fixture('huge.txt', `small\n${huge}\n`)
    const error = await loadError({ path })
    expect([error.code, error.location.line]).toEqual(['E_MESSAGE_TOO_LARGE', 2])
    expect(error.message).toContain(String(HARD_CAP_BYTES + 1))
    const { messages, stats } = await loadCorpusWithStats({ path, maxMessageBytes: 100 })
    expect(texts(messages)).toEqual(['small'])
    expect(stats.droppedAboveMaxBytes).toBe(1)
  })
})

describe('keepText (round s36-jcost)', () => {
  it('gives each jsonl message as the string its JSON held, the same as its bytes decoded; without it, no text', async () => {
    const path = fixture('k.jsonl', `${JSON.stringify({ text: 'caf\u00e9 \ufeff{"a":1}' })}\n"plain"\n`)
    const kept: CorpusMessage[] = []
    for await (const message of streamCorpus({ path, keepText: true })) kept.push(message)
    expect(kept.map((m) => m.text)).toEqual(['caf\u00e9 \ufeff{"a":1}', 'plain'])
    for (const m of kept) expect(m.text).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(m.bytes))
    const plain: CorpusMessage[] = []
    for await (const message of streamCorpus({ path })) plain.push(message)
    expect(plain.map((m) => m.text)).toEqual([undefined, undefined])
    expect(plain.map((m) => [...m.bytes])).toEqual(kept.map((m) => [...m.bytes]))
  })
})
