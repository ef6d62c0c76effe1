/**
 * Features of one kind filed by their head: their first HEAD_UNITS code units as read (a `token-end`
 * or `message-end` feature is read backwards, from its last unit), in an open-addressing table of
 * head hashes. A token is looked up with at most HEAD_UNITS probes per kind (its first 1, 2 and 3
 * units for a token start, its head and length for a whole word); a hit is compared in full. A head shared by
 * many features keeps them in a character trie, so a probe never reads more than the token.
 */

import { hasTextAt } from './literal-tokens.ts'

/** Code units of a feature's head. */
const HEAD_UNITS = 3
/** Slots of a table per head it holds, at least: most probes of an absent head end at the first slot. */
const SLOTS_PER_HEAD = 4
const EMPTY = -1

/** Hash of a head one code unit longer than the head hashed `hash`. */
const extend = (hash: number, code: number): number => (Math.imul(hash, 31) + code + 1) | 0
/** Key of a whole word: its head's hash and its length, so words of one head but other lengths are not compared. */
const wordKey = (hash: number, units: number): number => (Math.imul(hash, 0x2c1b3c6d) ^ units) | 0

/** A feature's text and id. */
export interface Keyed {
  readonly text: string
  readonly id: number
}

/** Most features one head holds in a list; more go in a character trie, so a probe never reads more than the token. */
const LIST_MAX_FEATURES = 8
const NO_ID = -1

/** A character trie of the features sharing a head hash (from their first unit as read): `id` is the feature ending at a node. */
interface CharTrie {
  readonly children: Map<number, CharTrie>
  id: number
}

/** Features sharing a head hash: in a list, or in a trie when there are many. */
type HeadEntry = { readonly list: readonly Keyed[]; readonly trie: undefined } | { readonly list: undefined; readonly trie: CharTrie }

function headEntry(features: readonly Keyed[], backwards: boolean): HeadEntry {
  if (features.length <= LIST_MAX_FEATURES) return { list: features, trie: undefined }
  const trie: CharTrie = { children: new Map(), id: NO_ID }
  for (const { text, id } of features) {
    let node = trie
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(backwards ? text.length - 1 - i : i)
      let child = node.children.get(code)
      if (child === undefined) node.children.set(code, (child = { children: new Map(), id: NO_ID }))
      node = child
    }
    node.id = id
  }
  return { list: undefined, trie }
}

/** Features of one kind by the hash of their head. */
export interface HeadSet {
  /** true when features are read backwards (from their last unit) */
  readonly backwards: boolean
  /** bit n - 1 is set when some feature has a head of n units */
  readonly headLengths: number
  /** 1 at each ASCII code unit some head starts with (as read), 1 at 0 when some head starts with another unit */
  readonly firstUnits: Uint8Array
  /** open addressing: slot i holds the head hash `hashes[i]` and the features `heads[entries[i]]`, or EMPTY */
  readonly hashes: Int32Array
  readonly entries: Int32Array
  readonly heads: readonly HeadEntry[]
  /** the table has 2^(32 - shift) slots */
  readonly shift: number
}

const slotOf = (hash: number, shift: number): number => Math.imul(hash, 0x9e3779b1) >>> shift

/** Hash of the head of `text` (read backwards when `backwards`; with its length when `whole`) and the head's length in units. */
function headOf(text: string, backwards: boolean, whole: boolean): [hash: number, units: number] {
  let hash = 0
  const units = Math.min(HEAD_UNITS, text.length)
  for (let i = 0; i < units; i++) hash = extend(hash, text.charCodeAt(backwards ? text.length - 1 - i : i))
  return [whole ? wordKey(hash, text.length) : hash, units]
}

/** The table of `features`, read backwards when `backwards`; when `whole`, of whole words, filed by head and length. */
export function createHeadSet(features: readonly Keyed[], backwards: boolean, whole = false): HeadSet {
  const byHead = new Map<number, Keyed[]>()
  const firstUnits = new Uint8Array(0x80)
  let headLengths = 0
  for (const feature of features) {
    const [hash, units] = headOf(feature.text, backwards, whole)
    const list = byHead.get(hash)
    if (list === undefined) byHead.set(hash, [feature])
    else list.push(feature)
    headLengths |= 1 << (units - 1)
    const first = feature.text.charCodeAt(backwards ? feature.text.length - 1 : 0)
    firstUnits[first < 0x80 ? first : 0] = 1
  }
  const bits = Math.max(4, Math.ceil(Math.log2(byHead.size * SLOTS_PER_HEAD)))
  const [hashes, entries] = [new Int32Array(1 << bits), new Int32Array(1 << bits).fill(EMPTY)]
  const heads = [...byHead.values()].map((list) => headEntry(list, backwards))
  ;[...byHead.keys()].forEach((hash, index) => {
    let slot = slotOf(hash, 32 - bits)
    while (entries[slot] !== EMPTY) slot = (slot + 1) & ((1 << bits) - 1)
    hashes[slot] = hash
    entries[slot] = index
  })
  return { backwards, headLengths, firstUnits, hashes, entries, heads, shift: 32 - bits }
}

