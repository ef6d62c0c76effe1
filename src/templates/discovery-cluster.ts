/**
 * Clustering for template discovery: messages that share a token count and a separator shape form
 * a group; a group is split column by column until what still varies looks like values.
 *
 * Steps (one group):
 * 1. A column is a value column when any member holds a value-like token there (a digit, a month or
 *    weekday) or a level word: it becomes a slot and is never split on.
 * 2. Among the other columns that still vary, one "determines" another when every part of the split
 *    by its words (parts of two or more members) has one word in the other column: two events that
 *    differ in several words. Split on the column that determines the most others (ties: fewer
 *    distinct words, then the leftmost), provided it has at most half as many words as members.
 * 3. When no column determines another, a column with at most `maxSplitWords` distinct words is
 *    still split on (`cupsd startup succeeded` vs `cupsd shutdown succeeded`); wider ones are values
 *    (user names, host names), however evenly their words are used. Else, when half or more of the
 *    word columns vary, the first of them is split on (unrelated events sharing a shape); a column of
 *    dotted names is neither one of the varying columns counted nor the one chosen (isNameColumn), though
 *    it still counts among the word columns it is compared with. A column
 *    with a word on one line only is split on when the other groups say it names events
 *    (discovery-evidence.ts: every group is split once, then again where that evidence holds), or
 *    when its words are written as calls, `name()` (isCallName). Where the last resort finds columns
 *    whose words cross (crossedColumns), the clusters that differ only in them are one event.
 * 4. Recurse into each part; a part where nothing is left to split is one event.
 * 5. For each event and each split above it made by step 3 (not a step 2 pairing), the members of the group
 *    split there that share the event's words in the columns split on below it are kept as a
 *    fallback group (`openings`): drafted, its template has a slot at the split column, so a word
 *    training never saw there still matches. None when no content word would stay literal.
 * Everything is ordered by first occurrence, so the result depends only on the input and options.
 */
import { crossedColumns } from './discovery-crossing.ts'
import { isIdentifierWord } from './discovery-identifier.ts'
import { closingLiteral } from './discovery-literal.ts'
import {
  bracketBalance,
  identifierTail,
  keyedTailGroups,
  opensKeyedValue,
  valueLikeTail,
} from './discovery-keyed-tail.ts'
import { joinSharedTails } from './discovery-shared-tails.ts'
import { namesEventsElsewhere, WordEvidence } from './discovery-evidence.ts'
import { type ClusterMember, MemberPool } from './discovery-members.ts'
import {
  asValueKey,
  bracketTextKeys,
  FieldWordCounts,
  mergeFrames,
  PATH_CUT,
  PATH_MARK,
  VALUE_MARK,
  WORD_VALUE_MARK,
} from './discovery-phrases.ts'
import { MessageFields } from './discovery-message-field.ts'
import {
  allQuotedFields,
  type QuotedFieldCuts,
  separatorShape,
  tokenRoles,
  tokenizeMessage,
} from './discovery-tokens.ts'

export { ClusterMember } from './discovery-members.ts'

/** Messages of one shape and one event, in input order. */
export interface MessageCluster {
  readonly members: readonly ClusterMember[]
  /** clusters whose constant words are the same sequence share an event number (0, 1, ... by first member) */
  readonly event: number
  /** those constant words, in order */
  readonly words: readonly string[]
}

/** Options of clusterMessages. */
export interface ClusterOptions {
  /** a column with at most this many distinct words that determines no other is split on; default 2 */
  readonly maxSplitWords?: number
  /** where each message's content starts (after its header); default: the whole message is content */
  readonly contentStart?: (message: string) => number | undefined
  /** called after each group with messages clustered so far */
  readonly onGroup?: (doneMessages: number) => void
}

/** Default of ClusterOptions.maxSplitWords. */
export const DEFAULT_MAX_SPLIT_WORDS = 2

/** Clusters, and what clustering learnt about words. */
export interface Clustering {
  /** in order of their first member */
  readonly clusters: readonly MessageCluster[]
  /** true when the member's word at the column was seen as a value between the same separators */
  isValueWord(member: ClusterMember, column: number): boolean
  /**
   * Members to draft a fallback template from, one group per column split on as naming events and
   * per combination of the words split on below it: the split column varies in the group, so its
   * template has a slot there and takes a word training never saw (`haproxy.service: started`).
   */
  readonly openings: Iterable<readonly ClusterMember[]>
  /** the member of the message at `index` of the input (its text: `member(index).text()`) */
  member(index: number): ClusterMember
}

