/**
 * The anchor index's tables (literal-anchors.ts): the entries filed under one kind of anchor word, found
 * by the hash of a token's bytes, and the hashing and word-filter helpers the scan shares with them.
 */
import { textToBytes } from './text-bytes.ts'

/** Most 32-bit words of an anchor table's hash bits (65,536 bits: 8 KB). */
const MAX_HASH_BITS_WORDS = 2048

/** Hash bits per anchor of a table smaller than the largest (about one bit in 256 set, as in a table of 256 anchors). */
const HASH_BITS_PER_ANCHOR = 256

/** The packed keys of a table not packed (shared, never written: a matcher of one template has three tables). */
const NO_PACKED = new Int32Array(0)

/** The lengths of a table with no anchor: nothing is looked up in it (shared, never written). */
const NO_LENGTHS: readonly (readonly number[])[] = Array.from({ length: 256 }, () => [])

/** The items filed under one anchor word (its UTF-8); the scan's stamps are in ItemTable.stamps. */
export interface AnchorEntry {
  readonly bytes: Uint8Array
  readonly hash: number
  readonly indices: number[]
  /** the qualifier's hash (the template's first word: see AnchorTable.isQualified), or 0 in a table without */
  readonly qualifier: number
  /**
   * The word filters of `indices`, in their order, side by side (FILTER_WORDS each): an entry's items
   * are checked together, and in a store of thousands their filters would otherwise be cache misses
   * spread over the whole table.
   */
  masks: Uint32Array
  /**
   * Per item of `indices` in a store of thousands (literal-anchors.ts, QUICK_WORD_ITEMS): the two filter
   * bits (signature bytes, as setBits sets them: first << 8 | second) of its whole word the fewest items
   * have, other than its anchor, tested before `masks`; -1: none. Empty in smaller stores.
   */
  quick: Int32Array
}

/**
 * The items filed under one kind of anchor, by the hash of the anchor's UTF-8, with what tells a token
 * worth looking up. Its flag arrays are made by its first anchor and its hash bits once every anchor is
 * in (`seal`), sized by how many there are: a matcher of one template (discovery verifies each event
 * with its own) has one anchor in one of its three tables, and fixed 8 KB tables made each such
 * matcher 25 KB of array buffers.
 */
export class AnchorTable {
  /**
   * True for a table whose anchors are qualified by their template's first word (literal-anchors.ts, stores of
   * thousands): each anchor's hash and signature are mixed with its qualifier's hash (`qualified`), so a token
   * is looked up together with the message's first token, and a word that anchors only templates of other
   * first words is mostly no look-up at all.
   */
  constructor(
    readonly isQualified = false,
    /**
     * True for a table whose signature bit is taken from its signature folded (`foldedSignature`), not from its
     * low bits (the plain whole table of a store of thousands, literal-anchors.ts): signatureOf's low 16 bits
     * are those of a product, so they hold the first and last byte only, not the length; folded, a token of the
     * right edge bytes but not an anchor's length is no look-up (in the 5,020 near-duplicate store of
     * bench/store-scale.ts most tokens that passed the bit were hashed and not found).
     */
    readonly isFolded = false,
  ) {}
  /** the entries by hash while anchors are added; looked up through the slots */
  readonly byHash = new Map<number, AnchorEntry[]>()
  size = 0
  /**
   * By first byte (BEGINS, WHOLE) or last byte (ENDS): the distinct lengths in bytes of the anchors with
   * that byte there, ascending (BEGINS and ENDS are looked up by length; a store of thousands has twenty
   * lengths in all, a byte a few)
   */
  lengthsByEdge: readonly (readonly number[])[] = NO_LENGTHS
  /**
   * One bit per low bits of an anchor's hash (up to 8 KB, `hashMask` + 1 bits): most tokens are no
   * anchor, and this says so without probing the slots (`slotHashes`), which in a store of thousands of
   * anchors are cache misses. Made by `seal`; a table of one anchor has 256 bits. One empty word before
   * (and in a table without anchors): a test of it reads that word and finds no bit.
   */
  hashBits = new Uint32Array(1)
  hashMask = 0
  /** Like `hashBits`, by the anchors' signatures (signatureOf: length, first and last byte), sized alike. */
  signatureBits = new Uint32Array(1)
  /**
   * The entries in an open-addressing table of typed arrays, made by `seal`: the hash in each slot and
   * the entry's number there (-1: empty), each entry's UTF-8 side by side in one array. A probe touches
   * no object until an anchor is found (a Map keyed by 32-bit hashes boxes half of them, and its
   * buckets and entries in a store of thousands of anchors are cache misses). In every table since round
   * 13: in the discovered stores' tables of tens to hundreds of anchors too, the screen and scan on each
   * store's own lines measured 0.95x-0.98x of the map's (CPU time, both orders; docs/history/speed-rounds.md, round 13).
   */
  slotHashes = new Int32Array(0)
  slotEntries = new Int32Array(1).fill(-1)
  slotMask = 0
  wordStarts = new Int32Array(1)
  wordBytes = new Uint8Array(0)
  entryList: AnchorEntry[] = []
  /**
   * Made by `pack` in a table whose anchors are all at most PACKED_BYTES long (the BEGINS and ENDS tables of a
   * store of thousands, keyed by their first or last EDGE_ANCHOR_BYTES): each anchor's bytes as one 32-bit number (packedOf), in an
   * open-addressing table of its own, the entry's number beside it (-1: empty). Such a key is the anchor's
   * bytes themselves: a token's prefix (suffix) is looked up by one number, with no hash, no signature bit
   * and no byte compare (findPacked). Empty otherwise.
   */
  packedKeys = NO_PACKED
  packedEntries = NO_PACKED
  packedShift = 32

