/**
 * The matcher's index: each template is filed under one *anchor*, a whole word of its literal text
 * that every message it matches must hold as a whole token; a message is tokenized once and each of
 * its tokens looked up. The cost follows the message's length and the few templates filed under its
 * words, not the size of the store.
 *
 * - A token is a maximal run of word units: ASCII letters, digits and `_`, and every UTF-16 unit from
 *   U+0080 up (so a non-ASCII letter, or both halves of a surrogate pair, always sit inside a token).
 *   Template text and message text are classified alike, which is all correctness needs.
 * - A word of a literal is *bounded* when a non-word unit of the same literal (or the message's start
 *   or end, for the first and last literal) lies on each side: a placeholder's value next to it could
 *   otherwise extend it. A bounded word is a whole token of every message the template matches.
 * - A word bounded on one side only, the other touching a placeholder (`blk_` in `block blk_{0}`,
 *   `ms` in `{0}ms elapsed`), begins (or ends) a token of every matching message: it can anchor too,
 *   looked up as the first (or last) units of each token, at each length such anchors have (a
 *   token's prefixes are hashed in one pass, however many lengths: near-duplicate stores have twenty). In a
 *   store of thousands such a word is keyed by its first (last) 4 bytes (EDGE_ANCHOR_BYTES), looked up as
 *   those bytes packed in one number (AnchorTable.pack): no hash, signature bit or byte compare a prefix.
 * - The anchor is the template's word (whole, beginning or ending a token) that the fewest templates of
 *   the store have (ties: whole words, then the longer, then the first), so near-duplicate templates
 *   spread over the words that tell them apart.
 * - A template without a bounded word (`{0}: {1}`) is a candidate of every message; its first and
 *   last literal are checked by the matcher before anything else, which is cheap.
 * - A template reached through its anchor is passed on only when all its whole words may be tokens of
 *   the message: a 256-bit filter of the tokens' signatures (length, first and last byte; two bits each),
 *   built in the same pass, holds all their bits
 *   (most templates that share the anchor but not the rest of the words stop here).
 * - In a store of thousands (QUALIFIED_ITEMS), a template whose first literal fixes the first token of every
 *   message it matches (firstWordOf) is anchored among the templates of the same first word, and filed under
 *   that word mixed with its first word's hash: a token is looked up there with the message's first token,
 *   so the words a line shares with templates of other first words reach none of them.
 * - The scan reads each byte once, in JavaScript (a third to a half of its time on the Loghub stores' own
 *   lines): a token is hashed only when some whole anchor has its signature (one bit looked up), or some
 *   anchor begins or ends with its first or last byte, so most tokens cost no pass of their own.
 */

import { textToBytes } from './text-bytes.ts'
import {
  AnchorTable,
  ItemTable,
  NO_MASKS,
  NO_QUICK,
  FILTER_WORDS,
  PACKED_BYTES,
  HASH_PRIME,
  HASH_SEED,
  hashOf,
  setBits,
  signatureOf,
} from './anchor-table.ts'

// passPlain reads the tokens' filter as eight words written out
if (FILTER_WORDS !== 8) throw new Error('literal-anchors.ts: passPlain reads a filter of 8 words (FILTER_WORDS)')

/** 1 for a word unit (see the file comment). */
const WORD_UNIT = Uint8Array.from({ length: 0x80 }, (_, code) =>
  /[A-Za-z0-9_]/.test(String.fromCharCode(code)) ? 1 : 0,
)
/** 1 for a word byte: the ASCII word units, and every byte from 0x80 up (one test per byte in the scan). */
const WORD_BYTE = Uint8Array.from({ length: 256 }, (_, code) => (code >= 0x80 || WORD_UNIT[code] === 1 ? 1 : 0))

function isWordUnit(code: number): boolean {
  return code >= 0x80 || WORD_UNIT[code] === 1
}

/** Where an anchor word sits in a token of every matching message. */
const WHOLE = 0
const BEGINS = 1
const ENDS = 2

/** The anchor words of a template's literals (see the file comment), each once, as kind + word keys. */
export function anchorWords(literals: readonly string[]): { kind: number; word: string }[] {
  const seen = new Set<string>()
  const out: { kind: number; word: string }[] = []
  const last = literals.length - 1
  literals.forEach((literal, k) => {
    let start = -1
    for (let at = 0; at <= literal.length; at++) {
      const word = at < literal.length && isWordUnit(literal.charCodeAt(at))
      if (word && start === -1) start = at
      if (word || start === -1) continue
      const startBounded = start > 0 || k === 0
      const endBounded = at < literal.length || k === last
      const kind = startBounded && endBounded ? WHOLE : startBounded ? BEGINS : endBounded ? ENDS : -1
      const text = literal.slice(start, at)
      if (kind !== -1 && !seen.has(`${kind}${text}`)) {
        seen.add(`${kind}${text}`)
        out.push({ kind, word: text })
      }
      start = -1
    }
  })
  return out
}

