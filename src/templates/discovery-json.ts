/**
 * JSON-aware discovery (issue 12): a message that is a JSON object or array is drafted from its key
 * structure, not from words. Its scalar values (the text inside a string's quotes, or a number,
 * `true`, `false`, `null`) are value positions; everything else (braces, keys, quotes, commas,
 * whitespace exactly as written) is the structure. Messages with the same structure (the same keys
 * in the same order, the same array lengths, the same value kinds and spacing) are one event, and
 * their template keeps the structure as literal text with one typed slot per value position, except
 * a value every message of a large enough group shares (`"object":"chat.completion.chunk"`), which
 * stays literal. A structure seen once gets no template: it says nothing about the next message. Nor
 * does one whose template would cost more store than its training messages pay for
 * (STORE_BYTES_PER_MESSAGE): its messages go to the fallback.
 * Within a value, runs are aligned and shared affixes kept literal as for a word column
 * (discovery-pattern.ts: `chatcmpl-{0}`).
 */
import { type ClusterMember, splitIntoEvents } from './discovery-cluster.ts'
import { MemberPool } from './discovery-members.ts'
import { draftFromColumns, type DraftTemplate, type WholeColumn } from './discovery-pattern.ts'
import { ENUM_LIST_BYTES_PER_MESSAGE } from './discovery-slots.ts'
import { DEFAULT_MAX_SPLIT_WORDS } from './discovery-cluster.ts'
import { type TokenRole, tokenRoles, tokenizeMessage } from './discovery-tokens.ts'
import { scanJson } from './json-spans.ts'
import { cutFamilies, cutSpans, type CutCandidate } from './discovery-json-cut.ts'

/** Fewest messages of a structure that make a value they all share literal text (fewer: every value is a slot). */
export const MIN_LITERAL_SUPPORT = 8

/** A JSON message and its value spans (flat: start and end of value k at 2k and 2k + 1). */
export interface JsonMessage {
  readonly index: number
  readonly text: string
  readonly spans: Int32Array
}

/** The structure of a JSON message: its text with every value cut out. */
function jsonStructure(message: JsonMessage): string {
  const { text, spans } = message
  let key = ''
  let cursor = 0
  for (let k = 0; k < spans.length; k += 2) {
    key += `${text.slice(cursor, spans[k])}\u0000`
    cursor = spans[k + 1] as number
  }
  return key + text.slice(cursor)
}

/**
 * The template of messages sharing one structure: the structure as literal text, the values as slots.
 * A string position where some message has `""` takes the quotes into its slot (a slot value is never empty).
 * `allSlots`: every value a slot, the fallback for messages whose shared values differ (another model name).
 */
export function draftJsonTemplate(members: readonly JsonMessage[], allSlots = false): DraftTemplate {
  let known = drafted.get(members)
  // the same members drafted with every value a slot, when no value was literal: the same draft
  if (allSlots && known?.allSlotted !== undefined) return known.allSlotted
  const first = members[0] as JsonMessage
  const count = first.spans.length / 2
  if (known === undefined) {
    // a position is widened to its quotes where some message has "" there, or where some message has a string and
    // another a number, true, false or null (a cut family's, discovery-json-cut.ts)
    const widened = Array.from({ length: count }, (_v, k) => {
      const quotes = members.map((m) => quoted(m, k))
      return members.some((m) => m.spans[2 * k] === m.spans[2 * k + 1]) || quotes.some((q) => q !== quotes[0])
    })
    const positions = widened.map((wide, k) =>
      members.map((m) => {
        const q = wide && quoted(m, k) ? 1 : 0
        return m.text.slice((m.spans[2 * k] as number) - q, (m.spans[2 * k + 1] as number) + q)
      }),
    )
    known = { widened, positions, allSlotted: undefined }
    drafted.set(members, known)
  }
  const { widened, positions } = known
  const slotted = positions.map(
    (values) => allSlots || members.length < MIN_LITERAL_SUPPORT || values.some((v) => v !== values[0]),
  )
  const parts: (string | readonly string[] | WholeColumn)[] = []
  let cursor = 0
  for (let k = 0; k < count; k++) {
    const [start, end] = [first.spans[2 * k] as number, first.spans[2 * k + 1] as number]
    const [from, to] = widened[k] && quoted(first, k) ? [start - 1, end + 1] : [start, end]
    const values = positions[k] as string[]
    // a member cut out whole (an object or array, never quoted) is one slot, its JSON text not split into runs
    const code = first.text.charCodeAt(start)
    const column = !quoted(first, k) && (code === 0x7b || code === 0x5b) ? { whole: values } : values
    parts.push(first.text.slice(cursor, from), slotted[k] ? column : first.text.slice(from, to))
    cursor = to
  }
  parts.push(first.text.slice(cursor))
  const draft = draftFromColumns(parts)
  if (!allSlots && slotted.every((slot) => slot)) known.allSlotted = draft
  return draft
}

