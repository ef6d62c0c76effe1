/**
 * The matcher's index over literal text: picks, for a message, the few templates that can match it.
 * Each template sits in exactly one place, so a message's cost follows its length and the templates
 * sharing its literal text, not the size of the store.
 *
 * Steps:
 * 1. zero-slot templates: a map from pattern to template;
 * 2. templates whose pattern starts with literal text: a character trie of that prefix, walked along
 *    the message (every node passed holds templates whose prefix the message starts with);
 * 3. templates starting with a placeholder but ending with literal text: a trie of the reversed suffix;
 * 4. templates with a placeholder at both ends: by the longest whole word inside a literal (bounded by
 *    non-word characters of that literal, so it is a whole token of every matching message), looked up
 *    for each token of the message; a template without such a word goes by the first 1-3 characters
 *    of its longest literal, looked up at every position of the message.
 */
import type { SlotCodec } from './slot-codecs.ts'
import type { Template } from './store-types.ts'

/** A template ready to match: its codecs and the shortest message it can match (UTF-16 units). */
export interface Compiled {
  readonly template: Template
  readonly codecs: readonly SlotCodec[]
  readonly minLength: number
}

/** Candidate selection for messages. */
export interface LiteralIndex {
  /** Templates that may match the message (each at most once, in no particular order). */
  select(message: string): Compiled[]
}

interface TrieNode {
  readonly children: Map<number, TrieNode>
  readonly items: Compiled[]
}

const newNode = (): TrieNode => ({ children: new Map(), items: [] })
const BOUNDED_WORD = /(?<=[^\p{L}\p{N}_])[\p{L}\p{N}_]+(?=[^\p{L}\p{N}_])/gu
const WORD_CHAR = /^[\p{L}\p{N}_]$/u
/** 1 for the ASCII word characters (letters, digits, `_`), 0 for the others. */
const ASCII_WORD_UNITS = Uint8Array.from({ length: 128 }, (_, code) => (WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 0))

function insert(root: TrieNode, key: string, reversed: boolean, item: Compiled): void {
  let node = root
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(reversed ? key.length - 1 - i : i)
    let child = node.children.get(code)
    if (child === undefined) node.children.set(code, (child = newNode()))
    node = child
  }
  node.items.push(item)
}

function walk(root: TrieNode, message: string, reversed: boolean, out: Compiled[]): void {
  let node: TrieNode | undefined = root
  for (let i = 0; i < message.length; i++) {
    node = node.children.get(message.charCodeAt(reversed ? message.length - 1 - i : i))
    if (node === undefined) return
    for (const item of node.items) out.push(item)
  }
}

/** Numeric key of 1-3 UTF-16 units starting at `at` (the length is implied by the map it goes in). */
function gramKey(text: string, at: number, length: number): number {
  let key = 0
  for (let i = 0; i < length; i++) key = key * 65_536 + text.charCodeAt(at + i)
  return key
}

function push<K>(map: Map<K, Compiled[]>, key: K, item: Compiled): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [item])
  else list.push(item)
}

/** The longest whole word inside any literal of a template, or undefined. */
function boundedWord(literals: readonly string[]): string | undefined {
  let best: string | undefined
  for (const literal of literals) for (const [word] of literal.matchAll(BOUNDED_WORD)) if (best === undefined || word.length > best.length) best = word
  return best
}

/** Indexed words, with the lengths and first characters they have: most tokens of a message are ruled out without a lookup. */
interface WordIndex {
  readonly byWord: Map<string, Compiled[]>
  readonly lengths: Set<number>
  readonly firstCodes: Set<number>
}

/** Code units of the word character (letter, digit, `_`) at `at`, or 0 when it is none; ASCII without a regex. */
function wordCharUnits(message: string, at: number): number {
  const code = message.charCodeAt(at)
  if (code < 0x80) return ASCII_WORD_UNITS[code] as number
  if (at >= message.length) return 0
  const point = message.codePointAt(at) as number
  return WORD_CHAR.test(String.fromCodePoint(point)) ? (point > 0xffff ? 2 : 1) : 0
}

function selectByWords(words: WordIndex, message: string, out: Compiled[]): void {
  let found: string[] | undefined
  let at = 0
  while (at < message.length) {
    let units = wordCharUnits(message, at)
    if (units === 0) {
      at += 1
      continue
    }
    const start = at
    while (units > 0) units = wordCharUnits(message, (at += units))
    // each maximal run of word characters is a token, as splitting on non-word runs gives
    if (!words.lengths.has(at - start) || !words.firstCodes.has(message.charCodeAt(start))) continue
    const token = message.slice(start, at)
    const items = words.byWord.get(token)
    if (items === undefined || found?.includes(token) === true) continue
    ;(found ??= []).push(token)
    for (const item of items) out.push(item)
  }
}

function selectByGrams(grams: readonly Map<number, Compiled[]>[], message: string, out: Compiled[]): void {
  grams.forEach((map, index) => {
    if (map.size === 0) return
    const seen = new Set<number>()
    for (let at = 0; at + index < message.length; at++) {
      const key = gramKey(message, at, index + 1)
      if (seen.has(key)) continue
      seen.add(key)
      for (const item of map.get(key) ?? []) out.push(item)
    }
  })
}

/** Builds the index (see the file comment). */
export function createLiteralIndex(templates: readonly Compiled[]): LiteralIndex {
  const exact = new Map<string, Compiled[]>()
  const prefixes = newNode()
  const suffixes = newNode()
  const words: WordIndex = { byWord: new Map(), lengths: new Set(), firstCodes: new Set() }
  const grams = [new Map<number, Compiled[]>(), new Map<number, Compiled[]>(), new Map<number, Compiled[]>()]
  for (const c of templates) {
    const { literals, textOrder } = c.template
    const first = literals[0] as string
    const last = literals[textOrder.length] as string
    const word = first === '' && last === '' ? boundedWord(literals) : undefined
    if (textOrder.length === 0) push(exact, first, c)
    else if (first !== '') insert(prefixes, first, false, c)
    else if (last !== '') insert(suffixes, last, true, c)
    else if (word !== undefined) {
      push(words.byWord, word, c)
      words.lengths.add(word.length)
      words.firstCodes.add(word.charCodeAt(0))
    }
    else {
      const longest = literals.reduce((a, b) => (b.length > a.length ? b : a))
      const length = Math.min(3, longest.length)
      push(grams[length - 1] as Map<number, Compiled[]>, gramKey(longest, 0, length), c)
    }
  }
  const hasGrams = grams.some((map) => map.size > 0)
  return {
    select(message) {
      const exactItems = exact.get(message)
      const out: Compiled[] = exactItems === undefined ? [] : [...exactItems]
      if (prefixes.children.size > 0) walk(prefixes, message, false, out)
      if (suffixes.children.size > 0) walk(suffixes, message, true, out)
      if (words.byWord.size > 0) selectByWords(words, message, out)
      if (hasGrams) selectByGrams(grams, message, out)
      return out
    },
  }
}
