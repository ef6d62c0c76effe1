/**
 * The match model of the cm stream (context-model.ts) and the shared dictionary it searches. The
 * longest recent match of the last MIN_MATCH bytes, in this connection's history ring or in the
 * shared dictionary, predicts the byte that followed it; the prediction goes to the bit mixer with a
 * confidence learnt per match length. Where the match is at least HIT_MIN_LENGTH bytes long, a byte
 * is first coded as one event, "the byte the match predicts, or not" (the expected-byte event, by
 * match length and the last byte), so an expected byte costs one event instead of 8 modelled bits.
 *
 * The dictionary and its index are shared, read-only, by every connection; the history ring, its
 * index and the tables are one end's state (copied whole when a primed model opens a connection).
 */
import { adapt, clampProbability, HALF, hashBytes } from './cm-tables.ts'

/** Bytes hashed to find a match (4 since round 10, chosen on the training halves; 5 before: docs/stateful.md). */
export const MIN_MATCH = 4
/** Bytes compared backwards to measure a candidate match. */
const MAX_VERIFY = 48
/** the match length from which a byte is first coded as "expected or not" (chosen on training halves: 8) */
const HIT_MIN_LENGTH = 8
const HIT_TABLE_SIZE = 64 * 64
/** the bit input's confidence table: by match length (0-31) and the expected bit */
const BIT_TABLE_SIZE = 64

/** The expected-byte table's 6 bits of the last byte (hashBytes(last byte, 0x77) >>> 26), by that byte: a load instead of a hash per position (the same entries). */
const HIT_BYTE_BITS = Uint8Array.from({ length: 256 }, (_, b) => hashBytes(b, 0x77) >>> 26)

/** int32 fields of the match state (position, pointer, length, inDictionary, predicted) */
const FIELDS = 5

/** The most bits of a hash kept beside a position in the dictionary's index (see SharedDictionary.tagBits). */
const TAG_BITS = 12

/** The shared, read-only part: the dictionary and its match index (built once per dictionary). */
export interface SharedDictionary {
  bytes: Uint8Array
  /**
   * per hash of MIN_MATCH bytes, the position after the latest dictionary bytes with that hash (-1: none),
   * in the low `positionBits` bits, with the hash's `tagBits` bits below the index's in the bits above
   */
  index: Int32Array
  indexLog: number
  /** bits of a position in an index entry (enough for bytes.length) */
  positionBits: number
  /**
   * bits of the hash kept above the position (up to TAG_BITS, as many as fit in 31 bits): a search whose
   * hash differs there from the entry's has other bytes than the entry's, so it cannot match and need not
   * read the dictionary (a cache miss on a 1 MiB dictionary, most searches in random text)
   */
  tagBits: number
}

/** The hash's bits kept beside a position in the dictionary's index: the `tagBits` below the index's `indexLog`. */
function hashTag(h: number, indexLog: number, tagBits: number): number {
  return tagBits === 0 ? 0 : (h << indexLog) >>> (32 - tagBits)
}

/**
 * The size (log2) of a dictionary's match index: one entry per 4 dictionary bytes rounded up to a power of two, at least 2^16 (every
 * dictionary up to 256 KiB, as before round 10) and at most 2^22. Shared, like the dictionary: a 1 MiB
 * dictionary's index is 2^18 int32 entries, 1 MiB, once per dictionary whatever the connections.
 */
export function dictionaryIndexLog(dictionaryBytes: number): number {
  const entries = Math.max(1, Math.ceil(dictionaryBytes / 4))
  return Math.min(22, Math.max(16, Math.ceil(Math.log2(entries))))
}

/** The hash bits an index entry keeps above its position (SharedDictionary.tagBits): up to 12, as many as fit in 31 bits. */
export function dictionaryTagBits(dictionaryBytes: number, indexLog: number): number {
  return Math.max(0, Math.min(TAG_BITS, 31 - (32 - Math.clz32(dictionaryBytes)), 32 - indexLog))
}

/** Bytes of a shared dictionary with its match index (not per connection). */
export function sharedDictionaryBytes(dictionaryBytes: number): number {
  return dictionaryBytes + 4 * 2 ** dictionaryIndexLog(dictionaryBytes)
}

/** Builds the shared dictionary's match index (positions after every MIN_MATCH bytes; the latest wins). */
export function createSharedDictionary(
  bytes: Uint8Array,
  indexLog = dictionaryIndexLog(bytes.length),
): SharedDictionary {
  const index = new Int32Array(2 ** indexLog).fill(-1)
  const shift = 32 - indexLog
  const positionBits = 32 - Math.clz32(bytes.length)
  const tagBits = dictionaryTagBits(bytes.length, indexLog)
  const tagUnit = 2 ** positionBits
  for (let end = MIN_MATCH; end <= bytes.length; end++) {
    let h = 0
    for (let k = end - MIN_MATCH; k < end; k++) h = hashBytes(h, bytes[k] as number)
    index[h >>> shift] = hashTag(h, indexLog, tagBits) * tagUnit + end
  }
  return { bytes, index, indexLog, positionBits, tagBits }
}