/** Clusters messages into events (see the file comment). */
export function clusterMessages(messages: readonly string[], options: ClusterOptions = {}): Clustering {
  const maxSplitWords = options.maxSplitWords ?? DEFAULT_MAX_SPLIT_WORDS
  const groups = new Map<string, ClusterMember[]>()
  // one copy of each distinct token and separator, messages as ids (discovery-members.ts)
  const pool = new MemberPool()
  const all: ClusterMember[] = []
  const fieldCuts = quotedFieldPlan(messages)
  messages.forEach((message, index) => {
    const tokenized = tokenizeMessage(message, undefined, fieldCuts(message, index))
    const member = pool.add(index, tokenized, tokenRoles(tokenized, options.contentStart?.(message) ?? 0))
    all.push(member)
    const key = `${tokenized.tokens.length}\u0001${separatorShape(tokenized.separators)}`
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [member])
    else group.push(member)
  })
  pool.seal()
  // each group split alone (its clusters and fallback groups), then split again where the other
  // groups say a column of few words names events though a word of it is on one line (discovery-evidence.ts)
  const states: SplitState[] = []
  const evidence = new WordEvidence()
  let done = 0
  let nextNode = 0
  for (const group of groups.values()) {
    const state: SplitState = { clusters: [], openings: new Map(), path: [], nextNode, joinCrossed: true }
    splitGroup(group, maxSplitWords, state)
    nextNode = state.nextNode
    for (const { members } of state.clusters) evidence.add(states.length, members, wordInPlace)
    states.push(state)
    done += group.length
    options.onGroup?.(done)
  }
  let g = 0
  for (const group of groups.values()) {
    const old = states[g] as SplitState
    const byEvidence = { group: g, evidence }
    if (old.clusters.some(({ members }) => hasEvidenceSplit(members, maxSplitWords, byEvidence))) {
      const state: SplitState = {
        clusters: [],
        openings: new Map(),
        path: [],
        nextNode,
        byEvidence,
        joinCrossed: true,
      }
      splitGroup(group, maxSplitWords, state)
      nextNode = state.nextNode
      states[g] = state
    }
    g++
  }
  const clusters = states.flatMap((state) => state.clusters)
  const openings = new Map<string, Opening>()
  for (const state of states) for (const [key, opening] of state.openings) openings.set(key, opening)
  clusters.sort((a, b) => (a.members[0] as ClusterMember).index - (b.members[0] as ClusterMember).index)
  const valueWords = new Set<string>()
  for (const { members } of clusters) collectValueWords(members, valueWords)
  return {
    clusters: assignEvents(clusters, valueWords, maxSplitWords, bracketTextKeys(messages)),
    isValueWord: (member, column) => valueWords.has(wordInPlace(member, column)),
    // each group is filtered again when asked for, so only one is held at a time
    openings: {
      *[Symbol.iterator]() {
        for (const opening of openings.values()) yield openingMembers(opening)
      },
    },
    member: (index) => all[index] as ClusterMember,
  }
}

/**
 * The events of members already in one group (same width and separators), split column by column as
 * clusterMessages splits a group (steps 1-4 of the file comment): JSON messages of one key structure,
 * each string value one token (discovery-json.ts). In order of their first member.
 */
export function splitIntoEvents(members: ClusterMember[], maxSplitWords: number): ClusterMember[][] {
  const clusters: { members: ClusterMember[] }[] = []
  splitGroup(members, maxSplitWords, { clusters, openings: new Map(), path: [], nextNode: 0 })
  return clusters
    .map((cluster) => cluster.members)
    .sort((a, b) => (a[0] as ClusterMember).index - (b[0] as ClusterMember).index)
}

/**
 * How clustering cuts the quoted fields of log lines, double- or (since s43-ga) single-quoted
 * (discovery-tokens.ts `allQuotedFields`; issue
 * 12, D6 of the s30 trial: an access log's user agent and referer made one event into dozens of shapes).
 * Lines are compared with each quoted field as one token; among lines alike that way, a field is
 * *opened* only when it has the same number of whitespace-separated words, two or more, in every line
 * (a request line `GET /x HTTP/1.1`): it is a structured field whose words may name events, and its
 * words are cut at `/ ? &` as well, so a path's segments are columns (`/api/v1/login` and
 * `/api/v2/checkout` differ in a word, not in one value token holding a digit). Any other quoted field,
 * one word (`-`, `https://host/path`) or a number of words that varies between lines (a user agent), is
 * taken *whole*: one token, a value or word by its text. The quotes say where it starts and ends, and
 * cutting it at its punctuation and spaces would make each of its shapes a separate group of one event.
 * Returns, per message, its fields' cuts (undefined: no quoted field).
 */
