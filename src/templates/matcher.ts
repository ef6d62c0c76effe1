/**
 * Finds every template of a store that matches a message, through an index over literal text so
 * the cost follows the message, not the number of templates.
 *
 * Matching rules:
 * - a message matches when it is exactly literal0 value literal1 value ... literalN, every value
 *   non-empty (any text, line breaks included) and accepted by its slot's type;
 * - when several splits exist (`Error {0}: {1}` on `Error a: b: c`), each slot in text order takes
 *   the shortest value for which the rest still matches (leftmost-shortest, with backtracking);
 *   the search gives up after MAX_SEARCH_STEPS candidate splits per template (no match, deterministic);
 * - a zero-slot template matches only the message equal to its pattern.
 *
 * Index, Steps:
 * 1. zero-slot templates: a map from pattern to templates;
 * 2. templates whose pattern starts with literal text: a character trie of that prefix, walked along
 *    the message (every node passed holds templates whose prefix the message starts with);
 * 3. templates starting with a placeholder but ending with literal text: a trie of the reversed suffix;
 * 4. templates with a placeholder at both ends: keyed by the first 1-3 characters of their longest
 *    literal, looked up for every position of the message;
 * 5. each candidate is checked in full (suffix, then the split search); matches come in id order.
 */
import { slotCodecsOf, type SlotCodec } from './slot-codecs.ts'
import type { Template, TemplateStore } from './store-types.ts'

/** One template matching a message, with the slot values indexed by placeholder number. */
export interface TemplateMatch {
  readonly template: Template
  readonly values: string[]
}

/** Matches messages against one store. */
export interface TemplateMatcher {
  readonly store: TemplateStore
  /** Every template matching the message, ascending id. */
  match(message: string): TemplateMatch[]
  /** The templates the index selects before the full check (diagnostics, and tests of the index). */
  candidates(message: string): Template[]
}

/** Most candidate splits tried per template and message before giving up. */
const MAX_SEARCH_STEPS = 1000

interface Compiled {
  readonly template: Template
  readonly codecs: readonly SlotCodec[]
  /** shortest message this template can match, in UTF-16 units */
  readonly minLength: number
}

interface TrieNode {
  readonly children: Map<number, TrieNode>
  readonly items: Compiled[]
}

const newNode = (): TrieNode => ({ children: new Map(), items: [] })

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

function compile(template: Template): Compiled {
  const literalLength = template.literals.reduce((sum, literal) => sum + literal.length, 0)
  return { template, codecs: slotCodecsOf(template), minLength: literalLength + template.slots.length }
}

/** Searches the split of slot `k` onwards (text order) starting at `position`; fills `values`. */
function searchSplit(c: Compiled, message: string, k: number, position: number, end: number, values: string[], budget: { steps: number }): boolean {
  const { literals, textOrder } = c.template
  const slot = textOrder[k] as number
  const codec = c.codecs[slot] as SlotCodec
  if (k === textOrder.length - 1) {
    const value = message.slice(position, end)
    if (value === '' || !codec.accepts(value)) return false
    values[slot] = value
    return true
  }
  const next = literals[k + 1] as string
  let latest = end - next.length
  for (let j = k + 2; j < textOrder.length; j++) latest -= 1 + (literals[j] as string).length
  latest -= 1
  for (let at = message.indexOf(next, position + 1); at !== -1 && at <= latest; at = message.indexOf(next, at + 1)) {
    if (--budget.steps < 0) return false
    const value = message.slice(position, at)
    if (!codec.accepts(value)) continue
    values[slot] = value
    if (searchSplit(c, message, k + 1, at + next.length, end, values, budget)) return true
  }
  return false
}

function matchOne(c: Compiled, message: string): string[] | undefined {
  const { literals, textOrder } = c.template
  const prefix = literals[0] as string
  const suffix = literals[textOrder.length] as string
  if (message.length < c.minLength || !message.startsWith(prefix) || !message.endsWith(suffix)) return undefined
  if (textOrder.length === 0) return message.length === prefix.length ? [] : undefined
  const values: string[] = new Array<string>(textOrder.length)
  return searchSplit(c, message, 0, prefix.length, message.length - suffix.length, values, { steps: MAX_SEARCH_STEPS }) ? values : undefined
}

/** Builds the literal-text index of a store (see the file comment for the rules and the index). */
export function createMatcher(store: TemplateStore): TemplateMatcher {
  const exact = new Map<string, Compiled[]>()
  const prefixes = newNode()
  const suffixes = newNode()
  const grams = [new Map<number, Compiled[]>(), new Map<number, Compiled[]>(), new Map<number, Compiled[]>()]
  for (const template of store.templates) {
    const c = compile(template)
    const { literals, textOrder } = template
    const first = literals[0] as string
    const last = literals[textOrder.length] as string
    if (textOrder.length === 0) exact.set(first, [...(exact.get(first) ?? []), c])
    else if (first !== '') insert(prefixes, first, false, c)
    else if (last !== '') insert(suffixes, last, true, c)
    else {
      const longest = literals.reduce((a, b) => (b.length > a.length ? b : a))
      const length = Math.min(3, longest.length)
      const map = grams[length - 1] as Map<number, Compiled[]>
      const key = gramKey(longest, 0, length)
      map.set(key, [...(map.get(key) ?? []), c])
    }
  }
  const select = (message: string): Compiled[] => {
    const out: Compiled[] = [...(exact.get(message) ?? [])]
    walk(prefixes, message, false, out)
    walk(suffixes, message, true, out)
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
    return out
  }
  return {
    store,
    match(message) {
      const matches: TemplateMatch[] = []
      for (const c of select(message)) {
        const values = matchOne(c, message)
        if (values !== undefined) matches.push({ template: c.template, values })
      }
      return matches.sort((a, b) => a.template.id - b.template.id)
    },
    candidates: (message) => select(message).map((c) => c.template),
  }
}