/** Whether value k of a message is a string's (quotes around it). */
function quoted(message: JsonMessage, k: number): boolean {
  const { text, spans } = message
  return text.charCodeAt((spans[2 * k] as number) - 1) === 0x22 && text.charCodeAt(spans[2 * k + 1] as number) === 0x22
}

/**
 * What drafting a member set found, by the members array, for its second draft (the fallback with every
 * value a slot, which discovery-plan.ts asks for next): the values at each position, the same arrays for
 * both drafts, so draftFromColumns cuts each value column once (drafting is most of the cost of a JSON
 * structure's sample); and when every value was a slot already, the draft itself (the fallback is the
 * same). A caller must not change a member set between two drafts of it.
 */
const drafted = new WeakMap<
  readonly JsonMessage[],
  { widened: boolean[]; positions: string[][]; allSlotted: DraftTemplate | undefined }
>()

/**
 * Most messages of one structure a template is drafted from (the first ones seen); the rest are only
 * counted (and given the structure's event). Drafting and slot typing then cost the same for a
 * structure of 300 messages as for one of 30,000, and the value positions held are bounded per
 * structure, not per corpus. 256 is twice MAX_ENUM_VALUES (discovery-slots.ts): a slot whose values
 * repeat is still seen repeating, and a position that varies is still seen with well over
 * MIN_TYPED_DISTINCT values.
 */
export const MAX_DRAFT_SAMPLE = 256

/**
 * Most characters a cut family's sample holds (discovery-json-cut.ts): its cut members are JSON text of any
 * size (an API event's `payload`, a gist's `files`: kilobytes each), so its sample stops at this many
 * characters (at most 32 KB held per family while the corpus is read) if it has not reached MAX_DRAFT_SAMPLE
 * messages before. Without it (and before cut members were one slot each, not split into runs), discovery-scale's
 * 100k JSON messages peaked at 218 MB (start 173 MB; round s38-json).
 */
export const MAX_CUT_SAMPLE_CHARS = 16 * 1024

/** Messages of one structure, in corpus order; the first MAX_DRAFT_SAMPLE are the sample it is drafted from. */
export interface JsonGroup {
  /** index of every message of the structure, in corpus order */
  readonly indexes: number[]
  /** for a family of structures merged with members cut out whole (discovery-json-cut.ts): its cut structure */
  readonly cut?: string
}

/**
 * Most store bytes a JSON structure's template may cost per training message of the structure: issue
 * 12's store goal (1 MB per 100k messages) spread over the messages, the budget enum lists have too
 * (discovery-slots.ts). A structure whose template would cost more than this many bytes per message
 * seen is not templated: its messages go to the fallback.
 */
export const STORE_BYTES_PER_MESSAGE = ENUM_LIST_BYTES_PER_MESSAGE

/**
 * Store bytes of one slot of a pattern with every value a slot: `{12}` and a spec such as `{"type":"integer"},`.
 * A typed slot discovery writes also says `"other":"auto"` (15 bytes more, round s31-slot); pricing it
 * (4 + 31) took 4 templates from ws-market-data and cost it 0.02x, so the estimate is kept as it was.
 */
const SLOT_STORE_BYTES = 4 + 16

