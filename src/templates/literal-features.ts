/**
 * Features of literal text that a message must have for a template to match it, numbered so the
 * literal index can split its buckets by them. For a template's literal k (of literals 0..n,
 * placeholders between):
 * - `word`: a whole word inside the literal (non-word characters of the literal on both sides) is
 *   a whole token of every message the template matches;
 * - `token-start`: the literal's last word, when a non-word character of the literal precedes it and
 *   a placeholder follows it (k < n), begins a token (`blk_` of ` block blk_{0}`);
 * - `token-end`: the literal's first word, when a placeholder precedes it (k > 0) and a non-word
 *   character of the literal follows it, ends a token (`ms` of `{0}ms elapsed`);
 * - `message-end`: the last literal (k = n > 0), which every message it matches ends with.
 * Words are runs of letters, digits and `_` (Unicode), as the message's tokens are (literal-tokens.ts).
 */
import { WORD_CHARS } from './literal-tokens.ts'

const WORD = `[${WORD_CHARS}]+`
const NON_WORD = `[^${WORD_CHARS}]`
const BOUNDED_WORD = new RegExp(`(?<=${NON_WORD})${WORD}(?=${NON_WORD})`, 'gu')
const TRAILING_WORD = new RegExp(`(?<=${NON_WORD})${WORD}$`, 'u')
const LEADING_WORD = new RegExp(`^${WORD}(?=${NON_WORD})`, 'u')

/** What a message must have: see the file comment. */
export type FeatureKind = 'word' | 'token-start' | 'token-end' | 'message-end'

/** One bit per kind of feature, so a set of kinds is a number (`ALL_KINDS` has every bit). */
export const KIND_BITS: Readonly<Record<FeatureKind, number>> = { word: 1, 'token-start': 2, 'token-end': 4, 'message-end': 8 }
/** Every kind of feature, as bits of KIND_BITS. */
export const ALL_KINDS = 15

/** One feature: its kind and text. */
export interface Feature {
  readonly kind: FeatureKind
  readonly text: string
}

/** The whole words inside a literal (the `word` features), in order, repeats included. */
export function boundedWords(literal: string): string[] {
  return [...literal.matchAll(BOUNDED_WORD)].map(([word]) => word)
}

/** Every feature of literal `k` of `literals` (see the file comment). */
export function literalFeatures(literals: readonly string[], k: number): Feature[] {
  const literal = literals[k] as string
  const out = boundedWords(literal).map((text): Feature => ({ kind: 'word', text }))
  const last = literals.length - 1
  const trailing = k < last ? TRAILING_WORD.exec(literal) : null
  if (trailing !== null) out.push({ kind: 'token-start', text: trailing[0] })
  const leading = k > 0 ? LEADING_WORD.exec(literal) : null
  if (leading !== null) out.push({ kind: 'token-end', text: leading[0] })
  if (k === last && k > 0 && literal !== '') out.push({ kind: 'message-end', text: literal })
  return out
}

/** Numbers features as templates are indexed. */
export interface FeatureTable {
  /** The id of a feature, numbered from 0 on first use. */
  idOf(feature: Feature): number
  /** Every feature numbered so far, by id. */
  readonly features: readonly Feature[]
}

/** An empty table. */
export function createFeatureTable(): FeatureTable {
  const ids = new Map<string, number>()
  const features: Feature[] = []
  return {
    idOf(feature) {
      const key = `${feature.kind}:${feature.text}`
      let id = ids.get(key)
      if (id === undefined) {
        ids.set(key, (id = features.length))
        features.push(feature)
      }
      return id
    },
    features,
  }
}
