/**
 * Which JSON messages the json_residue frame keeps losing on, learned from a compressor's own first
 * tries, so that it stops building a frame that cannot win (round s38-jspeed, trial D1 of stop 38: the
 * frame was built for every JSON message no template took, and on REST responses and game-state
 * deltas it cost the hybrid about half its encode time for frames the selection then threw away).
 *
 * - A message's kind is its root's key structure: for an object, its top-level keys in order (hashed
 *   while the text is scanned once, no allocation), for an array its element count's octave, with the
 *   message length's octave and the method the selection chose; messages of one kind of an API
 *   (a leaderboard of 50 entries, a profile, an error) share it.
 * - Until a kind has lost LOSSES_TO_SKIP tries in a row (the frame not smaller than the chosen one, or
 *   not built), every message of it is tried, as before. From then on its messages skip the frame,
 *   except every `every`-th, which is tried again: a win there (the frame smaller) starts the kind over,
 *   a loss doubles `every` up to RECHECK_MAX. A skipped try can only cost bytes where the frame would
 *   have been smaller; after LOSSES_TO_SKIP losses in a row that is a kind where it rarely is.
 * - The state depends only on the messages this compressor was given, in order (as selection-learning.ts):
 *   `withoutLearning()` (the runner's size pass) tries every JSON message, so a run's figures are the
 *   same however its corpus is split. At most MAX_KINDS kinds are learned; a message of a kind past
 *   them is always tried.
 */

/** Losses in a row before a kind skips the frame. */
export const LOSSES_TO_SKIP = 16
/** Of a skipping kind's messages, every this-many-th is tried again ... */
export const RECHECK_EVERY = 32
/** ... and each re-check it loses doubles that, up to this many. */
export const RECHECK_MAX = 256
/** Kinds learned at most (memory per compressor, not per stream). */
export const MAX_KINDS = 1024

