/**
 * A corpus read with a share (a shard's) hands out exactly the messages of a full read that the
 * share keeps, with the same indices, bytes, categories, connections and lines, and the same filter
 * counts, for every format that skips lines undecoded (txt, jsonl with recordings) and every
 * selection option; lines outside the share are really not parsed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { streamCorpus } from './load-corpus.ts'
import type { CorpusShare } from './select.ts'
import type { CorpusLoadStats, CorpusMessage, CorpusOptions } from './types.ts'

let folder = ''

/** Shard `index` of `count`: by connection when there is one, else by message index. */
function shareOf(index: number, count: number): CorpusShare {
  const hash = (text: string): number => [...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7)
  return { keeps: (i, connection) => (connection === undefined ? i : hash(connection)) % count === index }
}

async function read(
  options: CorpusOptions,
  share?: CorpusShare,
): Promise<{ messages: CorpusMessage[]; stats: CorpusLoadStats }> {
  const stream = streamCorpus(options, share)
  const messages: CorpusMessage[] = []
  for await (const message of stream) messages.push(message)
  return { messages, stats: stream.stats }
}

/** Lines of many sizes (some over a 64 KiB read chunk's worth in all, so lines span chunks), blank ones, CRLF. */
function textLines(): string[] {
  return Array.from({ length: 1200 }, (_, i) => {
    if (i % 97 === 0) return ''
    const body = `line ${i} ${'x'.repeat((i * 37) % 200)}`
    return i % 11 === 0 ? `${body}\r` : body
  })
}

/** jsonl lines: objects with categories, plain strings, escapes (message shorter than its line), blank and space-led lines. */
function jsonLines(): string[] {
  return Array.from({ length: 1200 }, (_, i) => {
    if (i % 89 === 0) return '   '
    if (i % 7 === 0) return JSON.stringify(`plain ${i} \u00e9\\n`)
    if (i % 13 === 0) return `  ${JSON.stringify({ text: `led by spaces ${i}` })}`
    return JSON.stringify({ text: `message ${i} ${'y'.repeat((i * 53) % 300)}\t"quoted"`, category: `c${i % 5}` })
  })
}

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'aura-share-'))
  writeFileSync(path.join(folder, 'lines.txt'), `${textLines().join('\n')}\n`)
  writeFileSync(path.join(folder, 'messages.jsonl'), jsonLines().join('\n'))
  // recordings cover most lines; lines 1101-1200 have none (partitioned by index)
  const rows = Array.from({ length: 22 }, (_, r) => `${r * 50 + 1}\t50\trec${r}`)
  writeFileSync(path.join(folder, 'recordings.tsv'), `first_line\tn_messages\trecording\n${rows.join('\n')}\n`)
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const SELECTIONS: Record<string, Partial<CorpusOptions>> = {
  all: {},
  limit: { limit: 567 },
  'min and max bytes': { minMessageBytes: 40, maxMessageBytes: 250 },
  'max bytes': { maxMessageBytes: 120 },
  'random split': { split: { trainFraction: 0.3, seed: 5, use: 'test', mode: 'random' } },
  'ordered split': { split: { trainFraction: 0.6, seed: 1, use: 'train', mode: 'ordered' }, limit: 1000 },
  sample: { sample: { size: 200, seed: 3 } },
}

describe.each(['lines.txt', 'messages.jsonl'])('a share of %s', (file) => {
  it.each(Object.entries(SELECTIONS))(
    'hands out what a full read keeps (%s), for 2, 3 and 7 shares',
    async (_, extra) => {
      const options: CorpusOptions = { path: path.join(folder, file), ...extra }
      const full = await read(options)
      for (const count of [2, 3, 7]) {
        const union: CorpusMessage[] = []
        for (let index = 0; index < count; index++) {
          const share = shareOf(index, count)
          const part = await read(options, share)
          expect(part.messages).toEqual(full.messages.filter((m) => share.keeps(m.index, m.connection)))
          // like messages, the uncategorised are those a share hands out
          const { messages, outsideShare, uncategorised, ...counts } = part.stats
          const { messages: fullMessages, outsideShare: _none, uncategorised: _all, ...fullCounts } = full.stats
          expect(counts).toEqual(fullCounts)
          expect(messages + outsideShare).toBe(fullMessages)
          union.push(...part.messages)
        }
        expect(union.length).toBe(full.messages.length)
      }
      if (file === 'messages.jsonl' && Object.keys(extra).length === 0)
        expect(full.messages.some((m) => m.connection === undefined)).toBe(true)
    },
  )
})

describe('lines outside the share', () => {
  it('are not parsed: a bad line is reported by the share that keeps it, not by the others', async () => {
    const lines = jsonLines().slice(0, 200)
    lines[120] = '{"text": not json'
    const file = path.join(folder, 'bad', 'messages.jsonl')
    rmSync(path.dirname(file), { recursive: true, force: true })
    await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(file)))
    writeFileSync(file, lines.join('\n'))
    const full = read({ path: file })
    await expect(full).rejects.toMatchObject({ code: 'E_CORPUS_FORMAT', location: { line: 121 } })
    // the bad line is message 118 (lines 1, 90 and 179 are blank): shard 0 of 2 keeps it
    await expect(read({ path: file }, shareOf(0, 2))).rejects.toMatchObject({ code: 'E_CORPUS_FORMAT' })
    const other = await read({ path: file }, shareOf(1, 2))
    expect(other.stats.messages + other.stats.outsideShare).toBe(197)
  })
})