/** Bytes of one end's match model (typed arrays only; the shared dictionary is not in it). */
export function matchModelBytes(historyLog: number, matchHashLog: number): number {
  return 2 ** historyLog + 2 * 2 ** matchHashLog + 2 * BIT_TABLE_SIZE + 2 * HIT_TABLE_SIZE + 4 * FIELDS
}

/** One end's match model: the history ring, its match index, the current match and its confidence tables. */
export class MatchModel {
  private readonly history: Uint8Array
  private readonly index: Uint16Array
  /** P(the bit the match expects), by match length and that bit (the per-bit loop in modelled-byte.ts reads and learns it) */
  readonly bitTable: Uint16Array
  /** P(the next byte is the one the match model expects), by match length and the last byte */
  private readonly hitTable: Uint16Array
  /** bytes appended so far */
  private size = 0
  /** where the current match continues, in the history or the dictionary */
  private pointer = 0
  /** the current match's length (0: none) */
  private matched = 0
  private inDictionary = 0
  /** the byte the match model expects next, or -1 */
  private next = -1
  private readonly historyMask: number
  private readonly shift: number
  private hitIndex = 0

  constructor(
    historyLog: number,
    matchHashLog: number,
    private readonly dictionary: SharedDictionary | null,
    from?: MatchModel,
  ) {
    // a shift, not 2 ** n (a double to V8: every `& historyMask` converted it back, stop 39)
    this.historyMask = (1 << historyLog) - 1
    this.shift = 32 - matchHashLog
    if (from !== undefined) {
      this.history = from.history.slice()
      this.index = from.index.slice()
      this.bitTable = from.bitTable.slice()
      this.hitTable = from.hitTable.slice()
      this.size = from.size
      this.pointer = from.pointer
      this.matched = from.matched
      this.inDictionary = from.inDictionary
      this.next = from.next
      return
    }
    this.history = new Uint8Array(2 ** historyLog)
    this.index = new Uint16Array(2 ** matchHashLog)
    this.bitTable = new Uint16Array(BIT_TABLE_SIZE).fill(HALF)
    this.hitTable = new Uint16Array(HIT_TABLE_SIZE).fill(HALF)
  }

  /** Bytes appended so far (the history's length, separators included). */
  position(): number {
    return this.size
  }

  /** The current match's length (0: none). */
  length(): number {
    return this.matched
  }

  /** The byte the match expects next, or -1. */
  predicted(): number {
    return this.next
  }

  /** The byte to code as the expected-byte event when the match is at least HIT_MIN_LENGTH long, or -1. */
  expectedByte(): number {
    return this.matched >= HIT_MIN_LENGTH ? this.next : -1
  }

  /** P(the next byte is expectedByte()) * 4096, by match length and the last byte (`last4`: the last 4 bytes). */
  predictHit(last4: number): number {
    this.hitIndex = Math.min(this.matched, 63) * 64 + (HIT_BYTE_BITS[last4 & 0xff] as number)
    return clampProbability((this.hitTable[this.hitIndex] as number) >>> 4)
  }

  /** Learns whether the byte was the expected one (after predictHit). */
  updateHit(hit: number): void {
    this.hitTable[this.hitIndex] = adapt(this.hitTable[this.hitIndex] as number, hit)
  }

  /**
   * The first of the bit input's two confidence entries for this byte (by match length; + the expected
   * bit): modelled-byte.ts reads `bitTable` there for each bit the partial byte still agrees with predicted().
   */
  bitSlotBase(): number {
    return Math.min(this.matched, 31) * 2
  }

  /**
   * Appends a byte to the history: the match goes on or ends, and a new one is searched for. `last4`: the
   * last 4 bytes of the history with this one (ContextModel keeps them), so the search hashes them without
   * reading the ring back; omitted, they are read from the ring (the same value).
   */
  append(byte: number, last4?: number): void {
    if (this.matched > 0) {
      // `next` is the byte at `pointer` whenever there is a match (search() sets it after every append)
      if (this.next === byte) {
        this.matched = Math.min(this.matched + 1, 65535)
        this.pointer += 1
        if (this.inDictionary === 1 && this.pointer >= (this.dictionary as SharedDictionary).bytes.length)
          this.matched = 0
      } else this.matched = 0
    }
    const position = this.size
    this.history[position & this.historyMask] = byte
    this.size = position + 1
    this.search(last4 === undefined ? this.ringLast4() : last4)
  }

