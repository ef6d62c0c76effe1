import { describe, expect, it } from 'vitest'
import { TextStructure } from './text-structure.ts'

/** Feeds `text` to a fresh structure from history position 0 and returns it with the next position. */
function fed(text: string, historyBytes = 1 << 15): { structure: TextStructure; position: number } {
  const structure = new TextStructure(historyBytes)
  const bytes = new TextEncoder().encode(text)
  bytes.forEach((byte, i) => structure.append(byte, i + 1))
  return { structure, position: bytes.length }
}

describe('TextStructure: the JSON column', () => {
  it("points at the same offset in the key's previous value, at the same depth", () => {
    const first = '{"id":7,"at":"2012-05-22T18:27:36Z"}\n'
    const { structure, position } = fed(`${first}{"at":"2013-`)
    const column = structure.columnOf(position)
    // the next byte is the 7th of the value ("2013-" after the quote): its column is "0" of "05" in the first message
    expect(first[column]).toBe('0')
    expect(first.slice(column - 6, column + 1)).toBe('"2012-0')
  })

  it('is -1 outside a value and where the previous value ended before this offset', () => {
    expect(fed('{"a":1,').structure.columnOf(7)).toBe(-1)
    const { structure, position } = fed('{"a":1}\n{"a":123456789')
    // the previous value "1}\n{"a":" runs into the current value: the column stops before it starts
    expect(structure.columnOf(position)).toBe(-1)
  })

  it('keeps keys of different depths apart, and forgets a value beyond the history ring', () => {
    const nested = fed('{"u":{"id":1},"id":"abc"}\n{"id":"x')
    const column = nested.structure.columnOf(nested.position)
    expect('{"u":{"id":1},"id":"abc"}\n'[column]).toBe('b')
    const far = fed(`{"k":"v"}\n${' '.repeat(100)}{"k":"w`, 64)
    expect(far.structure.columnOf(far.position)).toBe(-1)
  })

  it('a copy moves on independently of its source', () => {
    const { structure, position } = fed('{"a":"xy"}\n{"a":"')
    const copy = new TextStructure(1 << 15, structure)
    copy.append(0x22, position + 1)
    copy.append(0x2c, position + 2)
    expect(copy.columnOf(position + 2)).toBe(-1)
    expect(structure.columnOf(position)).toBeGreaterThan(0)
  })
})
