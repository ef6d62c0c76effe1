/**
 * The pattern of one cluster variant (members with the same exact separators): the whole message,
 * separators and constant words as literal text, everything that varies (and every value-like
 * token, even when it happens to be constant) as slots with a type from discovery-slots.
 *
 * Steps (one column, i.e. one token position):
 * 1. The same word in every member, not a value and not seen as a value between the same
 *    separators elsewhere: literal text.
 * 2. Otherwise a slot column. A constant value, or values an IPv4, IPv6, UUID, timestamp or decimal slot
 *    takes whole, are one slot. Otherwise, when every value has the same runs (digits, letters, single
 *    punctuation marks) with the same punctuation, the runs are aligned: constant letter runs and
 *    punctuation become literal text, digit runs and varying letter runs become slots
 *    (`sshd[{0}]`, `{1}:{2}:{3}`); neighbouring slot runs merge into one slot.
 * 3. Otherwise the longest common prefix and suffix that end at punctuation are literal text
 *    around one slot (`blk_{4}` for `blk_-123` and `blk_456`), less the digit groups next to the slot:
 *    a date's year and month constant in training (`2026-12-` of `2026-12-01T00`) are the value's, or
 *    next month's lines would match no template (issue 12, s35-trial D1).
 * A date written as one token that no compact type takes whole (`06/Dec/2026` of an access log's
 * `$time_local`, `06-Dec-2026`, `2026/12/06`, `06.12.2026`; dotted only with a zero-padded day and month, since
 * `3.1.2024` is more often a version) is cut at its punctuation before step 2, whatever
 * training saw: its day, month and year are slots (a month name gets its class, discovery-slots step 4).
 * One day of training held one date, which became an enum of that one value, and next month's lines
 * escaped it (about 12 more bytes per line; the s39 trial's D1).
 */
import { closedClassOf, MONTH_WORDS } from './discovery-classes.ts'
import { acceptsAll, inferSlotSpec } from './discovery-slots.ts'
import { jsonSlotKeys } from './slot-json.ts'
import type { ClusterMember } from './discovery-cluster.ts'
import type { SlotSpec } from './store-types.ts'

/** A template drafted from training messages. */
export interface DraftTemplate {
  readonly pattern: string
  readonly slots: readonly SlotSpec[]
}

/** A piece of a column: literal text, or a slot whose value per member is given. */
type Piece = { kind: 'literal'; text: string } | { kind: 'slot'; values: string[]; spec?: SlotSpec }

/** Types that take a value whole more compactly than its runs would be. */
const WHOLE_TYPES: readonly SlotSpec[] = [
  { type: 'ipv4' },
  { type: 'ipv6' },
  { type: 'uuid' },
  { type: 'timestamp' },
  { type: 'decimal' },
]
/** Fewest distinct values that make a common prefix or suffix with letters part of the pattern. */
const MIN_AFFIX_DISTINCT = 8
const WORD_CHAR = /\p{L}/u
const RUN = /(?<![\p{L}\p{N}])-?\d+|\d+|\p{L}+|[^\d\p{L}]/gu
const DIGIT_RUN = /^-?\d/
const LETTER_RUN = /^\p{L}/u
const PUNCTUATION_END = /[^\p{L}\p{N}]$/u
const PUNCTUATION_START = /^[^\p{L}\p{N}]/u
/**
 * A date as one token with a four-digit year first or last: day, month (digits or a name) and year joined by one of
 * `-`, `/`, `.` (the same mark twice). ISO dates (`2026-12-06`) are not cut: the timestamp type takes them whole.
 */
const DATE_TOKEN =
  /^(?:(?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|[12]\d|3[01]|\p{L}{3,9})\1(?:19|20)\d{2}|(?:19|20)\d{2}([-/.])(?:0?[1-9]|[12]\d|3[01]|\p{L}{3,9})\2(?:0?[1-9]|[12]\d|3[01]))$/u
