import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { toBytes } from '../core/index.ts'
import { previewBytes } from './preview.ts'

describe('previewBytes', () => {
  it('keeps text and escapes what would break a one-line preview', () => {
    expect(previewBytes(toBytes('GET /api\tok\r\n"quoted" \\ é 🚀'))).toBe('GET /api\\tok\\r\\n"quoted" \\\\ é 🚀')
    expect(previewBytes(toBytes('\u0000\u001b\u2028\ufeffx'))).toBe('\\u0000\\u001b\\u2028\\ufeffx')
  })

  it('shows invalid UTF-8 bytes as \\xNN', () => {
    expect(previewBytes(Uint8Array.of(0x61, 0xff, 0xc0, 0xaf, 0x62, 0xe2, 0x82))).toBe('a\\xff\\xc0\\xafb\\xe2\\x82')
    // a surrogate encoded in UTF-8 is not valid
    expect(previewBytes(Uint8Array.of(0xed, 0xa0, 0x80))).toBe('\\xed\\xa0\\x80')
  })

  it('cuts at 80 characters (code points), marking the cut', () => {
    expect(previewBytes(toBytes('é'.repeat(100)))).toBe(`${'é'.repeat(80)}…`)
    expect(previewBytes(toBytes('x'.repeat(80)))).toBe('x'.repeat(80))
    expect(previewBytes(toBytes('abcdef'), 3)).toBe('abc…')
  })

  it('never throws and never emits raw control characters', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const preview = previewBytes(bytes)
        expect(preview).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/)
      }),
      { seed: 42, numRuns: 300 },
    )
  })

  it('round-trips valid text without control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        fc.pre(!/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\\]/.test(text))
        expect(previewBytes(toBytes(text), 1000)).toBe(text)
      }),
      { seed: 42, numRuns: 300 },
    )
  })
})