/** Candidate selection over items filed by anchor word. */
export interface AnchorIndex<T> {
  /**
   * Calls `visit` with every item that may match the message whose UTF-8 bytes are given (each at
   * most once, those without an anchor first) until it returns false. Works on the bytes, so a
   * message no anchor reaches is refused before it is decoded.
   */
  select(bytes: Uint8Array, visit: (item: T) => boolean): void
  /** the anchor of each item (undefined: none), in the order given */
  readonly anchors: readonly (string | undefined)[]
}

/**
 * The three tables with each item filed under its anchor word, the items without one, and each item's
 * anchor. Apart from createAnchorIndex so that the words of every item, which it needs only here, are
 * not kept by the index's closure (a JSON template's hundreds of words, in every matcher made of it).
 */
function fileItems(
  items: readonly unknown[],
  literalsOf: (index: number) => readonly string[],
): {
  tables: readonly AnchorTable[]
  unanchored: number[]
  anchors: (string | undefined)[]
  edges: EdgeTable
} {
  const large = items.length >= QUALIFIED_ITEMS
  const wordsOf = items.map((_item, index) => anchorWords(literalsOf(index)))
  // how many items have each word (a word is a key with its kind), and in a store of thousands, how many of
  // those with the same first word (firstWordOf; keyed by it and the word)
  const templatesWith = new Map<string, number>()
  const count = (key: string): void => {
    templatesWith.set(key, (templatesWith.get(key) ?? 0) + 1)
  }
  const firstWords = items.map((_item, index) => (large ? firstWordOf(literalsOf(index)) : undefined))
  wordsOf.forEach((words, index) => {
    const first = firstWords[index]
    for (const { kind, word } of words) {
      count(`${kind}${word}`)
      if (first !== undefined) count(`${first}\u0001${kind}${word}`)
    }
  })
  /** The item's word the fewest items of `group` have (ties: whole words, then the longer, then the first). */
  const rarest = (index: number, group: string): { kind: number; word: string; count: number } | undefined => {
    let best: { kind: number; word: string; count: number } | undefined
    for (const { kind, word } of wordsOf[index] as { kind: number; word: string }[]) {
      const count = templatesWith.get(`${group}${kind}${word}`) as number
      const better =
        best === undefined ||
        count < best.count ||
        (count === best.count && (kind < best.kind || (kind === best.kind && word.length > best.word.length)))
      if (better) best = { kind, word, count }
    }
    return best
  }
  // a BEGINS table is probed by a token's first byte, an ENDS table by its last; in a store of thousands, a
  // fourth: the items with a first word whose rarest word among the items of that first word is whole, each
  // filed under that word qualified by its first word (the others go to the three plain tables as before)
  // (a store of thousands' plain whole table is looked up only by scanQualified, which folds its signatures)
  const tables = [new AnchorTable(false, large), new AnchorTable(), new AnchorTable()]
  if (large) tables.push(new AnchorTable(true))
  // per item, the group its anchor and quick word were chosen in ('' for all items)
  const groups = items.map(() => '')
  const unanchored: number[] = []
  const edges =
    items.length >= EDGE_CHECK_ITEMS
      ? new EdgeTable(items.map((_item, index) => edgeBytesOf(literalsOf(index))))
      : NO_EDGES
  const anchors = wordsOf.map((_words, index) => {
    const first = firstWords[index]
    if (first !== undefined) {
      const inGroup = rarest(index, `${first}\u0001`)
      if (inGroup !== undefined && inGroup.kind === WHOLE) {
        groups[index] = `${first}\u0001`
        const firstBytes = textToBytes(first)
        ;(tables[3] as AnchorTable).add(inGroup.word, index, false, Infinity, hashOf(firstBytes, 0, firstBytes.length))
        return inGroup.word
      }
    }
    const best = rarest(index, '')
    if (best === undefined) {
      unanchored.push(index)
      return undefined
    }
    ;(tables[best.kind] as AnchorTable).add(
      best.word,
      index,
      best.kind === ENDS,
      best.kind !== WHOLE && items.length >= EDGE_CHECK_ITEMS ? EDGE_ANCHOR_BYTES : Infinity,
    )
    return best.word
  })
  for (const table of tables) table.seal()
  // in a store of thousands, a word beginning or ending a token is at most EDGE_ANCHOR_BYTES: looked up packed
  if (large) for (const table of [tables[BEGINS], tables[ENDS]] as AnchorTable[]) table.pack()
  // every whole word of an item, as two bits of a 256-bit filter (FILTER_WORDS 32-bit words) by the signature
  // of its UTF-8, kept in its entry beside the filters of the entry's other items
  for (const table of tables)
    for (const entries of table.byHash.values())
      for (const entry of entries) {
        entry.masks = new Uint32Array(entry.indices.length * FILTER_WORDS)
        if (items.length >= QUICK_WORD_ITEMS) entry.quick = new Int32Array(entry.indices.length).fill(-1)
        entry.indices.forEach((index, k) => {
          const group = groups[index] as string
          let quickCount = Infinity
          for (const { kind, word } of wordsOf[index] as { kind: number; word: string }[]) {
            if (kind !== WHOLE) continue
            const bytes = textToBytes(word)
            const sig = signatureOf(bytes.length, bytes[0] as number, bytes[bytes.length - 1] as number)
            setBits(entry.masks, k * FILTER_WORDS, sig)
            const count = templatesWith.get(`${group}${kind}${word}`) as number
            if (entry.quick.length > 0 && word !== anchors[index] && count < quickCount) {
              quickCount = count
              entry.quick[k] = sig >>> 16
            }
          }
        })
      }
  return { tables, unanchored, anchors, edges }
}

