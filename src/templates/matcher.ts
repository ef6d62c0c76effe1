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
 * - a zero-slot template matches only the message equal to its pattern;
 * - a message with a lone UTF-16 surrogate (not valid Unicode, so never from valid UTF-8) matches nothing.
 */
import { createByteScreen } from './byte-screen.ts'
import type { Compiled } from './literal-compiled.ts'
import { createLiteralIndex } from './literal-index.ts'
import { hasTextAt } from './literal-tokens.ts'
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
  /** False when no template can match the message these UTF-8 bytes encode (its first and last byte rule them all out), so it need not be decoded. */
  mayMatchBytes(bytes: Uint8Array): boolean
}

/** Most candidate splits tried per template and message before giving up. */
const MAX_SEARCH_STEPS = 1000
const LONE_SURROGATE = /\p{Surrogate}/u

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
    if (value === '' || (!codec.acceptsAnyText && !codec.accepts(value))) return false
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
    // the message is well-formed and literals never split a surrogate pair, so any value is text
    if (!codec.acceptsAnyText && !codec.accepts(value)) continue
    values[slot] = value
    if (searchSplit(c, message, k + 1, at + next.length, end, values, budget)) return true
  }
  return false
}

function matchOne(c: Compiled, message: string): string[] | undefined {
  const { literals, textOrder } = c.template
  const prefix = literals[0] as string
  const suffix = literals[textOrder.length] as string
  // hasTextAt, not startsWith/endsWith: every candidate of every message is checked here, and the builtin calls cost more than the compare
  if (message.length < c.minLength || !hasTextAt(message, 0, prefix) || !hasTextAt(message, message.length - suffix.length, suffix)) return undefined
  if (textOrder.length === 0) return message.length === prefix.length ? [] : undefined
  const values: string[] = new Array<string>(textOrder.length)
  return searchSplit(c, message, 0, prefix.length, message.length - suffix.length, values, { steps: MAX_SEARCH_STEPS }) ? values : undefined
}

/** Every template of the store that matches the message, ascending id, checked one by one without the index: the reference the index is tested against. */
export function matchWithoutIndex(store: TemplateStore, message: string): TemplateMatch[] {
  if (LONE_SURROGATE.test(message)) return []
  return store.templates.flatMap((template) => {
    const values = matchOne(compile(template), message)
    return values === undefined ? [] : [{ template, values }]
  })
}

/** Builds the literal-text index of a store (see the file comment for the rules and the index). */
export function createMatcher(store: TemplateStore): TemplateMatcher {
  const index = createLiteralIndex(store.templates.map(compile))
  const screen = createByteScreen(store.templates)
  return {
    store,
    match(message) {
      const matches: TemplateMatch[] = []
      if (LONE_SURROGATE.test(message)) return matches
      for (const c of index.select(message)) {
        const values = matchOne(c, message)
        if (values !== undefined) matches.push({ template: c.template, values })
      }
      return matches.length > 1 ? matches.sort((a, b) => a.template.id - b.template.id) : matches
    },
    candidates: (message) => index.select(message).map((c) => c.template),
    mayMatchBytes: screen,
  }
}
