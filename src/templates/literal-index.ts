/**
 * The matcher's index over literal text: picks, for a message, the few templates that can match it.
 * Each template sits in exactly one place, so a message's cost follows its length and the templates
 * sharing its literal text, not the size of the store.
 *
 * Steps:
 * 1. zero-slot templates: a map from pattern to template;
 * 2. templates whose pattern starts with literal text: a trie of that prefix (runs of characters
 *    without a branch on one edge), walked along the message (every node passed holds templates
 *    whose prefix the message starts with);
 * 3. templates starting with a placeholder but ending with literal text: a trie of the reversed suffix;
 * 4. templates with a placeholder at both ends: by the longest whole word inside a literal (bounded by
 *    non-word characters of that literal, so it is a whole token of every matching message), looked up
 *    for each token of the message; a template without such a word goes by the first 1-3 characters
 *    of its longest literal, looked up at every position of the message;
 * 5. where many templates share one key of steps 2-4 (variants of one text that differ in another
 *    literal), that key's bucket is split by the other text those templates need: whole words, words
 *    that begin or end a token, the message's end (literal-features.ts, literal-buckets.ts), found in
 *    the message once by literal-scanner.ts; a message reaches only the variants whose text it has;
 *    the buckets of step 4 are also filtered by the other words the scanner looks for anyway.
 */
import type { Compiled } from './literal-compiled.ts'
import { collectSplitFeatures, createBucket, selectBucket, type Bucket, type BucketEntry } from './literal-buckets.ts'
import { boundedWords, createFeatureTable, KIND_BITS, literalFeatures, type Feature, type FeatureTable } from './literal-features.ts'
import { createFeatureScanner, type FeatureScanner } from './literal-scanner.ts'
import { hasTextAt } from './literal-tokens.ts'

/** Candidate selection for messages. */
export interface LiteralIndex {
  /** Templates that may match the message (each at most once, in no particular order). */
  select(message: string): Compiled[]
}

/** A node of the character trie the keys are first inserted in (one character per node). */
interface CharNode {
  readonly children: Map<number, CharNode>
  readonly entries: BucketEntry[]
}

/** A node of the compressed trie that is walked: `edge` is the text from its parent, as it reads in the message. */
interface TrieNode {
  readonly edge: string
  readonly children: ReadonlyMap<number, TrieNode>
  /** the children again, by the first unit of their edge: read in a loop when there are few, cheaper than the map */
  readonly codes: number[]
  readonly nodes: TrieNode[]
  readonly bucket: Bucket | undefined
}

/** Children of a node up to which a loop over their first units is cheaper than a map lookup. */
const LOOP_MAX_CHILDREN = 8

function childOf(node: TrieNode, code: number): TrieNode | undefined {
  const codes = node.codes
  if (codes.length > LOOP_MAX_CHILDREN) return node.children.get(code)
  for (let i = 0; i < codes.length; i++) if (codes[i] === code) return node.nodes[i]
  return undefined
}

const newCharNode = (): CharNode => ({ children: new Map(), entries: [] })

function insert(root: CharNode, key: string, reversed: boolean, entry: BucketEntry): void {
  let node = root
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(reversed ? key.length - 1 - i : i)
    let child = node.children.get(code)
    if (child === undefined) node.children.set(code, (child = newCharNode()))
    node = child
  }
  node.entries.push(entry)
}

/**
 * The compressed trie of `root`: chains of single-child nodes without templates become one edge, so a
 * walk takes a few map lookups and string compares, not one lookup per character. Adds the features
 * its buckets split by to `used`. Iterative (a stack of nodes to do), so long keys cannot overflow the call stack.
 */
function compress(root: CharNode, reversed: boolean, used: Set<number>, kindOf: (feature: number) => number): TrieNode {
  const top: TrieNode = { edge: '', children: new Map(), codes: [], nodes: [], bucket: undefined }
  const todo: [CharNode, TrieNode][] = [[root, top]]
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    const [node, into] = next
    for (const [code, child] of node.children) {
      let [edge, end] = [String.fromCharCode(code), child]
      while (end.entries.length === 0 && end.children.size === 1) {
        const [nextCode, only] = end.children.entries().next().value as [number, CharNode]
        edge = reversed ? String.fromCharCode(nextCode) + edge : edge + String.fromCharCode(nextCode)
        end = only
      }
      const bucket = end.entries.length > 0 ? createBucket(end.entries, kindOf) : undefined
      if (bucket !== undefined) collectSplitFeatures(bucket, used)
      const compressed: TrieNode = { edge, children: new Map(), codes: [], nodes: [], bucket }
      ;(into.children as Map<number, TrieNode>).set(code, compressed)
      into.codes.push(code)
      into.nodes.push(compressed)
      todo.push([end, compressed])
    }
  }
  return top
}

function walk(root: TrieNode, message: string, reversed: boolean, scanner: FeatureScanner, out: Compiled[]): void {
  let node = root
  // units of the message matched so far, from its start (or its end when reversed)
  let depth = 0
  while (depth < message.length) {
    const child = childOf(node, message.charCodeAt(reversed ? message.length - 1 - depth : depth))
    if (child === undefined) return
    const at = reversed ? message.length - depth - child.edge.length : depth
    if (!hasTextAt(message, at, child.edge)) return
    depth += child.edge.length
    // a prefix bucket's other features lie after the prefix; a suffix bucket's anywhere before it
    if (child.bucket !== undefined) selectBucket(child.bucket, message, reversed ? 0 : depth, scanner, out)
    node = child
  }
}