/** Store bytes of a template's entry besides its pattern and slots: `{"id":1234,"pattern":"","category":"event 1234","slots":[],"lastUsedRun":1},`. */
const TEMPLATE_ENTRY_BYTES = 72

/**
 * What the template of a structure costs in the store file, estimated before drafting: its entry,
 * its key text as a JSON string (a quote or backslash escaped) and every value as a typed slot (the
 * template with every value a slot, which a structure whose values vary gets; an enum's list, a
 * literal value or a second template for the shared values can cost more). A REST record of 300
 * values and 6 KB of keys (1 KB of them quotes): about 13 KB, so 1,300 messages; a market-data frame
 * of 4 values and 60 bytes of keys (12 quotes), 23.
 */
export function structureStoreBytes(structure: string, values: number): number {
  let bytes = TEMPLATE_ENTRY_BYTES + values * SLOT_STORE_BYTES
  for (let i = 0; i < structure.length; i++) {
    const code = structure.charCodeAt(i)
    // the value placeholders are not key text; a quote or backslash is written escaped
    if (code !== 0) bytes += code === 0x22 || code === 0x5c ? 2 : 1
  }
  return bytes
}

/** Store entries a cut family's structure is priced as (discovery-json-cut.ts): its template and the fallback with every value a slot. */
export const CUT_FAMILY_ENTRIES = 2
/** Store bytes of a typed slot's `,"other":"auto"` (round s31-slot), which structureStoreBytes leaves out. */
const OTHER_AUTO_BYTES = 15

/** Message indexes, ascending: which are in it, how many, and each in turn. */
export interface IndexSet extends Iterable<number> {
  has(index: number): boolean
  readonly size: number
}

/**
 * Indexes added in ascending order, as one flag byte each: 100k JSON messages cost 128 KB here, where
 * a Set of them held about 2.6 MB, plus the tables it outgrew on the way (live through every read).
 */
class AscendingIndexes implements IndexSet {
  private flags = new Uint8Array(1024)
  private end = 0
  size = 0

  add(index: number): void {
    if (index >= this.flags.length) {
      const grown = new Uint8Array(Math.max(index + 1, this.flags.length * 2))
      grown.set(this.flags)
      this.flags = grown
    }
    if (this.flags[index] === 1) return
    this.flags[index] = 1
    this.size += 1
    this.end = Math.max(this.end, index + 1)
  }

  has(index: number): boolean {
    return this.flags[index] === 1
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.end; i++) if (this.flags[i] === 1) yield i
  }
}

/**
 * Longest string value that may name an event (longer ones are values to clustering: a word column of
 * log lines holds one word, and an event's name a few).
 */
const MAX_NAME_UNITS = 64

/** What clustering sees of a JSON message: one token per string value, no separators (all its members share the structure). */
function valueTokens(
  text: string,
  spans: Int32Array,
  known: Map<string, TokenRole>,
): { tokens: string[]; separators: string[]; roles: TokenRole[] } {
  const tokens: string[] = []
  const roles: TokenRole[] = []
  for (let k = 0; k < spans.length; k += 2) {
    const [start, end] = [spans[k] as number, spans[k + 1] as number]
    // a string's value has its quotes around it; numbers, true, false and null are values
    if (text.charCodeAt(start - 1) !== 0x22 || text.charCodeAt(end) !== 0x22) continue
    if (end - start > MAX_NAME_UNITS || end === start || hasDigit(text, start, end)) {
      tokens.push('')
      roles.push('value')
      continue
    }
    // the value is cut out once: its role is looked up by it, and a word or level is its token
    const value = text.slice(start, end)
    const role = stringRole(value, known)
    tokens.push(role === 'value' ? '' : value)
    roles.push(role)
  }
  return { tokens, separators: new Array<string>(tokens.length + 1).fill(''), roles }
}

/** Whether `text[start, end)` holds a digit 0-9 (stringRole's first test, without cutting the value out). */
function hasDigit(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x30 && code <= 0x39) return true
  }
  return false
}

