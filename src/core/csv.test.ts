import { describe, expect, it } from 'vitest'
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
})