/**
 * The first token of every message the template of these literals matches, when its first literal fixes it:
 * the literal's first word, with a non-word unit after it in the literal (or the literal is the whole
 * template); undefined when the template starts with a placeholder, or its first word runs into one.
 */
export function firstWordOf(literals: readonly string[]): string | undefined {
  const literal = literals[0] ?? ''
  let start = 0
  while (start < literal.length && !isWordUnit(literal.charCodeAt(start))) start++
  if (start === literal.length) return undefined
  let end = start
  while (end < literal.length && isWordUnit(literal.charCodeAt(end))) end++
  return end < literal.length || literals.length === 1 ? literal.slice(start, end) : undefined
}

/** Files each item (by its template's literals) under its anchor word. */
export function createAnchorIndex<T>(items: readonly T[], literalsOf: (item: T) => readonly string[]): AnchorIndex<T> {
  const { tables, unanchored, anchors, edges } = fileItems(items, (index) => literalsOf(items[index] as T))
  const [whole, begins, ends] = tables as [AnchorTable, AnchorTable, AnchorTable]
  // in a store of thousands, the tables of the items with a first word (each anchor qualified by it)
  const large = tables.length > 3
  const qWhole = (large ? tables[3] : whole) as AnchorTable
  const flat = new ItemTable(tables)
  // the scan reads the entries' filters and quick words in `flat` only: their own copies are let go (a store of
  // thousands has thousands of entries, each filter and quick word a typed array of its own; docs/rounds/s34-scale.md)
  for (const table of tables)
    for (const entry of table.entryList) {
      entry.masks = NO_MASKS
      entry.quick = NO_QUICK
    }
  const { starts, stamps } = flat
  // (the fourth is the qualified table's, undefined in a smaller store)
  const [wholeBase, beginsBase, endsBase, qWholeBase] = flat.bases as unknown as [number, number, number, number]
  // each item sits under one word: a word seen again in the message (its stamp is the message's) adds nothing
  let stamp = 0
  // the entries reached by the message (the first `reachedCount`), by their number in `flat`
  const reached = new Int32Array(stamps.length)
  let reachedCount = 0
  const reach = (id: number, base: number): void => {
    if (id === -1 || stamps[base + id] === stamp) return
    stamps[base + id] = stamp
    reached[reachedCount++] = base + id
  }
  let anyAnchored = false
  for (const table of tables) anyAnchored ||= table.size > 0
  const tokens = new Uint32Array(FILTER_WORDS)
  const checkEdges = items.length >= EDGE_CHECK_ITEMS
  // the items of the message that pass the word filter (the first `passed`), at most every anchored one
  const passing = new Int32Array(checkEdges ? items.length : 0)
  // per byte, 1 when a BEGINS anchor starts with it, and at 256 + byte 2 when an ENDS anchor ends with it: a
  // token whose first and last byte have neither loads no list of lengths (most tokens of a discovered store's lines)
  const edgeFlags = new Uint8Array(512)
  for (let b = 0; b < 256; b++) {
    if ((begins.lengthsByEdge[b] as readonly number[]).length > 0) edgeFlags[b] = 1
    if ((ends.lengthsByEdge[b] as readonly number[]).length > 0) edgeFlags[256 + b] = 2
  }
  // in a store of thousands, per byte, a bit for each length (1 to PACKED_BYTES: bit length - 1) of the BEGINS
  // anchors that start with it, and at 256 + byte of the ENDS anchors that end with it: a token is probed at
  // those of its lengths, with no list of lengths loaded (and a token whose edges have none, at none)
  const packedLengths = new Uint8Array(large ? 512 : 0)
  if (large)
    for (let b = 0; b < 256; b++) {
      for (const l of begins.lengthsByEdge[b] as readonly number[])
        packedLengths[b] = (packedLengths[b] as number) | (1 << (l - 1))
      for (const l of ends.lengthsByEdge[b] as readonly number[])
        packedLengths[256 + b] = (packedLengths[256 + b] as number) | (1 << (l - 1))
    }
  // the look-ups of one token [start, at) of the message in the three plain tables, its signature `sig`
  // (written out in both scans below: each is a function of its own, so that V8 inlines what each calls)
  /** The scan of a store under QUALIFIED_ITEMS: each token's look-ups in the three tables. */
  const scanPlain = (message: Uint8Array): void => {
    const { signatureBits, hashMask } = whole
    const beginsLengths = begins.lengthsByEdge
    const endsLengths = ends.lengthsByEdge
    const length = message.length
    // the tokens' filter, the byte classes and the edge flags in locals (setBits written out: a closure's or a
    // module's binding was read again, through the context chain, at every token and every byte)
    const filter = tokens
    const wordByte = WORD_BYTE
    const flags = edgeFlags
    // a byte from 0x80 up is part of a non-ASCII character: a word unit (as every UTF-16 unit from 0x80
    // up is), so tokens are the same as the text's. A run of non-word bytes, then a token, each in a
    // loop of its own (fewer branches a byte than one loop that tells the two apart)
    for (let at = 0; at < length; ) {
      while (at < length && wordByte[message[at] as number] === 0) at++
      if (at === length) break
      const start = at
      at++
      // the token's bytes four a step while four are left: each step checks the message's map and buffer once,
      // where a step a byte did at every byte (a loop's back edge lets V8 keep no check across it; ~22
      // instructions a byte)
      for (;;) {
        if (at + 4 > length) {
          while (at < length && wordByte[message[at] as number] === 1) at++
          break
        }
        if (wordByte[message[at] as number] === 0) break
        if (wordByte[message[at + 1] as number] === 0) {
          at += 1
          break
        }
        if (wordByte[message[at + 2] as number] === 0) {
          at += 2
          break
        }
        if (wordByte[message[at + 3] as number] === 0) {
          at += 3
          break
        }
        at += 4
      }
      const end = at
      // the byte that ended the token is no word byte: the next run of them starts after it
      if (at < length) at++
      const tokenLength = end - start
      const first = message[start] as number
      const lastByte = message[end - 1] as number
      // signatureOf written out (an imported function is read from its module cell and checked at each call)
      const sig = Math.imul((tokenLength << 16) | (first << 8) | lastByte, 0x9e3779b1)
      const bitA = sig >>> 24
      const bitB = (sig >>> 16) & 0xff
      filter[bitA >> 5] = (filter[bitA >> 5] as number) | (1 << (bitA & 31))
      filter[bitB >> 5] = (filter[bitB >> 5] as number) | (1 << (bitB & 31))
      const bit = sig & hashMask
      if ((((signatureBits[bit >>> 5] as number) >>> (bit & 31)) & 1) !== 0)
        reach(whole.findId(hashOf(message, start, end), message, start, end), wholeBase)
      if ((flags[first] as number) + (flags[256 + lastByte] as number) === 0) continue
      const prefixLengths = beginsLengths[first] as readonly number[]
      if (prefixLengths.length > 0) {
        // the token's prefixes by ascending length, each hash extending the last (FNV-1a is incremental):
        // one pass over the token, not one per anchor length (near-duplicate stores have twenty lengths);
        // a prefix without the signature of an anchor is not looked up, and the hash is extended only up
        // to a prefix that has one (half the near-duplicate stores' probes: the rest of the pass is spared)
        let prefixHash = HASH_SEED
        let hashed = start
        for (let i = 0; i < prefixLengths.length; i++) {
          const l = prefixLengths[i] as number
          if (l > tokenLength) break
          if (!begins.hasSignature(signatureOf(l, first, message[start + l - 1] as number))) continue
          for (; hashed < start + l; hashed++)
            prefixHash = Math.imul(prefixHash ^ (message[hashed] as number), HASH_PRIME)
          reach(begins.findId(prefixHash, message, start, start + l), beginsBase)
        }
      }
      const suffixLengths = endsLengths[lastByte] as readonly number[]
      for (let i = 0; i < suffixLengths.length; i++) {
        const l = suffixLengths[i] as number
        if (l > tokenLength) break
        if (ends.hasSignature(signatureOf(l, message[end - l] as number, lastByte)))
          reach(ends.findId(hashOf(message, end - l, end), message, end - l, end), endsBase)
      }
    }
  }
  /**
   * The scan of a store of QUALIFIED_ITEMS or more: scanPlain's look-ups of each token, then the same in the
   * qualified tables, each key mixed with the hash of the message's first token (none when it has no token).
   */
  const scanQualified = (message: Uint8Array): void => {
    const length = message.length
    let a = 0
    while (a < length && WORD_BYTE[message[a] as number] === 0) a++
    let b = a
    while (b < length && WORD_BYTE[message[b] as number] === 1) b++
    if (b === a) return
    // both whole tables' signature tests written out, the qualified one mixed as `qualified` mixes (its
    // qualifier's multiplication once a message)
    const q = hashOf(message, a, b)
    const qMixed = Math.imul(q, 0x9e3779b1)
    const { signatureBits: plainBits, hashMask: plainMask } = whole
    const { signatureBits: qBits, hashMask: qMask } = qWhole
    const { packedKeys: prefixKeys, packedEntries: prefixEntries, packedShift: prefixShift } = begins
    const { packedKeys: suffixKeys, packedEntries: suffixEntries, packedShift: suffixShift } = ends
    const prefixMask = prefixKeys.length - 1
    const suffixMask = suffixKeys.length - 1
    // the closure's arrays and the imported constants in locals (setBits written out), as scanPlain: each read of
    // a closure's or a module's binding is checked again at every token
    const filter = tokens
    const wordByte = WORD_BYTE
    const lengths = packedLengths
    const packedBytes = PACKED_BYTES
    const allLengths = PACKED_LENGTHS
    // the first token [a, b) is not tokenized again: each token is taken at the end of the loop
    for (let start = a, at = b; ; ) {
      const tokenLength = at - start
      const first = message[start] as number
      const lastByte = message[at - 1] as number
      // signatureOf written out (an imported function is read from its module cell and checked at each call)
      const sig = Math.imul((tokenLength << 16) | (first << 8) | lastByte, 0x9e3779b1)
      const bitA = sig >>> 24
      const bitB = (sig >>> 16) & 0xff
      filter[bitA >> 5] = (filter[bitA >> 5] as number) | (1 << (bitA & 31))
      filter[bitB >> 5] = (filter[bitB >> 5] as number) | (1 << (bitB & 31))
      // the plain whole table's signatures folded (AnchorTable.isFolded), written out
      const plainBit = (sig ^ (sig >>> 16)) & plainMask
      const mixed = Math.imul(sig ^ qMixed, 0x85ebca6b)
      const qBit = (mixed ^ (mixed >>> 15)) & qMask
      const hasPlain = (((plainBits[plainBit >>> 5] as number) >>> (plainBit & 31)) & 1) !== 0
      const hasQualified = (((qBits[qBit >>> 5] as number) >>> (qBit & 31)) & 1) !== 0
      if (hasPlain || hasQualified) {
        const hash = hashOf(message, start, at)
        if (hasPlain) reach(whole.findId(hash, message, start, at), wholeBase)
        if (hasQualified) {
          // `qualified` written out, as the signature's test above
          const x = Math.imul(hash ^ qMixed, 0x85ebca6b)
          reach(qWhole.findId(x ^ (x >>> 15), message, start, at), qWholeBase)
        }
      }
      // words beginning or ending a token are in the plain tables only, each at most EDGE_ANCHOR_BYTES long
      // here (PACKED_BYTES): a prefix (suffix) of the token is looked up as its bytes packed in one number,
      // at each length an anchor of its first (last) byte has (a bit each of prefixBits, suffixBits)
      const lengthBits = tokenLength >= packedBytes ? allLengths : (1 << tokenLength) - 1
      const prefixBits = (lengths[first] as number) & lengthBits
      const suffixBits = (lengths[256 + lastByte] as number) & lengthBits
      // the token's prefixes (suffixes) by ascending length, each key a byte more than the last (the token's first
      // byte in the low byte, as packedOf packs), up to the longest length its bits ask for: no byte past it read,
      // and no key built whole first (that loop and its masks were a third of the probes' instructions)
      let key = 0
      for (let l = 0, bits = prefixBits; bits !== 0; l++, bits >>>= 1) {
        key |= (message[start + l] as number) << (8 * l)
        if ((bits & 1) === 0) continue
        // AnchorTable.findPacked written out over the arrays read once a message
        for (let s = Math.imul(key, 0x9e3779b1) >>> prefixShift; ; s = (s + 1) & prefixMask) {
          const id = prefixEntries[s] as number
          if (id === -1) break
          if (prefixKeys[s] === key) {
            reach(id, beginsBase)
            break
          }
        }
      }
      key = 0
      for (let l = 1, bits = suffixBits; bits !== 0; l++, bits >>>= 1) {
        key = (key << 8) | (message[at - l] as number)
        if ((bits & 1) === 0) continue
        for (let s = Math.imul(key, 0x9e3779b1) >>> suffixShift; ; s = (s + 1) & suffixMask) {
          const id = suffixEntries[s] as number
          if (id === -1) break
          if (suffixKeys[s] === key) {
            reach(id, endsBase)
            break
          }
        }
      }
      // the next token, after the byte that ended this one (no word byte), its bytes four a step as scanPlain's
      if (at < length) at++
      while (at < length && wordByte[message[at] as number] === 0) at++
      if (at === length) break
      start = at
      at++
      for (;;) {
        if (at + 4 > length) {
          while (at < length && wordByte[message[at] as number] === 1) at++
          break
        }
        if (wordByte[message[at] as number] === 0) break
        if (wordByte[message[at + 1] as number] === 0) {
          at += 1
          break
        }
        if (wordByte[message[at + 2] as number] === 0) {
          at += 2
          break
        }
        if (wordByte[message[at + 3] as number] === 0) {
          at += 3
          break
        }
        at += 4
      }
    }
  }
  /** The items of the entries reached whose whole words may all be tokens of the message (by their signatures' bits). */
  const passPlain = (visit: (item: T) => boolean): void => {
    const { items: itemIds, masks } = flat
    // allBitsIn written out over the filter's eight words read once (FILTER_WORDS): an item's test is then
    // eight loads of its own words, with no call and no loop (its loop over the closure's filter was 6-27%
    // of the scan on the Loghub stores' own lines: docs/rounds/s35-enc.md)
    const t0 = ~(tokens[0] as number)
    const t1 = ~(tokens[1] as number)
    const t2 = ~(tokens[2] as number)
    const t3 = ~(tokens[3] as number)
    const t4 = ~(tokens[4] as number)
    const t5 = ~(tokens[5] as number)
    const t6 = ~(tokens[6] as number)
    const t7 = ~(tokens[7] as number)
    for (let r = 0; r < reachedCount; r++) {
      const e = reached[r] as number
      const end = starts[e + 1] as number
      for (let k = starts[e] as number; k < end; k++) {
        const m = k * FILTER_WORDS
        const missing =
          ((masks[m] as number) & t0) |
          ((masks[m + 1] as number) & t1) |
          ((masks[m + 2] as number) & t2) |
          ((masks[m + 3] as number) & t3) |
          ((masks[m + 4] as number) & t4) |
          ((masks[m + 5] as number) & t5) |
          ((masks[m + 6] as number) & t6) |
          ((masks[m + 7] as number) & t7)
        if (missing === 0 && !visit(items[itemIds[k] as number] as T)) return
      }
    }
  }
  /**
   * passPlain in a store of thousands: first each item's quick word, and of those past the filter, when more
   * than one, only those whose first and last literal the message starts and ends with, and whose middle
   * ones it holds in order (the matcher checks a lone candidate's edges first itself).
   */
  const passLarge = (message: Uint8Array, visit: (item: T) => boolean): void => {
    const { items: itemIds, quick, masks } = flat
    // quickBitsIn and allBitsIn written out over the tokens' filter in a local (as scanQualified: a closure's or
    // a module's binding is checked again at each read)
    const filter = tokens
    const t0 = ~(filter[0] as number)
    const t1 = ~(filter[1] as number)
    const t2 = ~(filter[2] as number)
    const t3 = ~(filter[3] as number)
    const t4 = ~(filter[4] as number)
    const t5 = ~(filter[5] as number)
    const t6 = ~(filter[6] as number)
    const t7 = ~(filter[7] as number)
    let passed = 0
    middleBytesLeft = MIDDLE_SCAN_BYTES
    for (let r = 0; r < reachedCount; r++) {
      const e = reached[r] as number
      const end = starts[e + 1] as number
      for (let k = starts[e] as number; k < end; k++) {
        const q = quick[k] as number
        if (q !== -1) {
          const qa = q >>> 8
          const qb = q & 0xff
          if ((((filter[qa >> 5] as number) >>> (qa & 31)) & ((filter[qb >> 5] as number) >>> (qb & 31)) & 1) === 0)
            continue
        }
        // as passPlain: eight loads of the item's own words, no loop (its loop with an exit at each word was 145
        // instructions an item that passed the quick word)
        const m = k * FILTER_WORDS
        const missing =
          ((masks[m] as number) & t0) |
          ((masks[m + 1] as number) & t1) |
          ((masks[m + 2] as number) & t2) |
          ((masks[m + 3] as number) & t3) |
          ((masks[m + 4] as number) & t4) |
          ((masks[m + 5] as number) & t5) |
          ((masks[m + 6] as number) & t6) |
          ((masks[m + 7] as number) & t7)
        if (missing === 0) passing[passed++] = itemIds[k] as number
      }
    }
    if (passed > 1) {
      // the edges of each, then the middle literals of those left while more than one is (the near-duplicates
      // that pass together mostly differ in their first or last literal, and the template that matches, whose
      // middle literals are searched for through its values, is then the only one left)
      let kept = 0
      for (let i = 0; i < passed; i++)
        if (edgesHold(edges, passing[i] as number, message)) passing[kept++] = passing[i] as number
      if (kept > 1) {
        let held = 0
        for (let i = 0; i < kept; i++)
          if (middleHolds(edges, passing[i] as number, message)) passing[held++] = passing[i] as number
        kept = held
      }
      passed = kept
    }
    for (let i = 0; i < passed; i++) if (!visit(items[passing[i] as number] as T)) return
  }
  return {
    anchors,
    select(message, visit) {
      for (let i = 0; i < unanchored.length; i++) if (!visit(items[unanchored[i] as number] as T)) return
      if (!anyAnchored) return
      if (stamp === 0x7fffffff) stamps.fill(0)
      stamp = stamp === 0x7fffffff ? 1 : stamp + 1
      reachedCount = 0
      for (let i = 0; i < FILTER_WORDS; i++) tokens[i] = 0
      if (large) scanQualified(message)
      else scanPlain(message)
      if (checkEdges) passLarge(message, visit)
      else passPlain(visit)
    },
  }
}