/** The features of `set` whose head hashes to `hash`, or undefined. */
function featuresAt(set: HeadSet, hash: number): HeadEntry | undefined {
  const mask = set.entries.length - 1
  for (let slot = slotOf(hash, set.shift); ; slot = (slot + 1) & mask) {
    const entry = set.entries[slot] as number
    if (entry === EMPTY) return undefined
    if (set.hashes[slot] === hash) return set.heads[entry]
  }
}

/** Marks the features of `trie` that begin `message[start, end)` (end it, when read backwards), or, when `whole`, are all of it. */
function walkTrie(trie: CharTrie, backwards: boolean, message: string, start: number, end: number, whole: boolean, mark: (id: number) => void): void {
  let node: CharTrie | undefined = trie
  for (let i = 0; i < end - start; i++) {
    node = node.children.get(message.charCodeAt(backwards ? end - 1 - i : start + i))
    if (node === undefined) return
    if (!whole && node.id !== NO_ID) mark(node.id)
  }
  if (whole && node.id !== NO_ID) mark(node.id)
}

/**
 * Marks the features of `set` filed under head hash `hash` (a head of `i + 1` units) that begin
 * `message[start, end)` (end it, when read backwards), or, when `whole`, that are all of it.
 */
function matchHead(set: HeadSet, hash: number, i: number, message: string, start: number, end: number, whole: boolean, mark: (id: number) => void): void {
  const head = featuresAt(set, hash)
  if (head === undefined) return
  if (head.trie !== undefined) {
    walkTrie(head.trie, set.backwards, message, start, end, whole, mark)
    return
  }
  const list = head.list
  const length = end - start
  for (let k = 0; k < list.length; k++) {
    const feature = list[k] as Keyed
    const size = feature.text.length
    // a head shorter than HEAD_UNITS is a whole feature: only features of that length are filed under it
    const fits = whole ? size === length : size <= length && (i === HEAD_UNITS - 1 || size === i + 1)
    if (fits && hasTextAt(message, set.backwards ? end - size : start, feature.text)) mark(feature.id)
  }
}

/** Marks the features of a backwards `set` that end `message[start, end)`. */
export function probeBackwards(set: HeadSet, message: string, start: number, end: number, mark: (id: number) => void): void {
  if (end === start) return
  const last = message.charCodeAt(end - 1)
  if (set.firstUnits[last < 0x80 ? last : 0] === 0) return
  const units = Math.min(HEAD_UNITS, end - start)
  let hash = 0
  for (let i = 0; i < units; i++) {
    hash = extend(hash, message.charCodeAt(end - 1 - i))
    if (((set.headLengths >>> i) & 1) === 1) matchHead(set, hash, i, message, start, end, false, mark)
  }
}

/** Marks the features of token `message[start, end)`: whole words when `words` (a `whole` set) is given, token starts when `starts` is. */
export function probeForwards(words: HeadSet | undefined, starts: HeadSet | undefined, message: string, start: number, end: number, mark: (id: number) => void): void {
  const first = message.charCodeAt(start)
  const slot = first < 0x80 ? first : 0
  const byWord = words !== undefined && words.firstUnits[slot] === 1
  const byStart = starts !== undefined && starts.firstUnits[slot] === 1
  if (!byWord && !byStart) return
  const units = Math.min(HEAD_UNITS, end - start)
  let hash = 0
  // one hash of the token's head serves both kinds
  for (let i = 0; i < units; i++) {
    hash = extend(hash, message.charCodeAt(start + i))
    if (byStart && (((starts as HeadSet).headLengths >>> i) & 1) === 1) matchHead(starts as HeadSet, hash, i, message, start, end, false, mark)
    if (byWord && i === units - 1 && (((words as HeadSet).headLengths >>> i) & 1) === 1) matchHead(words as HeadSet, wordKey(hash, end - start), i, message, start, end, true, mark)
  }
}