function quotedFieldPlan(messages: readonly string[]): (message: string, index: number) => QuotedFieldCuts | undefined {
  const perShape = new FieldWordCounts()
  const messageFields = new MessageFields()
  // each message's shape (an index of perShape.counts), so the second pass does not tokenize it again; -1: no quoted field
  const shapeOf = new Int32Array(messages.length).fill(-1)
  messages.forEach((message, index) => {
    const fields = allQuotedFields(message)
    if (fields.length === 0) return
    const tokenized = tokenizeMessage(withoutFieldText(message, fields))
    const key = `${fields.length}\u0001${tokenized.tokens.length}\u0001${separatorShape(tokenized.separators)}`
    const shape = perShape.add(key, message, fields)
    shapeOf[index] = shape
    messageFields.add(shape, message, fields)
  })
  if (perShape.counts.length === 0) return () => undefined
  return (message, index) => {
    const shape = shapeOf[index] as number
    if (shape < 0) return undefined
    const fields = allQuotedFields(message)
    const counts = perShape.counts[shape] as number[]
    const whole: [number, number][] = []
    const opened: [number, number][] = []
    fields.forEach((field, k) => {
      if ((counts[k] as number) >= 2) opened.push(field)
      else {
        // a field holding statements (discovery-message-field.ts) is cut as text, its filled-in tail whole
        const text = messageFields.textLength(shape, k, message, field)
        if (field[0] + text < field[1]) whole.push([field[0] + text, field[1]])
      }
    })
    return { whole, opened }
  }
}

/**
 * The line with each quoted field's text replaced by one token character: it tokenizes to the same
 * token count and separators as the line with each field taken whole, in less time (a user agent's
 * characters are not read again).
 */
function withoutFieldText(message: string, fields: readonly (readonly [number, number])[]): string {
  let text = ''
  let at = 0
  for (const [start, end] of fields) {
    text += message.slice(at, start) + (end > start ? 'x' : '')
    at = end
  }
  return text + message.slice(at)
}

/**
 * Clusters whose constant words are the same sequence are one event: `0 bytes sent` and
 * `1190 bytes (1.16 KB) sent` differ in shape, not in what they say. Words seen as values of a
 * varying column in any cluster, between the same separators (a host name that happens to be
 * constant in a small cluster), are left out of that sequence. So are clusters with the same fields
 * (fieldKeys, where a named field's value is a value: isKeyedValue); both relations are taken together,
 * transitively.
 */
