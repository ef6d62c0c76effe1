/**
 * Large template stores for the store-scale benchmark: a small store's templates plus many more.
 * - diverse: other traffic's templates (all Loghub systems, the expanded store) and synthetic
 *   log-like patterns made of words from them, as a store shared by many services would hold;
 * - near-duplicates: variants of the small store's own templates with one literal word swapped,
 *   the worst case for an index over literal text (they share prefixes and words with the messages).
 */
import { createRandom } from '../../src/core/index.ts'
import type { TemplateStore } from '../../src/templates/index.ts'
import { createPatternStore } from './fixtures.ts'

const WORD = /[A-Za-z][A-Za-z_]{2,}/g
const SEPARATORS = [' ', ' ', ' ', ': ', ', ', ' = ', ' - ', '/']

function vocabularyOf(patterns: readonly string[]): string[] {
  const words = new Set<string>()
  for (const pattern of patterns) for (const [word] of pattern.replace(/\{\d+\}/g, ' ').matchAll(WORD)) words.add(word)
  return [...words].sort()
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T
}

/** A log-like pattern of 3-9 tokens, about a quarter of them placeholders, never two placeholders in a row. */
function syntheticPattern(vocabulary: readonly string[], random: () => number): string {
  const tokens = 3 + Math.floor(random() * 7)
  let pattern = ''
  let slots = 0
  let lastWasSlot = true
  for (let t = 0; t < tokens; t++) {
    const slot: boolean = !lastWasSlot && random() < 0.25
    if (t > 0) pattern += pick(SEPARATORS, random)
    pattern += slot ? `{${slots++}}` : pick(vocabulary, random)
    lastWasSlot = slot
  }
  return pattern
}

/** `base` first (ids from 1, as createPatternStore numbers them), then `others`, then synthetic patterns up to `total`. */
export function createDiverseStore(
  base: readonly string[],
  others: readonly string[],
  total: number,
  seed = 7,
): TemplateStore {
  const random = createRandom(seed)
  const patterns = new Set([...base, ...others])
  const vocabulary = vocabularyOf([...base, ...others])
  while (patterns.size < total) patterns.add(syntheticPattern(vocabulary, random))
  return createPatternStore(`diverse-${total}`, [...patterns].slice(0, total))
}

/** `base` first, then variants of its patterns with one literal word replaced, up to `total`. */
export function createNearDuplicateStore(
  base: readonly string[],
  vocabularySource: readonly string[],
  total: number,
  seed = 11,
): TemplateStore {
  const random = createRandom(seed)
  const patterns = new Set(base)
  const vocabulary = vocabularyOf(vocabularySource)
  for (let attempt = 0; patterns.size < total && attempt < total * 100; attempt++) {
    const pattern = pick(base, random)
    const literalWords = [...pattern.matchAll(WORD)].filter((m) => !/\{\d+\}/.test(m[0]))
    if (literalWords.length === 0) continue
    const target = pick(literalWords, random)
    const at = target.index
    patterns.add(pattern.slice(0, at) + pick(vocabulary, random) + pattern.slice(at + target[0].length))
  }
  return createPatternStore(`near-duplicates-${total}`, [...patterns])
}