/** Numeric key of 1-3 UTF-16 units starting at `at` (the length is implied by the map it goes in). */
function gramKey(text: string, at: number, length: number): number {
  let key = 0
  for (let i = 0; i < length; i++) key = key * 65_536 + text.charCodeAt(at + i)
  return key
}

function push<K, V>(map: Map<K, V[]>, key: K, item: V): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [item])
  else list.push(item)
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

/** Buckets of templates filed under a whole word (step 4), at the word's feature id (an array: every feature found is looked up). */
function selectByWords(buckets: readonly (Bucket | undefined)[], message: string, scanner: FeatureScanner, out: Compiled[]): void {
  scanner.scanWords(message, 0)
  // every word is found by now: a bucket's split may find more features, but no more words
  const { present, presentCount } = scanner
  for (let i = 0; i < presentCount; i++) {
    const bucket = buckets[present[i] as number]
    if (bucket !== undefined) selectBucket(bucket, message, 0, scanner, out)
  }
}

/** Ids of the features of literals `from` to `to` (inclusive) of a template (see literal-features.ts), but the `word` feature `skipWord`. */
function featuresOf(table: FeatureTable, literals: readonly string[], from: number, to: number, skipWord?: string): number[] {
  const ids = new Set<number>()
  for (let k = from; k <= to; k++) for (const feature of literalFeatures(literals, k)) if (feature.kind !== 'word' || feature.text !== skipWord) ids.add(table.idOf(feature))
  return [...ids]
}

/** The longest whole word inside any literal of a template, or undefined. */
function longestWord(literals: readonly string[]): string | undefined {
  let best: string | undefined
  for (const literal of literals) for (const word of boundedWords(literal)) if (best === undefined || word.length > best.length) best = word
  return best
}

/** The templates of a store filed by their key (steps 1-4), each with the ids of the other features it needs; `table` numbers those features. */
interface Filed {
  readonly exact: Map<string, Compiled[]>
  readonly prefixChars: CharNode
  readonly suffixChars: CharNode
  readonly wordEntries: Map<number, BucketEntry[]>
  /** by the first 1, 2 or 3 units of a template's longest literal (gramKey), at index length - 1 */
  readonly grams: readonly Map<number, Compiled[]>[]
}

function fileTemplates(templates: readonly Compiled[], table: FeatureTable): Filed {
  const filed: Filed = { exact: new Map(), prefixChars: newCharNode(), suffixChars: newCharNode(), wordEntries: new Map(), grams: [new Map(), new Map(), new Map()] }
  for (const c of templates) {
    const { literals, textOrder } = c.template
    const first = literals[0] as string
    const last = literals[textOrder.length] as string
    const word = first === '' && last === '' ? longestWord(literals) : undefined
    // the key's own literal is shared by the whole bucket: only the other literals can tell its templates apart
    if (textOrder.length === 0) push(filed.exact, first, c)
    else if (first !== '') insert(filed.prefixChars, first, false, { compiled: c, features: featuresOf(table, literals, 1, textOrder.length) })
    else if (last !== '') insert(filed.suffixChars, last, true, { compiled: c, features: featuresOf(table, literals, 0, textOrder.length - 1) })
    else if (word !== undefined) push(filed.wordEntries, table.idOf({ kind: 'word', text: word }), { compiled: c, features: featuresOf(table, literals, 0, textOrder.length, word) })
    else {
      const longest = literals.reduce((a, b) => (b.length > a.length ? b : a))
      const length = Math.min(3, longest.length)
      push(filed.grams[length - 1] as Map<number, Compiled[]>, gramKey(longest, 0, length), c)
    }
  }
  return filed
}

/** Builds the index (see the file comment). */
export function createLiteralIndex(templates: readonly Compiled[]): LiteralIndex {
  const table = createFeatureTable()
  const { exact, prefixChars, suffixChars, wordEntries, grams } = fileTemplates(templates, table)
  // the scanner looks only for the words of step 4 and the features some bucket splits by
  const used = new Set(wordEntries.keys())
  const kindOf = (feature: number): number => KIND_BITS[(table.features[feature] as Feature).kind]
  const prefixes = compress(prefixChars, false, used, kindOf)
  const suffixes = compress(suffixChars, true, used, kindOf)
  // the whole message is scanned for the words the scanner looks for before these buckets are reached: one of them is a free filter
  const scanned = (feature: number): boolean => kindOf(feature) === KIND_BITS.word && used.has(feature)
  const words = new Array<Bucket | undefined>(table.features.length).fill(undefined)
  for (const [id, entries] of wordEntries) collectSplitFeatures((words[id] = createBucket(entries, kindOf, scanned)), used)
  const scanner = createFeatureScanner(table.features, used)
  const hasGrams = grams.some((map) => map.size > 0)
  return {
    select(message) {
      scanner.reset()
      // a map lookup hashes the whole message: only when the store has zero-slot templates
      const exactItems = exact.size > 0 ? exact.get(message) : undefined
      const out: Compiled[] = exactItems === undefined ? [] : [...exactItems]
      if (prefixes.children.size > 0) walk(prefixes, message, false, scanner, out)
      if (suffixes.children.size > 0) walk(suffixes, message, true, scanner, out)
      if (wordEntries.size > 0) selectByWords(words, message, scanner, out)
      if (hasGrams) selectByGrams(grams, message, out)
      return out
    },
  }
}