function assignEvents(
  clusters: readonly { members: ClusterMember[]; joinKey?: string | undefined }[],
  valueWords: ReadonlySet<string>,
  maxSplitWords: number,
  textKeyOf: (index: number) => string | undefined,
): MessageCluster[] {
  // one event per class of the two relations together (same words, same fields), transitively: a
  // cluster whose fields are those of a cluster that joined an event by its words joins that event too,
  // whichever comes first (s33-ga round)
  const bySkeleton = new Map<string, number>()
  const byFields = new Map<string, number>()
  const byCrossing = new Map<string, number>()
  const parent: number[] = []
  const root = (i: number): number => {
    let r = i
    while (parent[r] !== r) r = parent[r] as number
    for (let at = i; parent[at] !== r; ) {
      const next = parent[at] as number
      parent[at] = r
      at = next
    }
    return r
  }
  const join = (map: Map<string, number>, key: string, i: number): void => {
    const first = map.get(key)
    if (first === undefined) map.set(key, i)
    else {
      const [a, b] = [root(first), root(i)]
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b)
    }
  }
  const drafts = clusters.map(({ members, joinKey }, i) => {
    parent.push(i)
    if (joinKey !== undefined) join(byCrossing, joinKey, i)
    // a program literal closing the line after `: ` is a value: its words are not the statement's (s42-ga)
    const literalAt = closingLiteral(members)
    const words = constantWords(members, valueWords, literalAt)
    const { keys, tailAt, tailColumn } = fieldKeys(members, valueWords)
    const valued = tailAt !== undefined && valueLikeTail(members, tailColumn)
    if (words.length > 0) join(bySkeleton, words.join('\u0000') + skeletonEnd(members, literalAt), i)
    if (keys !== undefined) join(byFields, keys.map(asValueKey).join('\u0001'), i)
    const named = tailAt !== undefined && identifierTail(members, tailColumn)
    return { members, words, keys, tailAt, valued, named }
  })
  // a named field closing the line, filled by three or more runs of two or more lengths (s38-ga round)
  for (const [head, ...rest] of keyedTailGroups(drafts, maxSplitWords)) {
    for (const i of rest) {
      const [a, b] = [root(head as number), root(i)]
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b)
    }
  }
  const eventOfRoot = new Map<number, number>()
  let count = 0
  const assigned = drafts.map((draft, i) => {
    const r = root(i)
    let event = eventOfRoot.get(r)
    if (event === undefined) eventOfRoot.set(r, (event = count++))
    return { ...draft, event }
  })
  // lines alike but for a bracketed field of free text are one event (bracketTextKeys)
  const sameText: [number, number][] = []
  const eventOfKey = new Map<string, number>()
  for (const { members, event } of assigned)
    for (const member of members) {
      const key = textKeyOf(member.index)
      if (key === undefined) continue
      const first = eventOfKey.get(key)
      if (first === undefined) eventOfKey.set(key, event)
      else if (first !== event) sameText.push([first, event])
    }
  const framed = mergeFrames(assigned, count, maxSplitWords, sameText)
  // a phrase closing the lines of several statements (s38-ga round)
  const merged = joinSharedTails(assigned, framed, maxSplitWords)
  return assigned.map(({ members, event, words }) => ({ members, event: merged[event] as number, words }))
}

/**
 * A separator that ends a field: whitespace, or a list, key-value or column delimiter (`size = 4,totalTime = 30`,
 * `a|b`), or a path delimiter `/ ? &`, which the tokenizer cuts at only inside an opened quoted field
 * (quotedFieldPlan below): there a path's segments are columns, so each is a field (`/api/v1/login` and
 * `/api/v2/checkout` are two events, not one field holding a value).
 */
const FIELD_END = /[\s,;=|/?&]/

/**
 * The cluster's fields (runs of tokens with no FIELD_END separator between them) as a key: a
 * field of words constant in the cluster is its text, a field holding a value or a varying word (or a
 * word seen as a value elsewhere, as for the word sequence) is one mark, whatever its tokens; fields of
 * the header or with a level word are left out. Clusters with the same key are one event: a value
 * field takes any token (`synchronized to 10.0.0.7, stratum 3` and `synchronized to LOCAL(0), stratum 3`,
 * where the second's constant `LOCAL` made its word sequence differ; issue 12, D5 of the s30 trial).
 * Undefined when no field is constant words (a key of marks alone says nothing of the event).
 */
function fieldKeys(
  members: readonly ClusterMember[],
  valueWords: ReadonlySet<string>,
): { keys: string[] | undefined; tailAt: number | undefined; tailColumn: number } {
  const first = members[0] as ClusterMember
  const keys: string[] = []
  // where the last field opened by a glued `=` starts (its index in keys and its column), unless a quote follows it
  let tailAt: number | undefined
  let tailColumn = first.width
  let depth = 0
  let text = ''
  let variable = false
  let valued = false
  let skip = false
  let literal = false
  const close = (): void => {
    if (!skip) keys.push(variable ? (valued ? VALUE_MARK : WORD_VALUE_MARK) : text)
    literal ||= !skip && !variable
    ;[text, variable, valued, skip] = ['', false, false, false]
  }
  for (let c = 0; c < first.width; c++) {
    const separator = first.separator(c)
    if (c > 0 && FIELD_END.test(separator)) close()
    else if (c > 0) text += separator
    // a named value closing the line (discovery-keyed-tail.ts): not in the header, no quote after it, and no
    // bracket closed after it that opened before it (`[myid=1] ...`: the value ends at its `]`)
    if (c > 0 && opensKeyedValue(separator) && first.role(c) !== 'header') {
      tailAt = keys.length
      tailColumn = c
      depth = bracketBalance(separator)
    } else depth += bracketBalance(separator)
    if (separator.includes('"') || depth < 0) tailAt = undefined
    // a path segment of an opened quoted field (the tokenizer cuts at `/ ? &` only there) is marked as one
    if (text === '' && PATH_CUT.test(separator)) text = PATH_MARK
    const role = first.role(c)
    if (role === 'header' || role === 'level') skip = true
    else if (members.some((m) => m.role(c) !== 'word') || isKeyedValue(first, c) || isBoolean(first.token(c)))
      variable = valued = true
    else if (!isConstant(members, c) || valueWords.has(wordInPlace(first, c))) variable = true
    else text += first.token(c)
  }
  close()
  const end = first.separator(first.width)
  if (end.includes('"')) tailAt = undefined
  else if (opensKeyedValue(end)) [tailAt, tailColumn] = [keys.length, first.width]
  else if (depth + bracketBalance(end) < 0) tailAt = undefined
  return literal ? { keys, tailAt, tailColumn } : { keys: undefined, tailAt: undefined, tailColumn }
}