interface KindState {
  losses: number
  /** messages still to skip before the next re-check */
  skipLeft: number
  every: number
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACE = 0x7b
const OPEN_BRACKET = 0x5b
const CLOSE_BRACE = 0x7d
const CLOSE_BRACKET = 0x5d
const COMMA = 0x2c

/** The octave of n (0 for 0, 1 for 1, 2 for 2-3, ...). */
const octave = (n: number): number => 32 - Math.clz32(n)

/**
 * A message's kind (see the file comment) from its UTF-16 units or bytes: a 32-bit FNV-1a hash of its
 * root's top-level keys (object) or element count's octave (array), its length's octave and `method`.
 * One pass over the text, stopping at the root's end; anything malformed just hashes what was seen.
 * It runs on every JSON message a learning compressor sends (json-residue-frame.ts, before the skip is
 * asked), so a string that is no top-level key is passed over with indexOf to its closing quote (one whose
 * run of backslashes before it is even: the same quote a unit-by-unit walk that skips the unit after each
 * backslash stops at), and bytes and text each have a loop of their own (round s39-p99: one loop reading
 * either through a closure took ~3.4 µs a message of the shared JSON corpora, about zstd_dict's own time).
 */
export function messageKind(message: string | Uint8Array, method: string): number {
  const hash = typeof message === 'string' ? textKindHash(message) : bytesKindHash(message)
  return finishKind(hash, message.length, method)
}

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/** The hash of a message's length octave and `method` mixed into `hash` (the end of messageKind). */
function finishKind(hash: number, length: number, method: string): number {
  let h = Math.imul(hash ^ octave(length), FNV_PRIME)
  for (let i = 0; i < method.length; i++) h = Math.imul(h ^ method.charCodeAt(i), FNV_PRIME)
  return h >>> 0
}

/** The end of the string whose first unit is at `from` (its closing quote, or `n` when it is cut short): see messageKind. */
function closingQuoteOfBytes(bytes: Uint8Array, from: number, n: number): number {
  let q = bytes.indexOf(QUOTE, from)
  while (q !== -1) {
    let run = 0
    for (let b = q - 1; b >= from && bytes[b] === BACKSLASH; b--) run++
    if ((run & 1) === 0) return q
    q = bytes.indexOf(QUOTE, q + 1)
  }
  return n
}

/** As closingQuoteOfBytes, in UTF-16 units. */
function closingQuoteOfText(text: string, from: number, n: number): number {
  let q = text.indexOf('"', from)
  while (q !== -1) {
    let run = 0
    for (let b = q - 1; b >= from && text.charCodeAt(b) === BACKSLASH; b--) run++
    if ((run & 1) === 0) return q
    q = text.indexOf('"', q + 1)
  }
  return n
}

/** messageKind's hash of the root (before the length and method) of a message's bytes. */
function bytesKindHash(message: Uint8Array): number {
  const n = message.length
  const root = message[0] as number
  let hash = Math.imul(FNV_OFFSET ^ root, FNV_PRIME)
  let depth = 0
  let elements = 0
  // in the root object: the next string at depth 1 is a key
  let expectKey = false
  for (let i = 0; i < n; i++) {
    const c = message[i] as number
    if (c === QUOTE) {
      if (depth === 1 && root === OPEN_BRACE && expectKey) {
        i++
        while (i < n) {
          const s = message[i] as number
          if (s === QUOTE) break
          hash = Math.imul(hash ^ s, FNV_PRIME)
          i += s === BACKSLASH ? 2 : 1
        }
        hash = Math.imul(hash, FNV_PRIME)
        expectKey = false
      } else i = closingQuoteOfBytes(message, i + 1, n)
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++
      if (depth === 1) expectKey = true
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--
      if (depth === 0) break
    } else if (c === COMMA && depth === 1) {
      expectKey = true
      elements++
    }
  }
  return root === OPEN_BRACKET ? Math.imul(hash ^ octave(elements + 1), FNV_PRIME) : hash
}

/** As bytesKindHash, over UTF-16 units. */
function textKindHash(message: string): number {
  const n = message.length
  const root = message.charCodeAt(0)
  let hash = Math.imul(FNV_OFFSET ^ root, FNV_PRIME)
  let depth = 0
  let elements = 0
  let expectKey = false
  for (let i = 0; i < n; i++) {
    const c = message.charCodeAt(i)
    if (c === QUOTE) {
      if (depth === 1 && root === OPEN_BRACE && expectKey) {
        i++
        while (i < n) {
          const s = message.charCodeAt(i)
          if (s === QUOTE) break
          hash = Math.imul(hash ^ s, FNV_PRIME)
          i += s === BACKSLASH ? 2 : 1
        }
        hash = Math.imul(hash, FNV_PRIME)
        expectKey = false
      } else i = closingQuoteOfText(message, i + 1, n)
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++
      if (depth === 1) expectKey = true
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--
      if (depth === 0) break
    } else if (c === COMMA && depth === 1) {
      expectKey = true
      elements++
    }
  }
  return root === OPEN_BRACKET ? Math.imul(hash ^ octave(elements + 1), FNV_PRIME) : hash
}

/** One compressor's learning of the json_residue frame's losses, per message kind (see the file comment). */
export class ResidueLearner {
  private readonly kinds = new Map<number, KindState>()

  /** True when this message of `kind` skips the frame (counts a skip); false when it is to be tried. */
  skips(kind: number): boolean {
    const state = this.kinds.get(kind)
    if (state === undefined || state.losses < LOSSES_TO_SKIP) return false
    if (state.skipLeft > 0) {
      state.skipLeft--
      return true
    }
    return false
  }

  /** What the try of a message of `kind` gave: `won` when its frame was smaller than the chosen one. */
  tried(kind: number, won: boolean): void {
    let state = this.kinds.get(kind)
    if (state === undefined) {
      if (won || this.kinds.size >= MAX_KINDS) return
      state = { losses: 0, skipLeft: 0, every: RECHECK_EVERY }
      this.kinds.set(kind, state)
    }
    if (won) {
      state.losses = 0
      state.skipLeft = 0
      state.every = RECHECK_EVERY
      return
    }
    state.losses++
    if (state.losses < LOSSES_TO_SKIP) return
    // the loss that made the kind skip, or a re-check's: skip the next `every`, the re-check after a re-check's loss further off
    if (state.losses > LOSSES_TO_SKIP) state.every = Math.min(state.every * 2, RECHECK_MAX)
    state.skipLeft = state.every - 1
  }
}