/**
 * Items from which a store's index checks the edges of the items a message reaches (edgesHold). A
 * discovered store of one system has tens to hundreds of templates, few of which pass the word filter
 * together, and there the check cost the template path 1-3% (docs/history/speed-rounds.md, eleventh round).
 */
const EDGE_CHECK_ITEMS = 1000

/**
 * Items from which an item with a first word (firstWordOf) whose rarest word among the items of that first
 * word is whole is filed under that word qualified by its first word (AnchorTable.isQualified): a message's
 * tokens are looked up there together with its first token. In the 5,020-template diverse store of
 * bench/store-scale.ts a line's tokens reached 33 items through words that anchor templates of other first
 * words, 2.7 so (docs/rounds/s34-scale.md). Words beginning or ending a token stay in the plain tables:
 * qualified tables of them too cost the near-duplicate stores 13-25% of their selection, side by side.
 */
const QUALIFIED_ITEMS = EDGE_CHECK_ITEMS

/**
 * Most bytes of a BEGINS (ENDS) anchor looked up in a store of EDGE_CHECK_ITEMS or more: its first (last)
 * so many. A token is probed at every length such anchors with its first (last) byte have, and a store of
 * thousands of near-duplicates has twenty lengths: 21.7 probes and 11.1 look-ups a line in the 5,020
 * near-duplicate store of bench/store-scale.ts, 10.4 and 6.8 keyed by 4 bytes (docs/rounds/s32-match.md).
 * The items a shorter key reaches go through the word filter and the edges check like any other. A key of
 * at most PACKED_BYTES is looked up as one number (AnchorTable.findPacked): the prefix probes were a third of
 * that store's selection, hashed and compared (docs/rounds/s35-scale.md).
 */