const TWO_DIGITS = /^\d\d$/
const ONE_OR_TWO_DIGITS = /^\d\d?$/
/** An hour (`9`, `09`, `23`) and a month's number (`3`, `03`, `12`). */
const HOUR = /^(?:[01]?\d|2[0-3])$/
const MONTH_NUMBER = /^(?:0?[1-9]|1[0-2])$/
/** Digit groups, each with its punctuation mark, that end a prefix (`2026-12-`, `app-1.4.`: not `v1/`, a word's digits). */
const PREFIX_DIGIT_GROUPS = /(?<![\p{L}\p{N}])(?:\d+[^\p{L}\p{N}])+$/u
/** Digit groups, each after its punctuation mark, that start a suffix (`.2026`, `-01`: not `.x86`). */
const SUFFIX_DIGIT_GROUPS = /^(?:[^\p{L}\p{N}]\d+)+(?![\p{L}\p{N}])/u

/**
 * Slot columns already cut for a member set, by column: a cluster's header-word fallback (discovery-drafts.ts)
 * drafts the same members again with more columns as slots, and every column that was a slot is cut
 * the same way. Keyed by the members array, so it lives as long as the caller holds the set; a caller
 * must not change a member set between two drafts of it (draftAll builds each set before drafting it).
 */
const slotColumns = new WeakMap<readonly ClusterMember[], Map<number, readonly Piece[]>>()

/**
 * Slot specs already inferred for a slot's values array (an unmerged slot piece of a column cut above
 * keeps its array), for the last slot and the others: inferSlotSpec depends on nothing else.
 */
const slotSpecs = new WeakMap<readonly string[], { last?: SlotSpec; other?: SlotSpec }>()

/** Column cuts made by datePieces (a date's day, month and year as slots): draftWithWholeDates leaves them whole. */
const dateCuts = new WeakSet<readonly Piece[]>()

/**
 * The members' draft with every date column that draftTemplate cut at its marks left one slot, typed by its values;
 * undefined when no column was cut as a date. A fallback: a later value of the field that is no date (`never`, `-`)
 * misses the cut template's literal marks and takes this one, and a date of training's takes the cheaper of the two.
 */
export function draftWithWholeDates(
  members: readonly ClusterMember[],
  isValueWord: (member: ClusterMember, column: number) => boolean,
): DraftTemplate | undefined {
  draftTemplate(members, isValueWord)
  const cut = slotColumns.get(members)
  if (cut === undefined || ![...cut.values()].some((pieces) => dateCuts.has(pieces))) return undefined
  return draftTemplate(members, isValueWord, true)
}

/** Drafts the template of members sharing their exact separators; `isValueWord(member, column)` marks words seen as values. */
export function draftTemplate(
  members: readonly ClusterMember[],
  isValueWord: (member: ClusterMember, column: number) => boolean,
  wholeDates = false,
): DraftTemplate {
  const first = members[0] as ClusterMember
  let cut = slotColumns.get(members)
  if (cut === undefined) {
    cut = new Map()
    slotColumns.set(members, cut)
  }
  const pieces: Piece[] = [{ kind: 'literal', text: first.separator(0) }]
  for (let column = 0; column < first.width; column++) {
    const token = first.token(column)
    // the literal test reads the members' tokens in place; only a slot column builds its values
    let literal = true
    for (const m of members)
      if (m.role(column) === 'value' || m.token(column) !== token) {
        literal = false
        break
      }
    if (literal && !isValueWord(first, column)) pieces.push({ kind: 'literal', text: token })
    else {
      let columnPieces = cut.get(column)
      if (columnPieces === undefined) {
        columnPieces = slotPieces(
          members.map((m) => m.token(column)),
          timeFollows(members, column),
        )
        cut.set(column, columnPieces)
      }
      if (wholeDates && dateCuts.has(columnPieces))
        pieces.push({ kind: 'slot', values: members.map((m) => m.token(column)) })
      else for (const piece of columnPieces) pieces.push(piece)
    }
    pieces.push({ kind: 'literal', text: first.separator(column + 1) })
  }
  return toDraft(mergePieces(pieces))
}

