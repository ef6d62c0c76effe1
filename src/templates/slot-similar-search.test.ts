import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SlotEncoding } from './slot-encoding.ts'
import { createSimilarEdits } from './slot-similar.ts'
import { wellFormedUtf8SizeBytes } from './text-bytes.ts'
import { headSizeBytes } from './varint-heads.ts'

const isDigit = (code: number): boolean => code >= 48 && code <= 57
const zigzag = (delta: number): number => (delta >= 0 ? 2 * delta : -2 * delta - 1)

/** A value's digits read as one number; -1 without a digit or with more than 15. */
function digitsNumber(value: string): number {
  const digits = value.replace(/[^0-9]/g, '')
  return digits === '' || digits.length > 15 ? -1 : Number(digits)
}

function sameShape(value: string, text: string): boolean {
  if (value.length !== text.length) return false
  for (let i = 0; i < value.length; i++) {
    const [a, b] = [value.charCodeAt(i), text.charCodeAt(i)]
    if (isDigit(a) ? !isDigit(b) : a !== b) return false
  }
  return true
}

/**
 * The straightforward search the fast one must agree with (slot-similar.ts as first merged): every
 * listed value in order, shape edits then affix edits, an edit kept only when strictly smaller.
 */
function referenceEncode(values: readonly string[], text: string, escapeBytes: number, out: SlotEncoding): boolean {
  const n = values.length
  let [bestBytes, bestHead, bestA, bestB] = [escapeBytes, -1, 0, 0]
  if (escapeBytes <= 2) return false
  const number = digitsNumber(text)
  for (let k = 0; k < n && number !== -1; k++) {
    const value = values[k] as string
    const base = digitsNumber(value)
    if (base === -1 || !sameShape(value, text)) continue
    const z = zigzag(number - base)
    const bytes = headSizeBytes(n + 1 + k) + headSizeBytes(z)
    if (bytes < bestBytes) [bestBytes, bestHead, bestA] = [bytes, n + 1 + k, z]
  }
  for (let k = 0; k < n && bestBytes > 4; k++) {
    const value = values[k] as string
    const most = Math.min(text.length, value.length)
    let prefix = 0
    while (prefix < most && value[prefix] === text[prefix]) prefix++
    const high = text.charCodeAt(prefix - 1)
    if (prefix > 0 && prefix < text.length && high >= 0xd800 && high <= 0xdbff) prefix--
    let suffix = 0
    while (prefix + suffix < most && value[value.length - 1 - suffix] === text[text.length - 1 - suffix]) suffix++
    const low = text.charCodeAt(text.length - suffix)
    if (suffix > 0 && suffix < text.length && low >= 0xdc00 && low <= 0xdfff) suffix--
    if (prefix + suffix === 0) continue
    const middleBytes = wellFormedUtf8SizeBytes(text, prefix, text.length - suffix)
    if (middleBytes === -1) continue
    const bytes =
      headSizeBytes(2 * n + 1 + k) +
      headSizeBytes(prefix) +
      headSizeBytes(suffix) +
      headSizeBytes(middleBytes) +
      middleBytes
    if (bytes < bestBytes) [bestBytes, bestHead, bestA, bestB] = [bytes, 2 * n + 1 + k, prefix, suffix]
  }
  if (bestHead === -1) return false
  out.setHead(bestHead)
  out.varint(bestA)
  if (bestHead <= 2 * n) return true
  const middleBytes = wellFormedUtf8SizeBytes(text, bestA, text.length - bestB)
  out.varint(bestB)
  out.varint(middleBytes)
  if (middleBytes > 0) out.setText(text, bestA, text.length - bestB, middleBytes)
  return true
}

function bytesOf(written: boolean, out: SlotEncoding): string {
  if (!written) return 'escape'
  const bytes = new Uint8Array(out.sizeBytes())
  out.write(bytes, 0)
  return Buffer.from(bytes).toString('hex')
}

