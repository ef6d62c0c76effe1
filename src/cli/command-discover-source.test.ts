import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDiscoverCorpus, READ_STOPPED, type FirstRead } from './command-discover-source.ts'

const dir = mkdtempSync(join(tmpdir(), 'aura-discover-source-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Every read's [index, text] pairs. */
async function readAll(
  source: ReturnType<typeof openDiscoverCorpus>,
  wants?: (index: number) => boolean,
): Promise<[number, string][]> {
  const seen: [number, string][] = []
  await source.read({ ...(wants === undefined ? {} : { wants }), visit: (text, index) => seen.push([index, text]) })
  return seen
}

describe("discover's corpus, read once per pass", () => {
  const file = join(dir, 'corpus.jsonl')
  // line 2 is an empty message: left out, so the messages after it are numbered one less than their corpus index
  writeFileSync(file, ['{"text":"a 1"}', '{"text":""}', '{"text":"b 2"}', '', '{"text":"c 3"}'].join('\n'))

  it('numbers the messages it keeps on the first read, and hands the same ones out again by those numbers', async () => {
    let first: FirstRead | undefined
    const source = openDiscoverCorpus({ path: file }, { onFirstRead: (read) => (first = read) })
    expect(await readAll(source)).toEqual([
      [0, 'a 1'],
      [1, 'b 2'],
      [2, 'c 3'],
    ])
    expect(first).toEqual({ messages: 3, skipped: 1, lines: [1, 3, 5] })
    expect(await readAll(source, (i) => i !== 1)).toEqual([
      [0, 'a 1'],
      [2, 'c 3'],
    ])
    expect(await readAll(source)).toHaveLength(3)
  })

  it('refuses a file changed since the first read (E_INPUT_CHANGED), and stops between reads when asked', async () => {
    const changing = join(dir, 'changing.jsonl')
    writeFileSync(changing, '{"text":"a 1"}\n{"text":"b 2"}\n')
    let stop = false
    const source = openDiscoverCorpus({ path: changing }, { stopped: () => stop })
    await readAll(source)
    writeFileSync(changing, '{"text":"a 1"}\n{"text":"b 22"}\n')
    await expect(readAll(source)).rejects.toMatchObject({ code: 'E_INPUT_CHANGED' })
    stop = true
    await expect(readAll(source)).rejects.toBe(READ_STOPPED)
  })

  it('is E_CORPUS_EMPTY when no message is text', async () => {
    const empty = join(dir, 'empty.jsonl')
    writeFileSync(empty, '{"text":""}\n')
    await expect(readAll(openDiscoverCorpus({ path: empty }))).rejects.toMatchObject({ code: 'E_CORPUS_EMPTY' })
  })
})

describe("discover's corpus of a Loghub log", () => {
  it('reads the lines of a .log without loading the _structured.csv beside it (discovery uses no category)', async () => {
    const log = join(dir, 'app.log')
    writeFileSync(log, 'fan 1 up\nfan 2 down\n')
    // a CSV the loghub format would refuse (no LineId column): read, it would fail the first read
    writeFileSync(`${log}_structured.csv`, 'EventId,Content\nE1,fan 1 up\n')
    for (const format of [undefined, 'loghub'] as const) {
      const source = openDiscoverCorpus({ path: log, ...(format === undefined ? {} : { format }) })
      expect(await readAll(source)).toEqual([
        [0, 'fan 1 up'],
        [1, 'fan 2 down'],
      ])
    }
  })
})