function collectValueWords(members: readonly ClusterMember[], out: Set<string>): void {
  const first = members[0] as ClusterMember
  for (let c = 0; c < first.width; c++) {
    if (isConstant(members, c)) continue
    for (const m of members) if (m.role(c) === 'word') out.add(wordInPlace(m, c))
  }
}

/** A word with the separators around it: `user` in `user=root` is not `user` in `Invalid user user from`. */
function wordInPlace(member: ClusterMember, column: number): string {
  return `${member.separator(column)}\u0001${member.token(column)}\u0001${member.separator(column + 1)}`
}

function constantWords(members: readonly ClusterMember[], valueWords: ReadonlySet<string>, until = -1): string[] {
  const first = members[0] as ClusterMember
  const words: string[] = []
  for (let c = 0; c < (until < 0 ? first.width : until); c++) {
    if (first.role(c) === 'word' && isConstant(members, c) && !valueWords.has(wordInPlace(first, c)))
      words.push(first.token(c))
  }
  return words
}

/**
 * How the cluster's lines end, for the same-words relation: with a program literal after `: ` (closingLiteral,
 * its words left out of the sequence), after their last word with values only (endsInValues), or at a word.
 */
function skeletonEnd(members: readonly ClusterMember[], literalAt: number): string {
  if (literalAt >= 0) return '\u0000\u0002'
  return endsInValues(members) ? '\u0000\u0001' : ''
}

/**
 * True when the cluster's lines go on after their last word with values only (`Concurrent Mark Cycle
 * 627.753ms` beside `Concurrent Mark Cycle`): see assignEvents.
 */
function endsInValues(members: readonly ClusterMember[]): boolean {
  const first = members[0] as ClusterMember
  let last = -1
  for (let c = 0; c < first.width; c++) if (members.some((m) => m.role(c) === 'word')) last = c
  // a named field's value (`last-leader-id=` empty beside `last-leader-id=a1b2`) is not an addition, nor a list
  // after a colon that may be empty (`Removed stale PIDs:` beside `Removed stale PIDs: 1001 2001`, s42-rev2 F2)
  const separator = first.separator(last + 1)
  return last >= 0 && last < first.width - 1 && !separator.includes('=') && !separator.includes(':')
}

/** What splitting sees of a token: the word itself, or one mark for every value. */
function masked(member: ClusterMember, column: number): string {
  return member.role(column) === 'word' ? member.token(column) : VALUE_MARK
}

/** Columns holding a word in some member and not the same token in all (candidates for splitting). */
function varyingWordColumns(members: readonly ClusterMember[]): number[] {
  const first = members[0] as ClusterMember
  const columns: number[] = []
  for (let c = 0; c < first.width; c++) {
    if (members.some((m) => m.role(c) === 'header' || m.role(c) === 'level')) continue
    if (members.some((m) => m.role(c) === 'word') && !isConstant(members, c)) columns.push(c)
  }
  return columns
}

/**
 * True for a boolean as programs print one: `true` or `false`, in any letter case. It is the state of a
 * flag, a value like a number, whatever event logs it: in the fields relation (fieldKeys) its field is a
 * value mark, so clusters that differ only in a flag are one event (s36-ga round: logcat's `BatteryService:
 * ... AC powered:true|false, ...`, one event, was two). Clustering still splits on the word, and each
 * cluster's template keeps it as literal text: a flag that is mostly one value costs nothing in a frame
 * (taking it out of splitting instead, a slot in one template, cost logcat 5.92x -> 5.86x). JSON discovery
 * already takes `true` and `false` as values (discovery-json.ts).
 */
function isBoolean(token: string): boolean {
  return BOOLEAN.test(token)
}

