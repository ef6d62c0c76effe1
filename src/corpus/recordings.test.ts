import { describe, expect, it } from 'vitest'
import { AuraError } from '../core/index.ts'
import { checkRecordingsEnd, parseRecordingsTsv } from './recordings.ts'

const HEADER = 'first_line\tn_messages\tpath\trecording'
const tsv = (...rows: string[]): string => `${[HEADER, ...rows].join('\n')}\n`

function parseError(text: string): AuraError {
  try {
    parseRecordingsTsv(text, 'corpus/recordings.tsv')
  } catch (error) {
    expect(error).toBeInstanceOf(AuraError)
    return error as AuraError
  }
  throw new Error('expected the recordings to be refused')
}

describe('parseRecordingsTsv', () => {
  it('a leading UTF-8 BOM (Excel, Export-Csv) is removed, as from a corpus; CRLF rows are read (s36-trial D4)', () => {
    const recordings = parseRecordingsTsv('\ufefffirst_line\tn_messages\r\n1\t30\r\n31\t20\r\n', 'r.tsv')
    expect([1, 30, 31, 50, 51].map(recordings.connectionOf)).toEqual([
      'lines 1-30',
      'lines 1-30',
      'lines 31-50',
      'lines 31-50',
      undefined,
    ])
    // a BOM anywhere else is not one: the header then lacks the column, and says so
    expect(parseError('\nfirst_line\t\ufeffn_messages\n1\t3\n').message).toContain('needs the columns')
  })

  it('blank lines before the header are skipped, as they always were; a bad row is still named by its own line', () => {
    const recordings = parseRecordingsTsv(`\n\n${HEADER}\n1\t3\ta\tr0\n`, 'r.tsv')
    expect([1, 2, 3].map(recordings.connectionOf)).toEqual(['a r0', 'a r0', 'a r0'])
    expect(parseError(`\n${HEADER}\n1\t0\ta\tr0\n`).location.line).toBe(3)
  })

  it('rows name their connection; contiguous rows of one recording stay one connection; gaps have none', () => {
    const recordings = parseRecordingsTsv(tsv('1\t2\ta\tr0', '3\t2\ta\tr0', '7\t1\ta\tr1'), 'r.tsv')
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(recordings.connectionOf)).toEqual([
      'a r0',
      'a r0',
      'a r0',
      'a r0',
      undefined,
      undefined,
      'a r1',
      undefined,
    ])
    expect(recordings.lastLine).toBe(7)
    expect(recordings.lastRow).toBe(4)
  })

  it('n_messages 0 is refused at its line, as the message says counts are positive', () => {
    const error = parseError(tsv('1\t2\ta\tr0', '3\t0\ta\tr1'))
    expect(error.code).toBe('E_CORPUS_FORMAT')
    expect(error.location).toEqual({ file: 'corpus/recordings.tsv', line: 3 })
    expect(error.message).toContain('positive integers')
  })

  it('overlapping rows are refused at the later row', () => {
    const error = parseError(tsv('1\t100\ta\tr0', '50\t101\ta\tr1'))
    expect(error.code).toBe('E_CORPUS_FORMAT')
    expect(error.location).toEqual({ file: 'corpus/recordings.tsv', line: 3 })
    expect(error.message).toContain('overlap lines 1-100')
  })

  it('one path+recording on rows that are not next to each other is refused, not merged into one connection', () => {
    const error = parseError(tsv('1\t100\ta\tr0', '101\t100\ta\tr1', '201\t100\ta\tr0', '301\t100\ta\tr1'))
    expect(error.code).toBe('E_CORPUS_FORMAT')
    expect(error.location).toEqual({ file: 'corpus/recordings.tsv', line: 4 })
    expect(error.message).toContain('"a r0"')
    // the same name with a gap between its rows is refused as well
    expect(parseError(tsv('1\t10\ta\tr0', '20\t10\ta\tr0')).location.line).toBe(3)
  })

  it('checkRecordingsEnd refuses a row running or starting past the corpus end, naming the row', () => {
    const running = parseRecordingsTsv(tsv('1\t250\ta\tr0', '251\t500\ta\tr1'), 'r.tsv')
    expect(() => checkRecordingsEnd(running, 400, 'm.jsonl')).toThrow(
      /lines 251-750 runs past the end of m.jsonl, which has 400 lines/,
    )
    expect(() => checkRecordingsEnd(running, 750, 'm.jsonl')).not.toThrow()
    const starting = parseRecordingsTsv(tsv('401\t5\ta\tr2', '1\t400\ta\tr0'), 'r.tsv')
    const error = (() => {
      try {
        checkRecordingsEnd(starting, 400, 'm.jsonl')
      } catch (e) {
        return e as AuraError
      }
      return undefined
    })()
    expect(error?.code).toBe('E_CORPUS_FORMAT')
    expect(error?.location).toEqual({ file: 'r.tsv', line: 2 })
  })
})