/**
 * A string value's role as clustering's tokens have one (discovery-tokens.ts): `level` for a level word
 * alone (`info`), `word` when every token of it is a word (`Reconcile done`), else `value` (a month name,
 * an IPv6 address in it). A value with a digit never gets here: valueTokens makes it a value first
 * (tokenRole's rule; most string values of market data and ids), without cutting it out or tokenizing it.
 */
function stringRole(value: string, known: Map<string, TokenRole>): TokenRole {
  const seen = known.get(value)
  if (seen !== undefined) return seen
  const tokenized = tokenizeMessage(value)
  const roles = tokenRoles(tokenized)
  const role =
    roles.length === 1 && roles[0] === 'level'
      ? 'level'
      : roles.length > 0 && roles.every((r) => r === 'word')
        ? 'word'
        : 'value'
  if (known.size >= MAX_KNOWN_ROLES) known.clear()
  known.set(ownCopy(value), role)
  return role
}

/**
 * Most string values whose role a grouping remembers (each at most MAX_NAME_UNITS long: 4 MB at the
 * worst, far less in practice); past it the memory starts over. The string values without a digit
 * repeat: of the 580k the shared JSON corpora's 100k messages tokenized, 23k differed (round
 * s34-jspeed), and tokenizing each once took most of the first read's grouping time.
 */
const MAX_KNOWN_ROLES = 32_768

/**
 * `value` as a string that holds no other: V8 keeps a slice of 13 characters or more as a view of the
 * string it was cut from, and a remembered value would keep its whole message alive.
 */
function ownCopy(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1)
}

/**
 * The members with every column where some member holds a value made a value column in all (step 1 of
 * clustering, discovery-cluster.ts: such a column is a slot and never split on): a string position that
 * is empty or holds a digit in some messages is a value position, not a word that names events.
 */
function valueColumnsWhole(members: ClusterMember[], pool: MemberPool): ClusterMember[] {
  const first = members[0]
  if (first === undefined) return members
  const width = first.width
  // the columns where some member holds a value, and whether some member holds another role at one
  const valued = new Array<boolean>(width).fill(false)
  let mixed = false
  for (let c = 0; c < width; c++) {
    let value = false
    let other = false
    for (let i = 0; i < members.length && !(value && other); i++) {
      if ((members[i] as ClusterMember).role(c) === 'value') value = true
      else other = true
    }
    valued[c] = value
    mixed ||= value && other
  }
  if (!mixed) return members
  const separators = new Array<string>(width + 1).fill('')
  return members.map((m) => {
    // a member that holds a value at every such column is as it would be made (a value's token is '')
    let whole = true
    for (let c = 0; c < width && whole; c++) whole = !valued[c] || m.role(c) === 'value'
    if (whole) return m
    const tokens = new Array<string>(width)
    const roles = new Array<TokenRole>(width)
    for (let c = 0; c < width; c++) {
      tokens[c] = valued[c] ? '' : m.token(c)
      roles[c] = valued[c] ? 'value' : m.role(c)
    }
    return pool.add(m.index, { tokens, separators }, roles)
  })
}

/** JSON messages grouped by structure as the corpus is read, one message at a time, in order. */
export interface JsonGrouping {
  /**
   * The events of a group of paidGroups: for each of its messages in order, its part (0, 1, ...) when the
   * structure's string values are split into events as clustering splits a group of log lines by its word
   * columns (discovery-cluster.ts: a column of at most `maxSplitWords` recurring words, or one that pairs
   * with another): `"msg":"Reconciling"` and `"msg":"Reconcile done"` in one structure are two events.
   */
  eventParts(group: JsonGroup): Uint32Array
  /** takes message `index`; false when it is not a JSON object or array with a value */
  add(text: string, index: number): boolean
  /** the JSON messages taken */
  readonly json: IndexSet
  /**
   * the groups of 2 or more whose template fits STORE_BYTES_PER_MESSAGE per message
   * (structureStoreBytes), in the order their structures were first seen
   */
  paidGroups(): JsonGroup[]
  /**
   * the groups of 2 or more whose template would not fit: no template, but their messages are still one
   * event (split by eventParts), not an event each as a structure seen once is
   */
  unpaidGroups(): JsonGroup[]
}