const BOOLEAN = /^(?:true|false)$/i

/**
 * True when the column is in the field (FIELD_END) right after a `=`: the value of a named field
 * (`details=android.policy:POWER`), which the program fills in whatever the event. fieldKeys marks such
 * a field as a value, so clusters that differ only in a named field's words are one event (s34-ga round).
 */
function isKeyedValue(member: ClusterMember, column: number): boolean {
  for (let c = column; c > 0; c--) {
    const separator = member.separator(c)
    if (FIELD_END.test(separator)) return separator.includes('=') && !isQuotedPhrase(member, c)
  }
  return false
}

/**
 * True when the named field whose value starts at `column` is a double-quoted phrase of two or more words
 * (`msg="Starting HTTP server"`, `logdesc="Admin login failed"`): the words a statement is written in, which
 * logfmt and key=value records quote, not one value; its words are then text or values as anywhere else (s40-ga).
 */
function isQuotedPhrase(member: ClusterMember, column: number): boolean {
  if (!member.separator(column).endsWith('"')) return false
  return /\s/.test(member.token(column)) || (column < member.width && !member.separator(column + 1).includes('"'))
}

/**
 * A word joined by dots from parts that each start with a letter: a name in a namespace (a unit
 * `nginx.service`, a host `www.example.com`, a package or class `org.example.Worker`, a key
 * `cache.size`). Programs put such names into messages as parameters; they are not the words a
 * message's text is written in.
 */
const DOTTED_NAME = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+$/

/**
 * True when every member holds a dotted name (DOTTED_NAME) at the column. Where no column names events
 * and most word columns vary (splitGroup's last resort, which splits on the first varying one), such a
 * column is a parameter: it is neither counted as varying nor split on (s34-ga round:
 * `nginx.service: started` and `cron.service: stopped`, five units crossing four states, were one event
 * per unit and state, not per state). A column of two names that step 3 splits is left to step 3.
 */
function isNameColumn(members: readonly ClusterMember[], column: number): boolean {
  return members.every((m) => m.role(column) === 'word' && DOTTED_NAME.test(m.token(column)))
}

function partition(members: readonly ClusterMember[], column: number): Map<string, ClusterMember[]> {
  const parts = new Map<string, ClusterMember[]>()
  for (const member of members) {
    const word = masked(member, column)
    const part = parts.get(word)
    if (part === undefined) parts.set(word, [member])
    else part.push(member)
  }
  return parts
}

function isConstant(members: readonly ClusterMember[], column: number): boolean {
  const first = masked(members[0] as ClusterMember, column)
  return members.every((m) => masked(m, column) === first)
}

/** True when every part of two or more members has one word in `column`. */
function constantInParts(parts: Map<string, ClusterMember[]>, column: number): boolean {
  let shared = 0
  for (const part of parts.values()) {
    if (part.length < 2) continue
    shared++
    if (!isConstant(part, column)) return false
  }
  return shared > 0
}

/**
 * The split to make, or undefined: the column paired with the most others (each word of one goes
 * with one word of the other, both ways: two events differing in several words), else the column
 * with the fewest distinct words when that is at most `maxSplitWords` and each word has two members.
 */
function chooseSplit(
  members: readonly ClusterMember[],
  varying: readonly number[],
  maxSplitWords: number,
  byEvidence?: ByEvidence,
): Split | undefined {
  const partitions = varying.map((column) => partition(members, column))
  let best: { parts: Map<string, ClusterMember[]>; paired: number; column: number } | undefined
  let narrowest: Split | undefined
  partitions.forEach((parts, i) => {
    if (
      isEventColumn(parts, varying[i] as number, maxSplitWords, byEvidence) &&
      (narrowest === undefined || parts.size < narrowest.parts.size)
    )
      narrowest = { parts, column: varying[i] as number, open: true }
    if (parts.size * 2 > members.length) return
    let paired = 0
    partitions.forEach((other, j) => {
      if (j !== i && constantInParts(parts, varying[j] as number) && constantInParts(other, varying[i] as number))
        paired++
    })
    if (
      paired > 0 &&
      (best === undefined || paired > best.paired || (paired === best.paired && parts.size < best.parts.size))
    )
      best = { parts, paired, column: varying[i] as number }
  })
  return best === undefined ? narrowest : { parts: best.parts, column: best.column, open: false }
}

/** A split of a group by the words of one column; `open` when the column names events of one kind (it gets a fallback). */
interface Split {
  readonly parts: Map<string, ClusterMember[]>
  readonly column: number
  readonly open: boolean
}

