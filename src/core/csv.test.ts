import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCsvRowsCharByChar } from '../../bench/lib/csv-reference.ts'
import { parseCsvRows } from './index.ts'

describe('parseCsvRows', () => {
  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const text =
      'LineId,Content,EventId\r\n1,"Registered signal handlers for [TERM, HUP, INT]",E22\r\n2,"say ""hi"", then\nleave",E5\n3,plain,E1'
    expect(parseCsvRows(text)).toEqual([
      ['LineId', 'Content', 'EventId'],
      ['1', 'Registered signal handlers for [TERM, HUP, INT]', 'E22'],
      ['2', 'say "hi", then\nleave', 'E5'],
      ['3', 'plain', 'E1'],
    ])
  })

  it('keeps empty fields and ignores a final line break', () => {
    expect(parseCsvRows('a,,c\n,"",\n')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
    ])
  })

  it('keeps a quote inside an unquoted field as a character, and a final empty quoted field as a row', () => {
    expect(parseCsvRows('say "hi",b\n""')).toEqual([['say "hi"', 'b'], ['']])
  })

  // the slicing reader (round s30-csv) against the character-by-character one it replaced
  const edgeCases = [
    '',
    '\n',
    '\r',
    '\r\n',
    '\n\n',
    '\r\r\n\n',
    ',',
    ',\n',
    'a',
    'a\n',
    'a\r\n',
    'a\rb',
    'a\r\rb',
    'a,',
    'a,\n',
    ',,',
    '""',
    '""\n',
    '"",""',
    '"',
    '"a',
    '"a\nb',
    'a,"b',
    '"a""',
    '""""',
    '"a""b"',
    '"a"b',
    '"a"b"c"',
    '"a" ,b',
    '""a',
    'a"b"',
    '"a,b\r\nc",d\r\n',
    '"a\rb"\rc',
    '\uFEFFa,b\n',
    '\uFEFF"a",b',
    'x,"y",\r\n"",z\r',
  ]
  it.each(edgeCases.map((text) => [JSON.stringify(text), text]))('matches the old reader on %s', (_, text) => {
    expect(parseCsvRows(text)).toEqual(parseCsvRowsCharByChar(text))
  })

  it('matches the old reader on random texts of a , " CR LF and letters', () => {
    const text = fc
      .array(fc.constantFrom('a', 'b', ',', '"', '\r', '\n', '\uFEFF'), { maxLength: 60 })
      .map((cs) => cs.join(''))
    fc.assert(
      fc.property(text, (t) => {
        expect(parseCsvRows(t)).toEqual(parseCsvRowsCharByChar(t))
      }),
      { numRuns: 20_000, seed: 30 },
    )
  })

  it('matches the old reader on random quoted-field CSV texts', () => {
    const field = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'b', ' ', '"'), maxLength: 6 }),
      fc
        .string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n'), maxLength: 8 })
        .map((s) => `"${s.replaceAll('"', '""')}"`),
    )
    const text = fc
      .tuple(
        fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
      )
      .map(([rows, eol, trailing]) => rows.map((r) => r.join(',')).join(eol) + (trailing ? eol : ''))
    fc.assert(
      fc.property(text, (t) => {
        expect(parseCsvRows(t)).toEqual(parseCsvRowsCharByChar(t))
      }),
      { numRuns: 5_000, seed: 31 },
    )
  })
})