  /**
   * Appends `bytes` to the history ring and its match index without searching (the history path of
   * model-stream.ts: a message coded by zstd against the history goes into it for later matches); the
   * current match ends. `last4`: the history's last 4 bytes before them (ContextModel keeps them).
   */
  appendRaw(bytes: Uint8Array, last4: number): void {
    const history = this.history
    const index = this.index
    const mask = this.historyMask
    const shift = this.shift
    let position = this.size
    let recent = last4
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i] as number
      history[position & mask] = byte
      position += 1
      recent = (recent << 8) | byte
      if (position >= MIN_MATCH) {
        const h = hashBytes(
          hashBytes(hashBytes(hashBytes(0, recent >>> 24), (recent >>> 16) & 0xff), (recent >>> 8) & 0xff),
          recent & 0xff,
        )
        index[h >>> shift] = position & 0xffff
      }
    }
    this.size = position
    this.matched = 0
    this.next = -1
  }

  /** The history's last min(position, ring) bytes, oldest first, in `out` (the ring's size); returns the filled view. */
  window(out: Uint8Array): Uint8Array {
    const ring = this.history.length
    const size = this.size
    if (size <= ring) {
      out.set(this.history.subarray(0, size))
      return out.subarray(0, size)
    }
    const start = size & this.historyMask
    out.set(this.history.subarray(start), 0)
    out.set(this.history.subarray(0, start), ring - start)
    return out
  }

  /** The last 4 bytes of the history, the latest in the low byte (as ContextModel's last4). */
  private ringLast4(): number {
    const position = this.size
    let last4 = 0
    for (let k = position - MIN_MATCH; k < position; k++)
      last4 = (last4 << 8) | (this.history[k & this.historyMask] as number)
    return last4
  }

  /** The history's byte at `position` (within the ring). */
  historyByte(position: number): number {
    return this.history[position & this.historyMask] as number
  }

  /** Per byte: a new match where there is none, the index, and the predicted byte (`last4`: the history's last 4 bytes). */
  private search(last4: number): void {
    const position = this.size
    if (position >= MIN_MATCH) {
      // the hash of the last MIN_MATCH (4) bytes, oldest first
      const h = hashBytes(
        hashBytes(hashBytes(hashBytes(0, last4 >>> 24), (last4 >>> 16) & 0xff), (last4 >>> 8) & 0xff),
        last4 & 0xff,
      )
      if (this.matched === 0) this.findMatch(h)
      this.index[h >>> this.shift] = position & 0xffff
    }
    // byteAt written out (it was a call at every position: V8 had stopped inlining it here)
    const pointer = this.pointer
    this.next =
      this.matched === 0
        ? -1
        : this.inDictionary === 1
          ? ((this.dictionary as SharedDictionary).bytes[pointer] as number)
          : (this.history[pointer & this.historyMask] as number)
  }

  private findMatch(h: number): void {
    const position = this.size
    const oldest = Math.max(0, position - this.historyMask)
    const history = this.history
    const mask = this.historyMask
    // the index keeps the low 16 bits of a position: the candidate is the latest position with those bits
    const candidate = position - ((position - (this.index[h >>> this.shift] as number)) & 0xffff)
    if (candidate > oldest && candidate < position) {
      let length = 0
      while (
        length < MAX_VERIFY &&
        candidate - 1 - length >= oldest &&
        history[(candidate - 1 - length) & mask] === history[(position - 1 - length) & mask]
      )
        length += 1
      if (length >= MIN_MATCH) {
        this.pointer = candidate
        this.matched = length
        this.inDictionary = 0
        return
      }
    }
    const dictionary = this.dictionary
    if (dictionary === null) return
    const entry = dictionary.index[h >>> (32 - dictionary.indexLog)] as number
    if (entry < 0) return
    const positionBits = dictionary.positionBits
    // other hash bits than the entry's: other bytes, so fewer than MIN_MATCH would verify (the same outcome unread)
    if (entry >>> positionBits !== hashTag(h, dictionary.indexLog, dictionary.tagBits)) return
    // the low positionBits bits (at most 31: a shift, not a power computed per search)
    const inDictionary = entry & ((1 << positionBits) - 1)
    if (inDictionary >= dictionary.bytes.length) return
    let length = 0
    while (
      length < MAX_VERIFY &&
      inDictionary - 1 - length >= 0 &&
      position - 1 - length >= oldest &&
      dictionary.bytes[inDictionary - 1 - length] === history[(position - 1 - length) & mask]
    )
      length += 1
    if (length >= MIN_MATCH) {
      this.pointer = inDictionary
      this.matched = length
      this.inDictionary = 1
    }
  }
}