/** A split made above a part: its group's members, the column and whether it is open (see Split). */
interface PathStep {
  readonly node: number
  readonly members: readonly ClusterMember[]
  readonly column: number
  readonly open: boolean
  /** the column's words cross another's (crossedColumns, found at this split or above): the parts are one event */
  readonly crossed: boolean
}

/** What splitGroup writes to and the splits above the group it is given. */
interface SplitState {
  readonly clusters: { members: ClusterMember[]; joinKey?: string | undefined }[]
  readonly openings: Map<string, Opening>
  path: PathStep[]
  nextNode: number
  /** set on the second pass over a group: what the other groups say of its words */
  readonly byEvidence?: ByEvidence
  /** log lines: clusters that differ only in crossed columns are one event (crossedColumns); JSON's splitIntoEvents leaves it off */
  readonly joinCrossed?: boolean
}

/** A group's number and the evidence of the first pass over every group (discovery-evidence.ts). */
interface ByEvidence {
  readonly group: number
  readonly evidence: WordEvidence
}

/**
 * True when a word column names events rather than holding a value: no member has a value there,
 * every word has two members or more, and there are at most `maxSplitWords` words. How often each
 * word is used does not tell (s30-dsplit round, docs/discovery.md): 4 HTTP verbs over 80 lines and
 * 3 user names over 122 (`session opened for user cyrus|news|test`) are used alike.
 */
function isEventColumn(
  parts: ReadonlyMap<string, readonly ClusterMember[]>,
  column: number,
  maxSplitWords: number,
  byEvidence?: ByEvidence,
): boolean {
  if (parts.has(VALUE_MARK) || parts.size > maxSplitWords) return false
  // a call, `name()`: the function that logs names its event, whatever its count (s34-ga round)
  if ([...parts.values()].every((part) => part.every((m) => isCallName(m, column)))) return true
  // a code identifier after the message's first word fills a place in its text (s35-ga round)
  if (isIdentifierColumn(parts, column)) return false
  let once = false
  for (const part of parts.values()) if (part.length < 2) once = true
  if (!once) return true
  // a word on one line: the column names events only when the other groups say so (discovery-evidence.ts)
  return (
    byEvidence !== undefined && namesEventsElsewhere(parts, column, byEvidence.group, byEvidence.evidence, wordInPlace)
  )
}

/**
 * True when the member's word at the column is written as a call, `name()` (the separator after it
 * opens with `()`): code, the function that logs, not a value a program fills in. A column of such
 * names is split on even when a name is on one line (HealthApp's `bulkSaveDetailHiHealthData() size =
 * 4,...` on two lines beside `saveRealTimeHealthDatasStat() size = ...` on one: two events).
 */
function isCallName(member: ClusterMember, column: number): boolean {
  return member.role(column) === 'word' && member.separator(column + 1).startsWith('()')
}

/**
 * True when the column follows a word of the message's content in every member (the message's text
 * has begun: a word opening the content, HealthApp's `onStandStepChanged 3579`, names the site that
 * logs and is left to step 3) and one of its words is a code identifier (IDENTIFIER). Such a column
 * is a parameter, not a choice between events: kafka's `... due to SegmentDeletion|LeaderOffsetIncremented`,
 * logcat's `Going to sleep due to timeout|power_button` (s35-ga round). A column of calls (`name()`)
 * is decided before this (isCallName).
 */
function isIdentifierColumn(parts: ReadonlyMap<string, readonly ClusterMember[]>, column: number): boolean {
  let identifier = false
  for (const part of parts.values()) {
    const first = part[0] as ClusterMember
    if (!part.every((m) => followsContentWord(m, column))) return false
    if (isIdentifierWord(first.token(column))) identifier = true
  }
  return identifier
}

/** True when a word of the member's content (not header, not level) stands before the column. */
function followsContentWord(member: ClusterMember, column: number): boolean {
  for (let c = column - 1; c >= 0; c--) {
    const role = member.role(c)
    if (role === 'header' || role === 'level') return false
    if (role === 'word') return true
  }
  return false
}

/** True when a cluster of the first pass has a column that the other groups' evidence would split. */
function hasEvidenceSplit(members: readonly ClusterMember[], maxSplitWords: number, byEvidence: ByEvidence): boolean {
  return varyingWordColumns(members).some((column) =>
    isEventColumn(partition(members, column), column, maxSplitWords, byEvidence),
  )
}