const unit = fc.constantFrom(...'0123456789.-:ab\u00e9', '\u{1f600}')
/** Lists of up to 150 values (heads of 1 and 2 bytes), of many shapes or of numbers of one width (ties). */
const valueLists = fc.oneof(
  fc.uniqueArray(fc.string({ unit, minLength: 1, maxLength: 7 }), { minLength: 1, maxLength: 150 }),
  fc.uniqueArray(fc.integer({ min: 100, max: 999 }).map(String), { minLength: 1, maxLength: 150 }),
  fc.uniqueArray(
    fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${b}`),
    { minLength: 1, maxLength: 120 },
  ),
)

describe('the similar-edit search', () => {
  it('picks exactly the edit the straightforward search picks, for any list, text, range and escape size', () => {
    fc.assert(
      fc.property(
        valueLists,
        fc.array(
          fc.record({
            pick: fc.nat(),
            cut: fc.nat(8),
            keep: fc.nat(8),
            middle: fc.string({ unit, maxLength: 4 }),
            kind: fc.constantFrom('affix', 'shape', 'random'),
            random: fc.string({ unit, minLength: 1, maxLength: 9 }),
            digits: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 16, maxLength: 16 }),
            escapeBytes: fc.integer({ min: 1, max: 24 }),
            around: fc.tuple(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 })),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        (values, cases) => {
          const edits = createSimilarEdits(values)
          const [fast, slow] = [new SlotEncoding(), new SlotEncoding()]
          for (const { pick, cut, keep, middle, kind, random, digits, escapeBytes, around } of cases) {
            const value = values[pick % values.length] as string
            let next = 0
            const text =
              kind === 'random'
                ? random
                : kind === 'shape'
                  ? value.replace(/[0-9]/g, () => String(digits[next++ % digits.length]))
                  : value.slice(0, cut) + middle + value.slice(Math.max(cut, value.length - keep))
            // each text twice, the second time inside a longer one: the last-search memory must answer alike
            for (const [before, after] of [['', ''], around] as const) {
              const message = `${before}${text}${after}`
              const got = edits.encode(message, before.length, before.length + text.length, escapeBytes, fast.reset())
              const want = referenceEncode(values, text, escapeBytes, slow.reset())
              expect(bytesOf(got, fast), `${JSON.stringify(text)} escape ${escapeBytes}`).toBe(bytesOf(want, slow))
            }
          }
        },
      ),
      { seed: 13, numRuns: 400 },
    )
  })
  it('visits the values sharing an end unit in a long list, picking the edit the loop over every value picks, ties included', () => {
    // many values over three units with shared first and last units: equal edits from several values
    const affixUnit = fc.constantFrom('a', 'b', '.', '\u00e9')
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: affixUnit, minLength: 1, maxLength: 6 }), { minLength: 13, maxLength: 200 }),
        fc.array(
          fc.tuple(fc.string({ unit: affixUnit, minLength: 1, maxLength: 9 }), fc.integer({ min: 3, max: 14 })),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        (values, cases) => {
          const edits = createSimilarEdits(values)
          const [fast, slow] = [new SlotEncoding(), new SlotEncoding()]
          for (const [text, escapeBytes] of cases) {
            const got = edits.encode(`-${text}-`, 1, 1 + text.length, escapeBytes, fast.reset())
            const want = referenceEncode(values, text, escapeBytes, slow.reset())
            expect(bytesOf(got, fast), `${JSON.stringify(text)} escape ${escapeBytes}`).toBe(bytesOf(want, slow))
          }
        },
      ),
      { seed: 28, numRuns: 400 },
    )
  })
  it('skips values by the unit a winning suffix must reach, picking the edit of the loop over every value, in host-like names', () => {
    // names of labels over a few units joined by dots: long shared suffixes and prefixes, many values
    // sharing the last unit, so later values are skipped by the suffix they would need to win; ASCII
    // texts between non-ASCII ones (each search counts its own text's bytes)
    const label = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '1', '\u00e9'), minLength: 1, maxLength: 5 })
    const name = fc
      .array(fc.oneof(label, fc.constantFrom('www', 'google', 'tencent', 'com', 'cn')), { minLength: 1, maxLength: 4 })
      .map((labels) => labels.join('.'))
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(name, fc.integer({ min: 3, max: 30 })), { minLength: 1, maxLength: 20 }),
        (values, cases) => {
          const edits = createSimilarEdits(values)
          const [fast, slow] = [new SlotEncoding(), new SlotEncoding()]
          for (const [text, escapeBytes] of cases) {
            const got = edits.encode(` ${text}:`, 1, 1 + text.length, escapeBytes, fast.reset())
            const want = referenceEncode(values, text, escapeBytes, slow.reset())
            expect(bytesOf(got, fast), `${JSON.stringify(text)} escape ${escapeBytes}`).toBe(bytesOf(want, slow))
          }
        },
      ),
      { seed: 33, numRuns: 1500 },
    )
  })
})
