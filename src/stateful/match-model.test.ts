// The shared dictionary's index keeps hash tags beside its positions so that a search whose hash differs from
// the entry's is refused without reading the dictionary. That must be a short-cut only: a model searching the
// tagged index finds exactly the matches of one searching an index built by a plain scan of the dictionary
// (for each bucket the latest position whose bytes hash there, no tags), on random dictionaries and probes.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hashBytes } from './cm-tables.ts'
import { createSharedDictionary, MatchModel, MIN_MATCH, type SharedDictionary } from './match-model.ts'

/** The index a plain scan gives: per bucket of the hash of MIN_MATCH bytes, the latest end position there; no tags. */
function plainScanDictionary(bytes: Uint8Array, indexLog: number): SharedDictionary {
  const index = new Int32Array(2 ** indexLog).fill(-1)
  for (let end = MIN_MATCH; end <= bytes.length; end++) {
    let h = 0
    for (let k = end - MIN_MATCH; k < end; k++) h = hashBytes(h, bytes[k] as number)
    index[h >>> (32 - indexLog)] = end
  }
  return { bytes, index, indexLog, positionBits: 32 - Math.clz32(bytes.length), tagBits: 0 }
}

/** Whether the bucket of `last` (MIN_MATCH bytes) holds a position after other bytes than these. */
function isCollision(plain: SharedDictionary, last: readonly number[]): boolean {
  let h = 0
  for (const byte of last) h = hashBytes(h, byte)
  const end = plain.index[h >>> (32 - plain.indexLog)] as number
  return end >= MIN_MATCH && last.some((byte, k) => plain.bytes[end - MIN_MATCH + k] !== byte)
}

/** Bytes over a small alphabet, so that dictionary and probes share many runs of MIN_MATCH bytes. */
const text = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0x61, max: 0x66 }), { minLength: min, maxLength: max }).map((xs) => Uint8Array.from(xs))

describe('MatchModel dictionary search', () => {
  it('finds the same matches through the tagged index as through a plain scan of the dictionary', () => {
    let newMatches = 0
    let noMatch = 0
    let fromDictionary = 0
    let collisions = 0
    fc.assert(
      fc.property(
        text(MIN_MATCH, 600),
        fc.integer({ min: 4, max: 12 }),
        fc.array(fc.oneof(text(1, 24), fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 }))), { maxLength: 30 }),
        (bytes, indexLog, pieces) => {
          const tagged = createSharedDictionary(bytes, indexLog)
          // small indexes and dictionaries under 2^19 bytes keep tag bits: the check is exercised
          expect(tagged.tagBits).toBeGreaterThan(0)
          const plain = plainScanDictionary(bytes, indexLog)
          // the history ring (2^10) holds the whole probe: matches come from the history or the dictionary
          const a = new MatchModel(10, 8, tagged)
          const b = new MatchModel(10, 8, plain)
          // without a dictionary: where it differs, the dictionary's match counted
          const c = new MatchModel(10, 8, null)
          const seen: number[] = []
          for (const piece of pieces) {
            // a probe is random text or a slice of the dictionary (where matches are)
            const probe =
              piece instanceof Uint8Array
                ? piece
                : bytes.subarray(piece[0] % bytes.length, (piece[0] % bytes.length) + piece[1])
            for (const byte of probe) {
              const before = a.length()
              seen.push(byte)
              if (before === 0 && seen.length >= MIN_MATCH && isCollision(plain, seen.slice(-MIN_MATCH)))
                collisions += 1
              a.append(byte)
              b.append(byte)
              c.append(byte)
              if (a.length() !== c.length() || a.predicted() !== c.predicted()) fromDictionary += 1
              expect([a.length(), a.predicted()]).toEqual([b.length(), b.predicted()])
              if (before === 0 && a.length() > 0) newMatches += 1
              else if (before === 0) noMatch += 1
            }
          }
        },
      ),
      { numRuns: 300, seed: 0x5eed34 },
    )
    // not vacuous: searches found matches and searches found none, and the dictionary's matches counted
    // (and searches whose bucket held other bytes than theirs: the entries the tag check is there to refuse)
    expect(newMatches).toBeGreaterThan(300)
    expect(noMatch).toBeGreaterThan(1000)
    expect(fromDictionary).toBeGreaterThan(500)
    expect(collisions).toBeGreaterThan(100)
  })
})