function splitGroup(
  members: ClusterMember[],
  maxSplitWords: number,
  state: SplitState,
  crossedAbove?: ReadonlySet<number>,
): void {
  // undefined until the first last resort on the path looks for crossed columns; its parts inherit what it found
  let crossed = crossedAbove
  const varying = varyingWordColumns(members)
  let split = varying.length === 0 ? undefined : chooseSplit(members, varying, maxSplitWords, state.byEvidence)
  // most words differ: not one event with word values but unrelated events that share a shape; a
  // column of dotted names is a parameter there: not split on, and not counted among the varying columns
  // (it still counts in wordColumnCount, the side it is compared with; s34-ga round)
  const worded = split === undefined ? varying.filter((c) => !isNameColumn(members, c)) : []
  if (split === undefined && worded.length > 0 && worded.length * 2 >= wordColumnCount(members)) {
    split = { parts: partition(members, worded[0] as number), column: worded[0] as number, open: true }
    // columns whose words cross are parameters of one event: still split on (each cluster keeps its
    // template), but the clusters that differ only there are one event (s37-ga round, crossedColumns)
    if (state.joinCrossed === true && crossed === undefined) crossed = new Set(crossedColumns(members, worded))
  }
  if (split === undefined) {
    state.clusters.push({ members, joinKey: crossedJoinKey(members[0] as ClusterMember, state.path) })
    addOpenings(members, state)
    return
  }
  const step: PathStep = {
    node: state.nextNode++,
    members,
    column: split.column,
    open: split.open,
    crossed: crossed?.has(split.column) === true,
  }
  state.path.push(step)
  for (const part of split.parts.values()) splitGroup(part, maxSplitWords, state, crossed)
  state.path.pop()
}

/**
 * The key of the event a cluster shares with the other clusters of its group that differ from it only in
 * crossed columns (crossedColumns): the splits above it, each by its column and the cluster's word there,
 * a crossed column's word left out. Undefined when no split above it is on a crossed column.
 */
function crossedJoinKey(first: ClusterMember, path: readonly PathStep[]): string | undefined {
  if (!path.some((step) => step.crossed)) return undefined
  const top = (path[0] as PathStep).node
  return `${top}\u0001${path.map((step) => `${step.column}\u0000${step.crossed ? '' : masked(first, step.column)}`).join('\u0001')}`
}

/**
 * For a cluster, the fallback groups of the open splits above it: the members of the group split
 * there that have the cluster's words in every column split on below it. The split column varies
 * in such a group; the columns split on below it do not. Groups already made are not made again.
 */
function addOpenings(cluster: readonly ClusterMember[], state: SplitState): void {
  const first = cluster[0] as ClusterMember
  const path = state.path
  for (let i = 0; i < path.length; i++) {
    const step = path[i] as PathStep
    if (!step.open) continue
    const below = path.slice(i + 1).map((s) => s.column)
    const words = below.map((c) => masked(first, c))
    const key = `${step.node}\u0000${words.join('\u0000')}`
    if (state.openings.has(key)) continue
    const opening: Opening = { members: step.members, below, words }
    const group = openingMembers(opening)
    // the split column must vary in the group, or its template is the cluster's own; and a word of
    // the content must stay literal text, or the template is slots only (issue 12: it merges events
    // and loses to the dictionary)
    if (isConstant(group, step.column) || !hasConstantWord(group)) continue
    state.openings.set(key, opening)
  }
}

/** A fallback group as kept until drafting: the members of the group split, and the words the group keeps in the columns split on below. */
interface Opening {
  readonly members: readonly ClusterMember[]
  readonly below: readonly number[]
  readonly words: readonly string[]
}

function openingMembers({ members, below, words }: Opening): ClusterMember[] {
  return members.filter((m) => below.every((c, k) => masked(m, c) === words[k]))
}

function wordColumnCount(members: readonly ClusterMember[]): number {
  const width = (members[0] as ClusterMember).width
  let count = 0
  for (let c = 0; c < width; c++) if (members.every((m) => m.role(c) === 'word')) count++
  return count
}

/** True when some column holds the same word, not a header field, in every member. */
function hasConstantWord(members: readonly ClusterMember[]): boolean {
  const width = (members[0] as ClusterMember).width
  for (let c = 0; c < width; c++) if (members.every((m) => m.role(c) === 'word') && isConstant(members, c)) return true
  return false
}