  /**
   * Files item `index` under `word`. `maxBytes`: only the word's first (last, `atEnd`) so many UTF-8 bytes
   * are the key (a token that begins with the word begins with them too). `qualifier`: the hash of the item's
   * first word (hashOf of its UTF-8), in a qualified table only.
   */
  add(word: string, index: number, atEnd: boolean, maxBytes = Infinity, qualifier = 0): void {
    const whole = textToBytes(word)
    const bytes =
      whole.length <= maxBytes ? whole : atEnd ? whole.slice(whole.length - maxBytes) : whole.slice(0, maxBytes)
    const plain = hashOf(bytes, 0, bytes.length)
    const hash = this.isQualified ? qualified(plain, qualifier) : plain
    const entries = this.byHash.get(hash) ?? []
    const entry = entries.find((e) => e.qualifier === qualifier && bytesEqual(e.bytes, bytes))
    if (entry !== undefined) entry.indices.push(index)
    else {
      entries.push({ bytes, hash, qualifier, indices: [index], masks: NO_MASKS, quick: NO_QUICK })
      this.byHash.set(hash, entries)
      this.size += 1
    }
    if (this.lengthsByEdge === NO_LENGTHS) this.lengthsByEdge = Array.from({ length: 256 }, () => [])
    const edge = bytes[atEnd ? bytes.length - 1 : 0] as number
    const lengths = this.lengthsByEdge[edge] as readonly number[]
    if (!lengths.includes(bytes.length))
      (this.lengthsByEdge as number[][])[edge] = [...lengths, bytes.length].sort((a, b) => a - b)
  }

  /** Makes the hash and signature bits of the anchors added (no anchor is added after). */
  seal(): void {
    if (this.size === 0) return
    let words = 1
    while (words < MAX_HASH_BITS_WORDS && words * 32 < this.size * HASH_BITS_PER_ANCHOR) words *= 2
    this.hashBits = new Uint32Array(words)
    this.hashMask = words * 32 - 1
    this.signatureBits = new Uint32Array(words)
    for (const entries of this.byHash.values())
      for (const { hash, bytes, qualifier } of entries) {
        const bit = hash & this.hashMask
        this.hashBits[bit >>> 5] = (this.hashBits[bit >>> 5] as number) | (1 << (bit & 31))
        const plain = signatureOf(bytes.length, bytes[0] as number, bytes[bytes.length - 1] as number)
        const sig =
          (this.isQualified ? qualified(plain, qualifier) : this.isFolded ? foldedSignature(plain) : plain) &
          this.hashMask
        this.signatureBits[sig >>> 5] = (this.signatureBits[sig >>> 5] as number) | (1 << (sig & 31))
      }
    this.sealSlots()
  }

  /**
   * Makes the packed look-up (packedKeys) of a sealed table whose anchors are all at most PACKED_BYTES long
   * (findPacked is then its look-up). Throws otherwise: a longer anchor would never be found.
   */
  pack(): void {
    if (this.entryList.some(({ bytes }) => bytes.length > PACKED_BYTES))
      throw new Error(`an anchor of more than ${PACKED_BYTES} bytes cannot be packed`)
    let bits = 3
    while (1 << bits < 2 * this.size) bits++
    this.packedShift = 32 - bits
    this.packedKeys = new Int32Array(1 << bits)
    this.packedEntries = new Int32Array(1 << bits).fill(-1)
    const mask = (1 << bits) - 1
    this.entryList.forEach(({ bytes }, id) => {
      const key = packedOf(bytes, 0, bytes.length)
      let at = Math.imul(key, PACK_MIX) >>> this.packedShift
      while (this.packedEntries[at] !== -1) at = (at + 1) & mask
      this.packedKeys[at] = key
      this.packedEntries[at] = id
    })
  }