/**
 * A draft from literal text and value columns (the values of every member at one place), each value
 * column split into slots and literal runs the way a token column is (steps 2 and 3 above): JSON
 * string values get `chatcmpl-{0}` as a word column would.
 */
export function draftFromColumns(parts: readonly (string | readonly string[] | WholeColumn)[]): DraftTemplate {
  const pieces: Piece[] = []
  for (const part of parts) {
    if (typeof part === 'string') {
      pieces.push({ kind: 'literal', text: part })
      continue
    }
    if ('whole' in part) {
      pieces.push({ kind: 'slot', values: [...part.whole], spec: wholeSpec(part.whole) })
      continue
    }
    let cut = valueColumns.get(part)
    if (cut === undefined) valueColumns.set(part, (cut = slotPieces(part)))
    pieces.push(...cut)
  }
  return toDraft(mergePieces(pieces))
}

/**
 * The spec of a member cut out whole: an enum when its texts repeat enough to be listed (inferSlotSpec),
 * else a `json` slot (slot-json.ts: a structural code, its keys listed) instead of its JSON text.
 */
function wholeSpec(values: readonly string[]): SlotSpec {
  let spec = wholeSpecs.get(values)
  if (spec !== undefined) return spec
  spec = slotSpec(values, false)
  if (spec.type !== 'enum') {
    const keys = jsonSlotKeys(values)
    spec = keys.length === 0 ? { type: 'json' } : { type: 'json', keys }
  }
  wholeSpecs.set(values, spec)
  return spec
}
const wholeSpecs = new WeakMap<readonly string[], SlotSpec>()

/** A value column that is one slot whatever its values (a JSON member cut out whole: discovery-json-cut.ts), never split into runs. */
export interface WholeColumn {
  readonly whole: readonly string[]
}

/**
 * Value columns already cut, by their values array: a JSON structure's fallback draft (every value a
 * slot, discovery-json.ts) passes the arrays its first draft did, and each is cut once (its slot specs
 * are then found in slotSpecs too). A caller must not change a values array between two drafts.
 */
const valueColumns = new WeakMap<readonly string[], readonly Piece[]>()

/** Fewest members a value shape needs to get a template of its own (see splitByValueShape). */
export const MIN_SHAPE_SUPPORT = 8

/**
 * Members grouped by the run shape of their value tokens (`subdir57/blk_-1` and `blk_-1` differ),
 * keeping only groups of at least MIN_SHAPE_SUPPORT members; empty when all members share one
 * shape. Each group drafts a tighter template than all members together would.
 */
export function splitByValueShape(members: readonly ClusterMember[]): ClusterMember[][] {
  const first = members[0] as ClusterMember
  const columns: number[] = []
  for (let c = 0; c < first.width; c++) if (members.some((m) => m.role(c) === 'value')) columns.push(c)
  const groups = new Map<string, ClusterMember[]>()
  // tokens repeat: each distinct one is cut into runs once
  const shapes = new Map<string, string>()
  const runShape = (token: string): string => {
    let shape = shapes.get(token)
    if (shape === undefined) {
      shape = runsOf(token).map(runClass).join('\u0001')
      shapes.set(token, shape)
    }
    return shape
  }
  for (const member of members) {
    const key = columns.map((c) => runShape(member.token(c))).join('\u0000')
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [member])
    else group.push(member)
  }
  const large = [...groups.values()].filter((group) => group.length >= MIN_SHAPE_SUPPORT)
  return groups.size >= 2 ? large : []
}

function runsOf(value: string): string[] {
  return value.match(RUN) ?? []
}

function runClass(run: string): string {
  if (DIGIT_RUN.test(run)) return 'd'
  if (LETTER_RUN.test(run)) return 'l'
  return run
}