/**
 * A grouping that keeps, per structure, its key text once and its messages' indexes: the value
 * spans are let go once a message's structure is known, and no message's text is kept.
 */
export function createJsonGrouping(maxSplitWords: number = DEFAULT_MAX_SPLIT_WORDS): JsonGrouping {
  const byStructure = new Map<string, { group: JsonGroup; values: number }>()
  const json = new AscendingIndexes()
  // each message's string values as clustering sees them, by the group they belong to
  const pool = new MemberPool()
  const membersOf = new Map<JsonGroup, ClusterMember[]>()
  // the role of each string value seen (stringRole), so a value that repeats is tokenized once
  const roles = new Map<string, TokenRole>()
  const pays = (structure: string, values: number, count: number): boolean =>
    structureStoreBytes(structure, values) <= STORE_BYTES_PER_MESSAGE * count
  // a cut family is priced as discovery writes it: two entries (its template and, its values varying, mostly
  // the fallback with every value a slot, draftJsonTemplate), each typed slot with its `"other":"auto"`; priced as
  // one entry of 20-byte slots, as a structure is, the families took discovery-scale's 100k JSON store from 0.80
  // to 1.31 MB (round s38-json)
  const cutPays = (structure: string, values: number, count: number): boolean =>
    CUT_FAMILY_ENTRIES * (structureStoreBytes(structure, values) + OTHER_AUTO_BYTES * values) <=
    STORE_BYTES_PER_MESSAGE * count
  let settled: { paid: JsonGroup[]; unpaid: JsonGroup[] } | undefined
  // once read: the structures that pay, then the others merged into cut families (discovery-json-cut.ts)
  const settle = (): { paid: JsonGroup[]; unpaid: JsonGroup[] } => {
    if (settled !== undefined) return settled
    const paid: JsonGroup[] = []
    const candidates: CutCandidate<JsonGroup>[] = []
    for (const [structure, { group, values }] of byStructure) {
      if (group.indexes.length >= 2 && pays(structure, values, group.indexes.length)) paid.push(group)
      else candidates.push({ structure, count: group.indexes.length, ref: group })
    }
    const absorbed = new Set<JsonGroup>()
    for (const family of cutFamilies(candidates, cutPays)) {
      const indexes = family.members.flatMap((m) => m.ref.indexes).sort((a, b) => a - b)
      for (const m of family.members) {
        absorbed.add(m.ref)
        membersOf.delete(m.ref)
      }
      paid.push({ indexes, cut: family.cut })
    }
    const unpaid = candidates.flatMap(({ ref }) => (ref.indexes.length >= 2 && !absorbed.has(ref) ? [ref] : []))
    settled = { paid, unpaid }
    return settled
  }
  return {
    json,
    eventParts(group) {
      const parts = new Uint32Array(group.indexes.length)
      const held = membersOf.get(group)
      membersOf.delete(group)
      // a cut family's messages hold values at other positions: one event (its string values are not columns)
      if (held === undefined) return parts
      const members = valueColumnsWhole(held, pool)
      const position = new Map(group.indexes.map((index, i) => [index, i]))
      splitIntoEvents(members, maxSplitWords).forEach((event, part) => {
        for (const member of event) parts[position.get(member.index) as number] = part
      })
      return parts
    },
    add(text, index) {
      const first = text.charCodeAt(0)
      // quick refusal of log lines: JSON text starts with { or [ (after optional whitespace)
      if (first !== 0x7b && first !== 0x5b && first !== 0x20 && first !== 0x09 && first !== 0x0a && first !== 0x0d)
        return false
      const spans = scanJson(text)
      if (spans === undefined || spans.length === 0) return false
      json.add(index)
      const key = jsonStructure({ index, text, spans })
      let entry = byStructure.get(key)
      if (entry === undefined) byStructure.set(key, (entry = { group: { indexes: [] }, values: spans.length / 2 }))
      entry.group.indexes.push(index)
      const values = valueTokens(text, spans, roles)
      const members = membersOf.get(entry.group)
      const member = pool.add(index, { tokens: values.tokens, separators: values.separators }, values.roles)
      if (members === undefined) membersOf.set(entry.group, [member])
      else members.push(member)
      return true
    },
    paidGroups() {
      const { paid } = settle()
      // a structure seen once is an event of its own: nothing to split
      for (const group of membersOf.keys()) if (group.indexes.length < 2) membersOf.delete(group)
      // the corpus has been read: no value is asked for again
      roles.clear()
      return paid
    },
    unpaidGroups() {
      return settle().unpaid
    },
  }
}

