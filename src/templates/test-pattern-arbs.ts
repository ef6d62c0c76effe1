/**
 * Test helpers (fast-check): patterns made of a few words and separators, so near-duplicates share most of
 * their text and values hold literal words, and a one-piece change of a pattern. Shared by the matcher's
 * property tests against `matchWithoutIndex` (small stores and stores of thousands).
 */
import fc from 'fast-check'

/** Arbitraries of pieces, literals and patterns of 0 to `maxLiterals - 1` placeholders (middle literals never empty). */
export function patternArbs(words: readonly string[], separators: readonly string[], maxLiterals: number) {
  const piece = fc.oneof(fc.constantFrom(...words), fc.constantFrom(...separators))
  const literalArb = fc.array(piece, { maxLength: 4 }).map((pieces) => pieces.join(''))
  const patternArb = fc
    .tuple(fc.array(literalArb, { minLength: 1, maxLength: maxLiterals }), fc.boolean())
    .map(([literals, reversed]) => {
      const fixed = literals.map((literal, k) => (k > 0 && k < literals.length - 1 && literal === '' ? ' ' : literal))
      if (!fixed.some((literal) => literal !== '')) fixed[0] = 'x'
      // placeholders numbered in text order, or backwards, so textOrder is not always 0, 1, 2
      const slots = fixed.length - 1
      return fixed.map((literal, k) => (k < slots ? `${literal}{${reversed ? slots - 1 - k : k}}` : literal)).join('')
    })
  // a slot's value: a few pieces (words a literal may hold too) or a number
  const valueArb = fc.oneof(
    fc.array(piece, { minLength: 1, maxLength: 3 }).map((pieces) => pieces.join('')),
    fc.nat({ max: 99_999 }).map(String),
  )
  return { piece, literalArb, patternArb, valueArb }
}

/** A one-piece change at `at` (of a pattern's pieces): a word or separator replaced, inserted or removed. */
export function mutate(pattern: string, at: number, replacement: string, kind: number): string {
  const pieces = pattern
    .split(/(\{\d+\})/)
    .flatMap((part) => (/^\{\d+\}$/.test(part) ? [part] : (part.match(/[\p{L}\p{N}_]+|[^\p{L}\p{N}_]+/gu) ?? [])))
  const k = at % Math.max(1, pieces.length)
  if (/^\{\d+\}$/.test(pieces[k] ?? '')) pieces.splice(k, 0, replacement)
  else if (kind === 0) pieces[k] = replacement
  else if (kind === 1) pieces.splice(k, 0, replacement)
  else pieces.splice(k, 1)
  return pieces.join('')
}
