import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRangeIndex } from './slot-range-index.ts'

/** What the index must answer: the last index of the value, as a Map built in order keeps it. */
function referenceIndex(values: readonly string[], value: string): number {
  return new Map(values.map((v, index) => [v, index])).get(value) ?? -1
}

// short values over a small alphabet, so that ranges often equal listed values, and lists with repeats
const valueArb = fc.string({ unit: fc.constantFrom('a', 'b', '1', '.', 'é', '😀'), maxLength: 6 })
const longValueArb = fc.string({ unit: fc.constantFrom('a', 'b'), minLength: 29, maxLength: 34 })

describe('createRangeIndex', () => {
  it('answers as a Map of the values (last index of a repeat), from a range of a longer text, for few and many values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(valueArb, longValueArb), { maxLength: 12 }),
        fc.oneof(valueArb, longValueArb),
        valueArb,
        valueArb,
        (values, value, before, after) => {
          const indexOf = createRangeIndex(values)
          const text = before + value + after
          expect(indexOf(text, before.length, before.length + value.length)).toBe(referenceIndex(values, value))
          for (const [k, listed] of values.entries()) {
            const around = before + listed + after
            const found = indexOf(around, before.length, before.length + listed.length)
            expect(found).toBe(referenceIndex(values, listed))
            expect(found).toBeGreaterThanOrEqual(k)
          }
        },
      ),
      { numRuns: 500 },
    )
  })

  it('tells apart every range of up to three units, whatever their units (packed keys: 16 bits a unit and the length)', () => {
    // units at the edges of bytes and of the 16-bit range, so that a key packed with fewer bits a unit, or
    // without the length, makes two of these ranges one
    const unitArb = fc.constantFrom('\u0000', '\u0001', '\u00ff', '\u0100', '\u0101', '\ud800', '\uffff', 'a')
    const shortArb = fc.string({ unit: unitArb, maxLength: 3 })
    fc.assert(
      fc.property(fc.array(shortArb, { maxLength: 12 }), shortArb, valueArb, (values, value, before) => {
        const indexOf = createRangeIndex(values)
        expect(indexOf(before + value, before.length, before.length + value.length)).toBe(referenceIndex(values, value))
        for (const listed of values)
          expect(indexOf(before + listed, before.length, before.length + listed.length)).toBe(
            referenceIndex(values, listed),
          )
      }),
      { numRuns: 1000 },
    )
  })

  it('refuses a range whose length no value has, and one longer than every value', () => {
    const indexOf = createRangeIndex(['ab', 'abcd', 'a'.repeat(40), 'x', 'y', 'z'])
    expect(indexOf('abc', 0, 3)).toBe(-1)
    expect(indexOf('a'.repeat(41), 0, 41)).toBe(-1)
    expect(indexOf('a'.repeat(39), 0, 39)).toBe(-1)
    expect(indexOf(`-${'a'.repeat(40)}-`, 1, 41)).toBe(2)
    expect(indexOf('-abcd', 1, 5)).toBe(1)
    expect(createRangeIndex([])('', 0, 0)).toBe(-1)
    expect(createRangeIndex([''])('a', 0, 0)).toBe(0)
  })
})
