import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AuraError } from '../core/index.ts'
import { loadCorpus } from './index.ts'
import { HEAD_BYTES, MIN_BARE_CR, rawHl7KindOf } from './raw-hl7-file.ts'

const dir = mkdtempSync(join(tmpdir(), 'aura-hl7-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** One HL7 v2 message, each segment ending in `\r` as the standard wants. */
const hl7 = (n: number) =>
  `MSH|^~\\&|LAB|HOSP|HUB|HOSP|20261208112151||ORU^R01|MSG${n}|P|2.5\rPID|1||${1000 + n}^^^HOSP^MR||DOE^JANE\rOBX|1|NM|777-3^Platelets||${n}|10*3/uL|150-400|N|||F\r`
const many = (count: number) => Array.from({ length: count }, (_, i) => hl7(i))
const bytes = (text: string) => new TextEncoder().encode(text)

async function loadError(path: string): Promise<AuraError> {
  const error = await loadCorpus({ path }).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AuraError)
  return error as AuraError
}

describe('a raw HL7 v2 or MLLP file read as a txt corpus (s44-trial D4)', () => {
  it('is refused, naming the file and the conversion, when messages are separated by a bare CR', async () => {
    const path = join(dir, 'dump.txt')
    writeFileSync(path, many(50).join(''))
    const error = await loadError(path)
    expect(error.code).toBe('E_CORPUS_FORMAT')
    expect(error.message).toContain(path)
    expect(error.message).toContain('one huge message')
    expect(error.hint).toContain('jsonl')
  })

  it('is refused when MLLP-framed (0x0B message 0x1C 0x0D)', async () => {
    const path = join(dir, 'capture.txt')
    writeFileSync(
      path,
      many(3)
        .map((m) => `\x0b${m}\x1c\r`)
        .join(''),
    )
    const error = await loadError(path)
    expect(error.code).toBe('E_CORPUS_FORMAT')
    expect(error.message).toContain('MLLP')
  })

  it('reads one message per \\n line whose segments end in \\r (the last \\r is dropped as a CRLF end)', async () => {
    const path = join(dir, 'lines.txt')
    writeFileSync(path, `${many(3).join('\n')}\n`)
    const messages = await loadCorpus({ path })
    expect(messages.map((m) => new TextDecoder().decode(m.bytes))).toEqual(many(3).map((m) => m.slice(0, -1)))
  })

  it('tells the kinds apart by the head alone', () => {
    expect(rawHl7KindOf(bytes(`\x0b${hl7(1)}\x1c\r`))).toBe('mllp')
    expect(rawHl7KindOf(bytes(many(2).join('')))).toBe('hl7-cr')
    // one message on a line, even without a final \n: one message, as written
    expect(rawHl7KindOf(bytes(hl7(1)))).toBeUndefined()
    expect(rawHl7KindOf(bytes(`${many(2).join('\n')}\n`))).toBeUndefined()
    // a CR-ended file of any text (an old Mac log): no \n in the whole head and many bare \r
    const crLines = 'x'
      .repeat(HEAD_BYTES / MIN_BARE_CR - 1)
      .concat('\r')
      .repeat(MIN_BARE_CR)
    expect(rawHl7KindOf(bytes(crLines))).toBe('bare-cr')
    // the same head with one \n is a (long-lined) line file: left to the line reader
    expect(rawHl7KindOf(bytes(`${crLines.slice(0, -1)}\n`))).toBeUndefined()
    // a short file without \n is one message, however many \r it holds
    expect(rawHl7KindOf(bytes('a\r'.repeat(MIN_BARE_CR * 2)))).toBeUndefined()
  })
})