const EDGE_ANCHOR_BYTES = PACKED_BYTES

/** The bits of packedLengths for every length up to PACKED_BYTES (a token at least that long is probed at each). */
const PACKED_LENGTHS = (1 << PACKED_BYTES) - 1

/**
 * Items from which each item reached is first tested by the two filter bits of one whole word of its own,
 * the one the fewest items have (AnchorEntry.quick), before its whole filter: in a store of thousands a
 * line reaches tens of items through the words it shares with them (5,020 diverse: 33 a line), and most
 * lack that word. The same stores as EDGE_CHECK_ITEMS: a discovered store's line reaches about one.
 */
const QUICK_WORD_ITEMS = EDGE_CHECK_ITEMS

/**
 * Most bytes the middle literals' search (middleHolds) reads a message, over all its items: past them an item
 * passes on unchecked (the matcher checks it, within its budget). A Loghub line's items read tens (the 5,020
 * near-duplicate store of bench/store-scale.ts: 38 a line); a 129 KB message reaching 20,000 items would
 * otherwise read the message once an item.
 */
const MIDDLE_SCAN_BYTES = 4096

/** What is left of MIDDLE_SCAN_BYTES for the message being selected (select does not re-enter). */
let middleBytesLeft = 0

/** Most bytes of an item's first (last) literal checked against the start (end) of a message that reaches it. */
const EDGE_BYTES = 32