/** The messages of an array that are JSON objects or arrays, grouped by structure (createJsonGrouping). */
export function groupJsonMessages(messages: readonly string[]): { groups: JsonGroup[]; json: IndexSet } {
  const grouping = createJsonGrouping()
  messages.forEach((text, index) => grouping.add(text, index))
  return { groups: grouping.paidGroups(), json: grouping.json }
}

/**
 * The samples of `groups` (the first MAX_DRAFT_SAMPLE messages of each) as a pass over the corpus
 * reads them: `visit` takes the messages `wants`, and a group's sample goes to `onSample` (with its
 * place in `groups`) as soon as it is complete and is let go, so only the samples still being read
 * are held, never the corpus.
 */
export function createSampleReader(
  groups: readonly JsonGroup[],
  onSample: (group: number, sample: JsonMessage[]) => void,
): { wants(index: number): boolean; visit(text: string, index: number): void } {
  const groupOf = new Map<number, number>()
  groups.forEach((group, g) => {
    for (const index of group.indexes.slice(0, MAX_DRAFT_SAMPLE)) groupOf.set(index, g)
  })
  const pending = groups.map((): JsonMessage[] => [])
  // characters a cut family's sample holds, and the families whose sample went to onSample at MAX_CUT_SAMPLE_CHARS
  const heldChars = new Float64Array(groups.length)
  const done = new Uint8Array(groups.length)
  return {
    wants: (index) => groupOf.has(index),
    visit(text, index) {
      const g = groupOf.get(index)
      if (g === undefined) return
      groupOf.delete(index)
      if (done[g] === 1) return
      const sample = pending[g] as JsonMessage[]
      const scanned = scanJson(text) as Int32Array
      const { cut } = groups[g] as JsonGroup
      // a cut family's member cut out whole is one value (its JSON text)
      const spans = cut === undefined ? scanned : (cutSpans(text, scanned, cut) as Int32Array)
      // the first message gives the template its key text; of the others only the values are held
      const message = sample.length === 0 ? { index, text, spans } : valuesOnly(index, text, spans)
      sample.push(message)
      if (cut !== undefined) heldChars[g] = (heldChars[g] as number) + message.text.length
      const full = cut !== undefined && (heldChars[g] as number) >= MAX_CUT_SAMPLE_CHARS
      if (!full && sample.length < Math.min(MAX_DRAFT_SAMPLE, (groups[g] as JsonGroup).indexes.length)) return
      done[g] = 1
      pending[g] = []
      onSample(g, sample)
    },
  }
}

/**
 * A sample message reduced to its values, each with the character on either side (the quotes of a
 * string: draftJsonTemplate takes them into a slot where some message has `""`), copied into one new
 * string (a slice would keep the whole text alive). A sample of an API record of 6 KB, 5 KB of them
 * keys, held 6 KB until its structure's sample was complete; the values are the same, so the draft is.
 */
function valuesOnly(index: number, text: string, spans: Int32Array): JsonMessage {
  const pieces: string[] = []
  const compact = new Int32Array(spans.length)
  let length = 0
  for (let k = 0; k < spans.length; k += 2) {
    const [start, end] = [spans[k] as number, spans[k + 1] as number]
    pieces.push(text.slice(start - 1, end + 1))
    compact[k] = length + 1
    compact[k + 1] = length + 1 + end - start
    length += end - start + 2
  }
  // join makes a flat string of its own
  return { index, text: pieces.join(''), spans: compact }
}
