import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ByteWriter, toBytes } from '../core/index.ts'
import { SlotEncoding, putHead } from './slot-encoding.ts'
import { utf8SizeBytes, wellFormedUtf8SizeBytes, writeText } from './text-bytes.ts'
import { headSizeBytes, normalizeHead, writeHead, type Head } from './varint-heads.ts'

/** Any head: small and large safe numbers, and bigints up to 300 bits (past the 280-bit limit a reader takes). */
const HEAD: fc.Arbitrary<Head> = fc.oneof(
  fc.nat(),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.bigInt({ min: 0n, max: (1n << 300n) - 1n }).map(normalizeHead),
  fc.integer({ min: 1, max: 300 }).map((bits) => normalizeHead((1n << BigInt(bits)) - 1n)),
  fc.integer({ min: 0, max: 300 }).map((bits) => normalizeHead(1n << BigInt(bits))),
)

/** Well-formed text of every width of UTF-8 (1 to 4 bytes per character), short and long. */
const TEXT = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ maxLength: 300 }),
)

describe('putHead and headSizeBytes', () => {
  it('write the varint ByteWriter writes, and count its bytes', () => {
    fc.assert(
      fc.property(HEAD, (head) => {
        const writer = new ByteWriter(8)
        writeHead(writer, head)
        const expected = writer.toBytes()
        const out = new Uint8Array(expected.length + 2)
        expect(putHead(out, 1, head)).toBe(1 + expected.length)
        expect(out.subarray(1, 1 + expected.length)).toEqual(expected)
        expect(headSizeBytes(head)).toBe(expected.length)
      }),
      { seed: 42, numRuns: 2000 },
    )
  })
})

describe('utf8SizeBytes and writeText', () => {
  it('give the bytes of TextEncoder for well-formed text', () => {
    fc.assert(
      fc.property(
        TEXT.filter((text) => !/\p{Surrogate}/u.test(text)),
        fc.nat(3),
        (text, offset) => {
          const expected = toBytes(text)
          expect(utf8SizeBytes(text)).toBe(expected.length)
          const out = new Uint8Array(offset + expected.length)
          expect(writeText(text, out, offset)).toBe(offset + expected.length)
          expect(out.subarray(offset)).toEqual(expected)
          // the same text as a range of a longer one (ASCII and non-ASCII neighbours), as the matcher's values are
          const within = `a\u00e9${text}\u4e2dz`
          const ranged = new Uint8Array(offset + expected.length)
          expect(writeText(within, ranged, offset, 2, 2 + text.length)).toBe(offset + expected.length)
          expect(ranged.subarray(offset)).toEqual(expected)
          expect(wellFormedUtf8SizeBytes(within, 2, 2 + text.length)).toBe(expected.length)
        },
      ),
      { seed: 42, numRuns: 1500 },
    )
  })
})

describe('SlotEncoding', () => {
  it('writes head, tail bytes and text in that order; copies, appends and prepares the same bytes', () => {
    fc.assert(
      fc.property(
        fc.option(HEAD),
        fc.array(HEAD, { maxLength: 6 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.option(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 50 })),
        (head, varints, bytes, text) => {
          const encoding = new SlotEncoding()
          const expected = new ByteWriter()
          if (head !== null) {
            encoding.setHead(head)
            writeHead(expected, head)
          }
          for (const value of varints) {
            encoding.varint(value)
            writeHead(expected, value)
          }
          for (const byte of bytes) encoding.byte(byte)
          expected.bytes(bytes)
          if (text !== null) {
            // the text as a range of a longer one, as the matcher's values are
            encoding.setText(`<${text}>`, 1, text.length + 1, utf8SizeBytes(text))
            expected.bytes(toBytes(text))
          }
          const want = expected.toBytes()
          const out = new Uint8Array(encoding.sizeBytes())
          expect(encoding.write(out, 0)).toBe(want.length)
          expect(out).toEqual(want)

          const copy = new SlotEncoding().reset()
          copy.byte(0xaa)
          copy.copyFrom(encoding)
          const copied = new Uint8Array(copy.sizeBytes())
          copy.write(copied, 0)
          expect(copied).toEqual(want)

          const outer = new SlotEncoding()
          outer.setHead(0)
          outer.append(encoding)
          const appended = new Uint8Array(outer.sizeBytes())
          outer.write(appended, 0)
          expect(appended).toEqual(Uint8Array.of(0, ...want))

          const prepared = encoding.toPrepared()
          const fromPrepared = new ByteWriter()
          if (prepared.head !== undefined) writeHead(fromPrepared, prepared.head)
          expect(fromPrepared.bytes(prepared.tail).toBytes()).toEqual(want)
        },
      ),
      { seed: 42, numRuns: 600 },
    )
  })
})

describe('wellFormedUtf8SizeBytes', () => {
  it('is -1 for a text with a lone surrogate and the UTF-8 size of any other, at every length', () => {
    const unit = fc.oneof(
      fc.constantFrom('a', 'é', '日', '😀', '\ud800', '\udc00', '\udbff', '\udfff'),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
    )
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (parts) => {
        const text = parts.join('')
        const expected = /\p{Surrogate}/u.test(text) ? -1 : Buffer.byteLength(text, 'utf8')
        expect(wellFormedUtf8SizeBytes(text)).toBe(expected)
        // as a range between surrogates that would pair with its ends: the range alone counts
        expect(wellFormedUtf8SizeBytes(`\udbff${text}\udc00`, 1, text.length + 1)).toBe(expected)
      }),
      { seed: 42, numRuns: 3000 },
    )
  })
})