/** A time of day (`14:05`, `9:05:33`) right after the column, one space between, in every member. */
function timeFollows(members: readonly ClusterMember[], column: number): boolean {
  const first = members[0] as ClusterMember
  if (column + 2 >= first.width || first.separator(column + 1) !== ' ' || first.separator(column + 2) !== ':')
    return false
  return members.every((m) => HOUR.test(m.token(column + 1)) && TWO_DIGITS.test(m.token(column + 2)))
}

/** Pieces of a slot column (steps 2 and 3 of the file comment); `beforeTime`: a time of day follows every value. */
function slotPieces(values: readonly string[], beforeTime = false): Piece[] {
  const distinct = new Set(values)
  const date = datePieces(values, distinct, beforeTime)
  if (date !== undefined) return date
  // a constant value (a year, a month name), values of a closed class (month names, space-padded days
  // ` 6`, whose padding is the value's: s38-trial D2) and a value some compact type takes whole stay one slot
  if (
    distinct.size === 1 ||
    closedClassOf(distinct) !== undefined ||
    WHOLE_TYPES.some((spec) => acceptsAll(spec, distinct, false))
  )
    return [{ kind: 'slot', values: [...values] }]
  const runsByValue = new Map<string, string[]>()
  for (const value of distinct) runsByValue.set(value, runsOf(value))
  const runs = values.map((value) => runsByValue.get(value) as string[])
  const shape = (runs[0] as string[]).map(runClass).join('\u0000')
  // letters in the shape (`subdir{0}/blk_{1}`) are structure only when many different values share them
  const lettersAllowed = distinct.size >= MIN_AFFIX_DISTINCT
  if (
    (lettersAllowed || !shape.includes('l')) &&
    [...runsByValue.values()].every((r) => r.map(runClass).join('\u0000') === shape)
  ) {
    return (runs[0] as string[]).map((run, k) => {
      const column = runs.map((r) => r[k] as string)
      const constant = column.every((v) => v === run) && !DIGIT_RUN.test(run)
      return constant ? { kind: 'literal', text: run } : { kind: 'slot', values: column }
    })
  }
  return affixPieces(values)
}

/**
 * A column of dates written as one token (DATE_TOKEN, a month in letters only as a month name), cut at its two
 * marks: day, month and year each a slot, the marks literal when every value has the same ones; else undefined.
 */
function datePieces(
  values: readonly string[],
  distinct: ReadonlySet<string>,
  beforeTime: boolean,
): Piece[] | undefined {
  let marks: string | undefined
  for (const value of distinct) {
    const match = DATE_TOKEN.exec(value)
    if (match === null) return undefined
    const mark = (match[1] ?? match[2]) as string
    const [first, middle, last] = value.split(mark) as [string, string, string]
    if (/\p{L}/u.test(middle) && !MONTH_WORDS.has(middle.toLowerCase())) return undefined
    // dotted, a day and month both zero-padded (`06.12.2026`): `3.1.2024` and `2023.3.4` are version numbers (s39-rev1);
    // unpadded (de-DE `7.3.2026`) only day.month.year right before a time of day (`7.3.2026 14:05:09`), which a version is not
    if (
      mark === '.' &&
      !(TWO_DIGITS.test(middle) && TWO_DIGITS.test(first.length === 4 ? last : first)) &&
      !(beforeTime && last.length === 4 && MONTH_NUMBER.test(middle))
    )
      return undefined
    if (marks !== undefined && marks !== mark) return undefined
    marks = mark
  }
  if (marks === undefined || WHOLE_TYPES.some((spec) => acceptsAll(spec, distinct, false))) return undefined
  const parts = values.map((value) => value.split(marks as string))
  const slot = (k: number): Piece => {
    const column = parts.map((p) => p[k] as string)
    // a two-digit day or month takes every other one in one byte: training's one value says nothing of the next;
    // an unpadded one (`7` of `7.3.2026`) an integer, for the same reason
    if (column.every((v) => TWO_DIGITS.test(v)))
      return { kind: 'slot', values: column, spec: { type: 'integer', width: 2, other: 'auto' } }
    return column.every((v) => ONE_OR_TWO_DIGITS.test(v))
      ? { kind: 'slot', values: column, spec: { type: 'integer', other: 'auto' } }
      : { kind: 'slot', values: column }
  }
  const pieces: Piece[] = [
    slot(0),
    { kind: 'literal', text: marks },
    slot(1),
    { kind: 'literal', text: marks },
    slot(2),
  ]
  dateCuts.add(pieces)
  return pieces
}