  /**
   * The entry (its place in `entryList`) whose anchor is the bytes packed in `key` (packedOf), or -1; in a
   * table whose anchors are all packed (packedKeys not empty) only.
   */
  findPacked(key: number): number {
    const { packedKeys, packedEntries } = this
    if (packedKeys.length === 0) return -1 // a table never packed: nothing is found (and the probe would not end)
    const mask = packedKeys.length - 1
    for (let at = Math.imul(key, PACK_MIX) >>> this.packedShift; ; at = (at + 1) & mask) {
      const id = packedEntries[at] as number
      if (id === -1 || packedKeys[at] === key) return id
    }
  }

  private sealSlots(): void {
    let slots = 8
    while (slots < 2 * this.size) slots *= 2
    this.slotMask = slots - 1
    this.slotHashes = new Int32Array(slots)
    this.slotEntries = new Int32Array(slots).fill(-1)
    this.entryList = [...this.byHash.values()].flat()
    this.wordStarts = new Int32Array(this.entryList.length + 1)
    this.entryList.forEach((entry, id) => {
      this.wordStarts[id + 1] = (this.wordStarts[id] as number) + entry.bytes.length
    })
    this.wordBytes = new Uint8Array(this.wordStarts[this.entryList.length] as number)
    this.entryList.forEach(({ hash, bytes }, id) => {
      this.wordBytes.set(bytes, this.wordStarts[id] as number)
      let at = (hash ^ (hash >>> 15)) & this.slotMask
      while (this.slotEntries[at] !== -1) at = (at + 1) & this.slotMask
      this.slotHashes[at] = hash
      this.slotEntries[at] = id
    })
  }

  /** False when no anchor has this signature (signatureOf), in a table not folded (isFolded: folded by its caller). */
  hasSignature(sig: number): boolean {
    const bit = sig & this.hashMask
    return (((this.signatureBits[bit >>> 5] as number) >>> (bit & 31)) & 1) !== 0
  }

  /** The entry whose anchor is bytes [start, end) of the message (`hash` is theirs), or undefined. */
  find(hash: number, message: Uint8Array, start: number, end: number): AnchorEntry | undefined {
    const id = this.findId(hash, message, start, end)
    return id === -1 ? undefined : this.entryList[id]
  }