/**
 * The UTF-8 that every message an item matches starts with (`head`) and ends with (`tail`): its first and
 * last literal, up to EDGE_BYTES each; and `middle`, its other literals (those without a surrogate unit),
 * which such a message holds in text order, each after the last with a value between them. In a store of
 * thousands, templates that share all their whole words with a message still pass the word filter (a word
 * swapped for another of the template's: `error child workerEnv in error state`); most differ from the
 * message in their first or last literal, and the near-duplicates of a template that differ in a middle
 * literal by one of the message's words elsewhere (`{0}:{1} is size to blk_{2} size {3}`) lack it in order.
 */
interface ItemEdges {
  readonly head: Uint8Array
  readonly tail: Uint8Array
  readonly middle: readonly Uint8Array[]
  /**
   * The UTF-8 length of the whole first (last) literal, `head` (`tail`) before its cut to EDGE_BYTES (when cut
   * at a surrogate unit, of what is before (after) it): the middle literals are searched between them.
   */
  readonly headBytes: number
  readonly tailBytes: number
}

/**
 * The edges of an item by its literals, in text order (`literals[0]` starts every message it matches, the
 * last one ends it). Cut at a surrogate unit: a lone one in a literal has no UTF-8 of its own to compare.
 */
function edgeBytesOf(literals: readonly string[]): ItemEdges {
  const first = literals[0] ?? ''
  const last = literals.length > 1 ? (literals[literals.length - 1] as string) : ''
  const firstSurrogate = first.search(/[\uD800-\uDFFF]/)
  const head = textToBytes(firstSurrogate === -1 ? first : first.slice(0, firstSurrogate))
  let lastSurrogate = -1
  for (let i = last.length - 1; i >= 0 && lastSurrogate === -1; i--)
    if ((last.charCodeAt(i) & 0xf800) === 0xd800) lastSurrogate = i
  const tail = textToBytes(last.slice(lastSurrogate + 1))
  const middle = literals
    .slice(1, -1)
    .filter((literal) => literal !== '' && !/[\uD800-\uDFFF]/.test(literal))
    .map((literal) => textToBytes(literal))
  return {
    head: head.slice(0, EDGE_BYTES),
    tail: tail.slice(Math.max(0, tail.length - EDGE_BYTES)),
    middle,
    headBytes: head.length,
    tailBytes: tail.length,
  }
}