function affixPieces(values: readonly string[]): Piece[] {
  const first = values[0] as string
  let prefix = first
  let suffix = first
  for (const value of values) {
    while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1)
    while (!value.endsWith(suffix)) suffix = suffix.slice(1)
  }
  while (prefix !== '' && !PUNCTUATION_END.test(prefix)) prefix = prefix.slice(0, -1)
  while (suffix !== '' && !PUNCTUATION_START.test(suffix)) suffix = suffix.slice(1)
  // words around a value are structure only when many different values share them (`blk_`), not a few host names
  if (new Set(values).size < MIN_AFFIX_DISTINCT) {
    prefix = WORD_CHAR.test(prefix) ? '' : prefix
    suffix = WORD_CHAR.test(suffix) ? '' : suffix
  }
  // digit groups next to the value are part of it, even when constant in training (step 3)
  prefix = prefix.replace(PREFIX_DIGIT_GROUPS, '')
  suffix = suffix.replace(SUFFIX_DIGIT_GROUPS, '')
  while (prefix !== '' && !PUNCTUATION_END.test(prefix)) prefix = prefix.slice(0, -1)
  while (suffix !== '' && !PUNCTUATION_START.test(suffix)) suffix = suffix.slice(1)
  // every value keeps at least one character for its slot
  const shortest = Math.min(...values.map((v) => v.length))
  if (prefix.length + suffix.length >= shortest) prefix = suffix = ''
  const middle = values.map((v) => v.slice(prefix.length, v.length - suffix.length))
  return [
    { kind: 'literal', text: prefix },
    { kind: 'slot', values: middle },
    { kind: 'literal', text: suffix },
  ]
}

/** Joins neighbouring literals, and neighbouring slots (their values concatenated per member). */
function mergePieces(pieces: readonly Piece[]): Piece[] {
  const merged: Piece[] = []
  for (const piece of pieces) {
    const previous = merged[merged.length - 1]
    if (piece.kind === 'literal' && piece.text === '') continue
    if (previous?.kind === 'literal' && piece.kind === 'literal')
      merged[merged.length - 1] = { kind: 'literal', text: previous.text + piece.text }
    else if (
      previous?.kind === 'slot' &&
      piece.kind === 'slot' &&
      previous.spec === undefined &&
      piece.spec === undefined
    )
      merged[merged.length - 1] = {
        kind: 'slot',
        values: previous.values.map((v, i) => v + (piece.values[i] as string)),
      }
    else merged.push(piece)
  }
  return merged
}

function toDraft(pieces: readonly Piece[]): DraftTemplate {
  let pattern = ''
  const slots: SlotSpec[] = []
  const slotCount = pieces.filter((p) => p.kind === 'slot').length
  for (const piece of pieces) {
    if (piece.kind === 'literal') pattern += piece.text
    else {
      pattern += `{${slots.length}}`
      slots.push(piece.spec ?? slotSpec(piece.values, slots.length === slotCount - 1))
    }
  }
  return { pattern, slots }
}

/** inferSlotSpec, once per values array and `last` (see slotSpecs). */
function slotSpec(values: readonly string[], last: boolean): SlotSpec {
  let known = slotSpecs.get(values)
  if (known === undefined) {
    known = {}
    slotSpecs.set(values, known)
  }
  const spec = (last ? known.last : known.other) ?? inferSlotSpec(values, last)
  if (last) known.last = spec
  else known.other = spec
  return spec
}