  /** find's entry as its place in `entryList`, or -1 (the scan reads its items from flat arrays: ItemTable). */
  findId(hash: number, message: Uint8Array, start: number, end: number): number {
    const bit = hash & this.hashMask
    if (((this.hashBits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return -1
    const { slotHashes, slotEntries, slotMask, wordStarts, wordBytes } = this
    const length = end - start
    for (let at = (hash ^ (hash >>> 15)) & slotMask; ; at = (at + 1) & slotMask) {
      const id = slotEntries[at] as number
      if (id === -1) return -1
      if (slotHashes[at] !== hash) continue
      const from = wordStarts[id] as number
      if ((wordStarts[id + 1] as number) - from !== length) continue
      let i = 0
      while (i < length && wordBytes[from + i] === message[start + i]) i++
      if (i === length) return id
    }
  }
}

/**
 * The items of every entry of a store's three tables in flat typed arrays, entry after entry (the tables'
 * `entryList` orders, the first table's first): an entry's item indices, quick words and word filters side
 * by side. The scan reads a reached entry's items here, not through its object, whose `indices`, `quick`
 * and `masks` are each an object and a buffer of their own. In the 5,020-template stores of
 * bench/store-scale.ts the filter stage over reached items cost more than the look-ups; reading them here
 * took 1-3% off those rows, side by side both orders (docs/rounds/s33-match.md).
 */
export class ItemTable {
  /** per table, the number of its first entry here */
  readonly bases: Int32Array
  /** per entry, where its items start in `items` (and one more: the end) */
  readonly starts: Int32Array
  readonly items: Int32Array
  /** per item, its quick word (AnchorEntry.quick; -1 when none) */
  readonly quick: Int32Array
  /** per item, its word filter (FILTER_WORDS words) */
  readonly masks: Uint32Array
  /** per entry, the last message that reached it (the scan's stamp) */
  readonly stamps: Int32Array

  constructor(tables: readonly AnchorTable[]) {
    const entries = tables.flatMap((table) => table.entryList)
    this.bases = new Int32Array(tables.length)
    tables.forEach((_, t) => {
      if (t > 0) this.bases[t] = (this.bases[t - 1] as number) + (tables[t - 1] as AnchorTable).entryList.length
    })
    this.starts = new Int32Array(entries.length + 1)
    entries.forEach((entry, e) => {
      this.starts[e + 1] = (this.starts[e] as number) + entry.indices.length
    })
    const count = this.starts[entries.length] as number
    this.items = new Int32Array(count)
    this.quick = new Int32Array(count).fill(-1)
    this.masks = new Uint32Array(count * FILTER_WORDS)
    this.stamps = new Int32Array(entries.length)
    entries.forEach((entry, e) => {
      const at = this.starts[e] as number
      this.items.set(entry.indices, at)
      if (entry.quick.length > 0) this.quick.set(entry.quick, at)
      this.masks.set(entry.masks, at * FILTER_WORDS)
    })
  }
}

/** Most bytes of an anchor packed into one 32-bit key (AnchorTable.packedKeys). */
export const PACKED_BYTES = 4

/** The multiplier of a packed key's first slot (AnchorTable.pack; the large store's scan probes alike). */
export const PACK_MIX = 0x9e3779b1

/**
 * Bytes [start, end) (at most PACKED_BYTES) as one number, the first in the low byte. An anchor's bytes are
 * never 0 (word units only), so keys of different lengths differ: the key of a longer prefix has a byte
 * where a shorter one's has 0.
 */
export function packedOf(bytes: Uint8Array, start: number, end: number): number {
  let key = 0
  for (let i = end - 1; i >= start; i--) key = (key << 8) | (bytes[i] as number)
  return key
}

export const NO_MASKS = new Uint32Array(0)
export const NO_QUICK = new Int32Array(0)

/**
 * FNV-1a's offset basis as a 32-bit signed integer (the same bits as 0x811c9dc5): as a number above 2^31 it
 * was a heap number, and every hash a loop of floating-point conversions (a third of a token's hashing).
 */
export const HASH_SEED = 0x811c9dc5 | 0
export const HASH_PRIME = 0x01000193

/** FNV-1a over bytes [start, end): the same value the message scan computes for a token. */
export function hashOf(bytes: Uint8Array, start: number, end: number): number {
  // the constants written out: an exported one is read from its module cell, checked, at every byte
  let hash = 0x811c9dc5 | 0
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193)
  return hash
}

/**
 * A hash or signature mixed with a qualifier's hash (AnchorTable.isQualified): the key of an anchor of the
 * templates whose first word hashes to `qualifier`, as the scan computes it for a message whose first
 * token does.
 */
export function qualified(hash: number, qualifier: number): number {
  // the scan of a store of thousands writes this out for signatures and hashes (literal-anchors.ts, scanQualified)
  const x = Math.imul(hash ^ Math.imul(qualifier, 0x9e3779b1), 0x85ebca6b)
  return x ^ (x >>> 15)
}

/** A token's signature (word filter, and the first look-up of WHOLE anchors): its length, first and last byte, mixed. */
export function signatureOf(length: number, first: number, last: number): number {
  return Math.imul((length << 16) | (first << 8) | last, 0x9e3779b1)
}

/** A signature with its high half folded onto its low (AnchorTable.isFolded; the large store's scan writes it out). */
export function foldedSignature(sig: number): number {
  return sig ^ (sig >>> 16)
}

/** True when `word` sits in `message` at `start` (the caller has checked the length fits). */
function bytesAt(message: Uint8Array, start: number, word: Uint8Array): boolean {
  for (let i = 0; i < word.length; i++) if (message[start + i] !== word[i]) return false
  return true
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && bytesAt(a, 0, b)
}

/**
 * 32-bit words of the word filter: 256 bits, two per word. A message of 15 tokens then lets a word it
 * lacks through about 1 time in 70 (a 64-bit filter with one bit per word: 1 in 5, which let
 * near-duplicate and large stores' templates through as candidates).
 */
export const FILTER_WORDS = 8

/** Sets the two filter bits of a signature (its top two bytes) in the 256-bit filter at `at`. */
export function setBits(filter: Uint32Array, at: number, hash: number): void {
  const a = hash >>> 24
  const b = (hash >>> 16) & 0xff
  filter[at + (a >> 5)] = (filter[at + (a >> 5)] as number) | (1 << (a & 31))
  filter[at + (b >> 5)] = (filter[at + (b >> 5)] as number) | (1 << (b & 31))
}