// An item's numbers in EdgeTable.fields (EDGE_FIELDS each): where its head starts in `bytes` and its length,
// ItemEdges.headBytes; the same of its tail; the number of its first middle literal in `middleStarts` and one
// past its last
const HEAD = 0
const HEAD_LENGTH = 1
const HEAD_BYTES = 2
const TAIL = 3
const TAIL_LENGTH = 4
const TAIL_BYTES = 5
const MIDDLE = 6
const MIDDLE_END = 7
const EDGE_FIELDS = 8

/**
 * The ItemEdges of every item of a store of thousands in three typed arrays: each item's numbers side by side,
 * every head and tail in one byte array, every middle literal in another (literal m is bytes middleStarts[m] to
 * middleStarts[m + 1]). An item's check reads no object: as objects (a head, a tail and a list of middle literals
 * per item, each with a buffer of its own), the items a line passes on were a chain of loads each, spread over
 * the heap of thousands of them.
 */
class EdgeTable {
  readonly fields: Int32Array
  readonly bytes: Uint8Array
  readonly middleStarts: Int32Array
  readonly middleBytes: Uint8Array

  constructor(all: readonly ItemEdges[]) {
    this.fields = new Int32Array(all.length * EDGE_FIELDS)
    let edgeLength = 0
    let middleCount = 0
    let middleLength = 0
    for (const { head, tail, middle } of all) {
      edgeLength += head.length + tail.length
      middleCount += middle.length
      for (const word of middle) middleLength += word.length
    }
    this.bytes = new Uint8Array(edgeLength)
    this.middleStarts = new Int32Array(middleCount + 1)
    this.middleBytes = new Uint8Array(middleLength)
    let at = 0
    let m = 0
    all.forEach(({ head, tail, middle, headBytes, tailBytes }, index) => {
      const f = index * EDGE_FIELDS
      this.bytes.set(head, at)
      this.fields.set([at, head.length, headBytes, at + head.length, tail.length, tailBytes, m, m + middle.length], f)
      this.bytes.set(tail, at + head.length)
      at += head.length + tail.length
      for (const word of middle) {
        this.middleBytes.set(word, this.middleStarts[m] as number)
        this.middleStarts[m + 1] = (this.middleStarts[m] as number) + word.length
        m++
      }
    })
  }
}

/** The edges of a store under EDGE_CHECK_ITEMS: none (shared; a matcher of one template has no typed array more). */
const NO_EDGES = new EdgeTable([])

/**
 * True when the message starts with item `index`'s head and ends with its tail (both apart when one literal is
 * all).
 */
function edgesHold(table: EdgeTable, index: number, message: Uint8Array): boolean {
  const { fields, bytes } = table
  const f = index * EDGE_FIELDS
  const length = message.length
  const headBytes = fields[f + HEAD_BYTES] as number
  const tailBytes = fields[f + TAIL_BYTES] as number
  if (headBytes + tailBytes > length) return false
  const head = fields[f + HEAD] as number
  const headLength = fields[f + HEAD_LENGTH] as number
  for (let i = 0; i < headLength; i++) if (message[i] !== bytes[head + i]) return false
  const tail = fields[f + TAIL] as number
  const tailLength = fields[f + TAIL_LENGTH] as number
  const tailFrom = length - tailLength
  for (let i = 0; i < tailLength; i++) if (message[tailFrom + i] !== bytes[tail + i]) return false
  return true
}

/**
 * True when the message holds item `index`'s middle literals in order between its whole first and last literal
 * (headBytes, tailBytes), each a byte or more after the last (a value is never empty, and its UTF-8 is a byte or
 * more); for an item whose edges hold (edgesHold).
 */
function middleHolds(table: EdgeTable, index: number, message: Uint8Array): boolean {
  const { fields, middleStarts, middleBytes } = table
  const f = index * EDGE_FIELDS
  const middleEnd = fields[f + MIDDLE_END] as number
  const from = message.length - (fields[f + TAIL_BYTES] as number)
  const headBytes = fields[f + HEAD_BYTES] as number
  let at = headBytes + 1
  for (let m = fields[f + MIDDLE] as number; m < middleEnd; m++) {
    const wordStart = middleStarts[m] as number
    const wordLength = (middleStarts[m + 1] as number) - wordStart
    // the search reads up to middleBytesLeft places: past them the item passes on unchecked
    const last = Math.min(from - wordLength, at + middleBytesLeft - 1)
    const found = indexIn(message, middleBytes, wordStart, wordLength, at, last)
    middleBytesLeft -= Math.max(0, (found === -1 ? last + 1 : found + 1) - at)
    if (found === -1) return last < from - wordLength
    at = found + wordLength + 1
  }
  return true
}

/**
 * The first place from `from` to `last` where the word (bytes [start, start + wordLength) of `words`) starts in
 * the message (it fits there), or -1.
 */
function indexIn(
  message: Uint8Array,
  words: Uint8Array,
  start: number,
  wordLength: number,
  from: number,
  last: number,
): number {
  const first = words[start] as number
  for (let at = from; at <= last; at++) {
    if (message[at] !== first) continue
    let i = 1
    while (i < wordLength && message[at + i] === words[start + i]) i++
    if (i === wordLength) return at
  }
  return -1
}
