/**
 * A check on a message's UTF-8 bytes that can rule out every template of a store before the message
 * is decoded or tokenized, in three steps, each a necessary condition of any match.
 *
 * 1. Edges: one lookup of the (first byte, last byte) pair in a 65,536-bit table.
 * A template's message starts with its first literal, or when that is empty with a value of its
 * first slot, whose type limits the byte it can start with (an integer starts with a digit or a sign,
 * an enum with the first byte of one of its values, a string with anything); likewise at the end.
 * The table holds every pair some template allows. A store with a template that takes any text at
 * both ends rules nothing out. Lines of a log a store was not made from usually start or end
 * differently (a bracket, a month name, a digit), so many of them stop here at the cost of one load.
 * 2. Required literals: text that every template's literals hold (` dfs.` in every template of an
 * HDFS store, `|` in every HealthApp one) is in every message any template matches, since a
 * message holds each literal of its template whole. Each is looked for by a native memchr of
 * one of its bytes (~15 ns a line), where tokenizing the line in JavaScript (literal-anchors.ts) costs
 * hundreds.
 * Which: the *maximal* ones (not inside a longer one) that hold a non-word byte (punctuation,
 * space, a control byte): words are the anchor index's business, and a required word is mostly a
 * letter or two (`in`, `or`) found in nearly any text. Longest first. (Rule chosen leave-systems-out
 * on Loghub: docs/history/speed-rounds.md, seventh round.) A store with a template without literal text, or whose
 * templates share none, has none, and the step costs nothing. Found on first use, not when
 * the matcher is built (discovery builds matchers that never screen bytes).
 * 3. Keys: where a template holds a required literal inside one of its literals, the message holds
 * the text around it too (`]: authentication f` in a Linux template, where OpenSSH lines hold
 * `): authentication f`). Each template gives each required literal one key (up to KEY_BYTES_AFTER
 * bytes after it, KEY_BYTES_BEFORE before, at its first place with text after it), and the
 * literal counts as held only at an occurrence with some template's key around it: the first bytes
 * after it looked up in a small table, the rest compared. A literal keeps no keys when a template
 * has it only before a placeholder, or when more than MAX_KEYS_PER_PROBE keys share their first
 * bytes (a bound on the compares). Caps chosen leave-systems-out (docs/history/speed-rounds.md, eighth round).
 * The literals and their keys are found by required-literals.ts and literal-keys.ts; step 4 (groups of
 * templates) and the screen itself are here.
 */
import { literalKeysOf, KEY_BYTES_AFTER, KEY_BYTES_BEFORE } from './literal-keys.ts'
import { heldAt, holds, isWordByte, prepareRequired, repivot, type RequiredLiteral } from './required-literals.ts'
import { edgePairs, edgesAllow } from './screen-edges.ts'
import { textToBytes } from './text-bytes.ts'
import type { Template } from './store-types.ts'

/** False only when no template of the store can match the message these UTF-8 bytes encode. */
export interface ByteScreen {
  (bytes: Uint8Array): boolean
  /** Tells the screen that the anchor scan refused the line it last passed (its rest ends: see STEPS_PASSES). */
  refusedAfter(): void
  /** Steps 2-4's literals with their pivots as they are now (undefined before a line reached step 2; tests and benches). */
  checks(): RequiredChecks | undefined
}

/**
 * Step 4: the templates in groups, each with the required literals (and keys) of its own templates;
 * a line passes when it holds every required literal of some group. A group is split in two:
 * - on a required literal without keys (some template holds it only right before a placeholder:
 *   Spark's `INFO {4}: {5} started`, Zookeeper's `[{7}:{8}:{9}] {10} Interrupting`): the templates with
 *   a key for it, which then get keys, and the others;
 * - else, with `byLiteral`, when none of its required literals has keys: the templates that hold the
 *   longest literal (with a non-word byte) of its first template that not all of them hold, and the others;
 * and each part again, up to `depth` times. A part's templates are some of its group's, so its shared
 * literals hold the group's: no part passes a line its group refuses, and a line a template matches
 * passes that template's part. depth 0: one group (steps 2-3 alone). Rule chosen leave-systems-out
 * (docs/history/speed-rounds.md, ninth round).
 */
export interface GroupRule {
  readonly depth: number
  readonly byLiteral: boolean
  /** split only a group none of whose required literals has keys */
  readonly onlyOpen: boolean
}

const GROUP_RULE: GroupRule = { depth: 3, byLiteral: true, onlyOpen: true }

/**
 * What the screen looks for: `all`, the store's required literals (steps 2-3), then, when the store
 * splits, some group's (step 4, only on a line that holds all of `all`: a line refused by steps 2-3
 * pays nothing more). A group's literal that is also one of `all`, both without keys, is not looked for again.
 */
export interface RequiredChecks {
  readonly all: readonly RequiredLiteral[]
  /** each group's literals, those more groups have first (see groupIds) */
  readonly groups: readonly (readonly RequiredLiteral[])[]
  /** the literals of the groups, each once (same bytes and same keys) */
  readonly distinct: readonly RequiredLiteral[]
  /**
   * `groups` as places in `distinct`. A literal is looked for at most once a line (createGroupCheck), so the
   * one most groups have comes first in each: a line that lacks it is refused by all those groups for one
   * look (Apache lines on the Zookeeper store: `,` in four of five groups, 13 memchr calls a line before).
   */
  readonly groupIds: readonly Int32Array[]
  /**
   * Per literal of `distinct`: a literal of `all` without keys that its bytes hold (the first, longest, of
   * `all`'s order), or -1, and where in its bytes (`inside`). Every occurrence of the distinct literal holds
   * that one there, and step 2 found where the line holds that one first: the distinct literal is looked for
   * from there on (the Linux store's keyed `: ` in OpenSSH lines: the timestamp's two colons are not looked
   * at again).
   */
  readonly holding: Int32Array
  readonly inside: Int32Array
}

const NO_POSITIONS = new Int32Array(0)

export function requiredChecks(
  templates: readonly Template[],
  rule: GroupRule = GROUP_RULE,
  afterBytes = KEY_BYTES_AFTER,
  beforeBytes = KEY_BYTES_BEFORE,
): RequiredChecks {
  const all = prepareRequired(templates, afterBytes, beforeBytes)
  const groups = splitGroups(templates, all, rule, afterBytes, beforeBytes)
  const none = { all, groups: [], distinct: [], groupIds: [], holding: NO_POSITIONS, inside: NO_POSITIONS }
  if (groups.length < 2) return none
  const open = new Set(all.filter((r) => r.keys === undefined).map((r) => Buffer.from(r.bytes).toString('latin1')))
  const again = (r: RequiredLiteral): boolean =>
    r.keys !== undefined || !open.has(Buffer.from(r.bytes).toString('latin1'))
  const checked = groups.map((group) => group.filter(again))
  // a group left with nothing to look for passes every line: step 4 could then refuse none, and only costs time
  if (checked.some((group) => group.length === 0)) return none
  const shared = sharedFirst(checked)
  const holding = new Int32Array(shared.distinct.length).fill(-1)
  const inside = new Int32Array(shared.distinct.length)
  shared.distinct.forEach(({ bytes }, d) => {
    for (let a = 0; a < all.length && holding[d] === -1; a++) {
      const literal = all[a] as RequiredLiteral
      const at = literal.keys === undefined ? Buffer.from(bytes).indexOf(literal.bytes) : -1
      if (at !== -1) [holding[d], inside[d]] = [a, at]
    }
  })
  return { all, ...shared, holding, inside }
}

/** The text that tells two required literals apart: their bytes and their keys (in any order). */
function literalId({ bytes, keys }: RequiredLiteral): string {
  const text = Buffer.from(bytes).toString('latin1')
  if (keys === undefined) return text
  const keyTexts = keys.slots.flatMap((same) => (same ?? []).map((k) => `${k.before.join()}/${k.after.join()}`))
  return `${text}\u0000${keys.probeBytes}:${keyTexts.sort().join(';')}`
}

/** The groups with their literals numbered once each, and ordered most groups first (see RequiredChecks.groupIds). */
function sharedFirst(
  groups: readonly (readonly RequiredLiteral[])[],
): Omit<RequiredChecks, 'all' | 'holding' | 'inside'> {
  const ids = new Map<string, number>()
  const distinct: RequiredLiteral[] = []
  const shares: number[] = []
  const numbered = groups.map((group) =>
    group.map((literal) => {
      const text = literalId(literal)
      let id = ids.get(text)
      if (id === undefined) {
        ids.set(text, (id = distinct.length))
        distinct.push(literal)
        shares.push(0)
      }
      shares[id] = (shares[id] as number) + 1
      return id
    }),
  )
  // stable: among literals as many groups have, the longest first (prepareRequired's order) stays
  const sorted = numbered.map((group) => [...group].sort((a, b) => (shares[b] as number) - (shares[a] as number)))
  return {
    groups: sorted.map((group) => group.map((id) => distinct[id] as RequiredLiteral)),
    distinct,
    groupIds: sorted.map((group) => Int32Array.from(group)),
  }
}

/** The groups of step 4 (see GroupRule): the required literals of each. */
function splitGroups(
  templates: readonly Template[],
  required: RequiredLiteral[],
  rule: GroupRule,
  afterBytes: number,
  beforeBytes: number,
): RequiredLiteral[][] {
  const open = required.every((r) => r.keys === undefined)
  if (rule.depth === 0 || templates.length < 2 || (rule.onlyOpen && !open)) return [required]
  const split =
    splitOnOpenLiteral(templates, required, afterBytes, beforeBytes) ??
    (rule.byLiteral && open ? splitOnLiteral(templates) : undefined)
  if (split === undefined) return [required]
  const deeper = { ...rule, depth: rule.depth - 1 }
  return split.flatMap((part) =>
    splitGroups(part, prepareRequired(part, afterBytes, beforeBytes), deeper, afterBytes, beforeBytes),
  )
}

/** The templates with a key for the first required literal without keys that some have and some lack, and the others. */
function splitOnOpenLiteral(
  templates: readonly Template[],
  required: readonly RequiredLiteral[],
  afterBytes: number,
  beforeBytes: number,
): Template[][] | undefined {
  if (afterBytes === 0) return undefined
  for (const { bytes, keys } of required) {
    if (keys !== undefined || bytes.every((byte) => byte === 0x20)) continue
    const keyed = literalKeysOf(templates, bytes, afterBytes, beforeBytes).map((key) => key.after.length > 0)
    const parts = partition(templates, keyed)
    if (parts !== undefined) return parts
  }
  return undefined
}

/** The templates holding the longest literal (with a non-word byte) of the first template that some lack, and the others. */
function splitOnLiteral(templates: readonly Template[]): Template[][] | undefined {
  const literalBytes = templates.map((t) => t.literals.filter((l) => l !== '').map((l) => Buffer.from(textToBytes(l))))
  const pieces = (literalBytes[0] as Buffer[])
    .filter((bytes) => bytes.some((byte) => !isWordByte(byte)))
    .sort((a, b) => b.length - a.length)
  for (const piece of pieces) {
    const parts = partition(
      templates,
      literalBytes.map((literals) => literals.some((l) => l.includes(piece))),
    )
    if (parts !== undefined) return parts
  }
  return undefined
}

/** [those flagged, the others], or undefined when either is empty. */
function partition(templates: readonly Template[], flags: readonly boolean[]): Template[][] | undefined {
  const yes = templates.filter((_, i) => flags[i])
  return yes.length === 0 || yes.length === templates.length ? undefined : [yes, templates.filter((_, i) => !flags[i])]
}

/** True when the message holds every literal of `required`. */
function holdsAll(message: Uint8Array, required: readonly RequiredLiteral[]): boolean {
  for (let i = 0; i < required.length; i++) if (!holds(message, required[i] as RequiredLiteral)) return false
  return true
}

/** holdsAll, writing where the message holds each literal first into `firstAt` (for step 4: createGroupCheck). */
function holdsAllAt(message: Uint8Array, required: readonly RequiredLiteral[], firstAt: Int32Array): boolean {
  for (let i = 0; i < required.length; i++)
    if ((firstAt[i] = heldAt(message, required[i] as RequiredLiteral, 0)) === -1) return false
  return true
}

/** Step 4 alone: true when the message holds every literal of some group (of a store that splits). */
function someGroupHolds(message: Uint8Array, groups: readonly (readonly RequiredLiteral[])[]): boolean {
  for (let g = 0; g < groups.length; g++) if (holdsAll(message, groups[g] as readonly RequiredLiteral[])) return true
  return false
}

/**
 * Step 4 as the screen runs it: someGroupHolds on `groups` (true when the store does not split), each of
 * `distinct` looked for at most once a line (a group's literal another group looked for is not looked for again).
 * `firstAt`, when given, is where the line holds each literal of `all` first (heldAt from 0, step 2): a distinct
 * literal is then looked for from where the literal of `all` it holds is (RequiredChecks.holding).
 */
export function createGroupCheck(
  { distinct, groupIds, holding, inside }: RequiredChecks,
  firstAt?: Int32Array,
): (message: Uint8Array) => boolean {
  if (groupIds.length === 0) return () => true
  // per distinct literal: the line it was last looked for on (lines counted from 1), and whether that line held it
  const lookedOn = new Float64Array(distinct.length)
  const held = new Uint8Array(distinct.length)
  let line = 0
  return (message) => {
    line += 1
    for (let g = 0; g < groupIds.length; g++) {
      const ids = groupIds[g] as Int32Array
      let i = 0
      for (; i < ids.length; i++) {
        const id = ids[i] as number
        if (lookedOn[id] !== line) {
          lookedOn[id] = line
          const a = holding[id] as number
          const from =
            firstAt === undefined || a === -1 ? 0 : Math.max(0, (firstAt[a] as number) - (inside[id] as number))
          held[id] = heldAt(message, distinct[id] as RequiredLiteral, from) === -1 ? 0 : 1
        }
        if (held[id] === 0) break
      }
      if (i === ids.length) return true
    }
    return false
  }
}

/** Steps 2-4 on a message (see RequiredChecks). */
export function passesRequired(message: Uint8Array, { all, groups }: RequiredChecks): boolean {
  return holdsAll(message, all) && (groups.length === 0 || someGroupHolds(message, groups))
}

/**
 * Step 4 is skipped on the next STEP4_REST lines that reach it once STEP4_PASSES lines in a row passed it:
 * on a store's own traffic (every line a template matches passes it, at a few more memchr calls each)
 * it then runs on about one line in 33, and on a stream it refuses, on every line. Only the time
 * changes: a line it would refuse goes on to the anchor scan, which refuses it. Numbers not tuned.
 */
const STEP4_PASSES = 8
const STEP4_REST = 256

/**
 * Steps 2-4 together are skipped on the next STEPS_REST lines once STEPS_PASSES lines in a row passed
 * the screen and were not refused by the anchor scan (`refusedAfter`), until the scan refuses one of
 * those lines. A store's own stream then pays them on about one line in 5 (on HDFS's own lines, ~0.1 µs
 * of the screen and scan's ~0.7 at load ~9); a stream of other lines, every time; a mix, every time
 * unless 64 of its lines in a row are the store's, and then one other line pays the anchor scan instead
 * of a memchr. Numbers not tuned: with 8 (step 4's), a stream with one other line in ten paid the scan
 * often enough to be 1.05-1.23x slower on four Loghub stores (docs/history/speed-rounds.md, tenth round).
 */
const STEPS_PASSES = 64
const STEPS_REST = 256

/**
 * The pivots of steps 2-4 (RequiredLiteral.pivotAt) follow the lines that reach step 2: the bytes of the
 * first PIVOT_FIRST such lines are counted and each literal's pivot moved to its byte they hold fewest
 * times (repivot), then one line in PIVOT_EVERY is counted and the pivots picked again after each
 * PIVOT_WINDOW of them, from those alone (a stream that changes is followed). Only the time changes, never
 * an answer. Counting a line is one pass over its bytes (up to PIVOT_BYTES) in JavaScript (~1 ns a byte):
 * one line in 256 pays it. Numbers not tuned (one in 64 cost the stores whose screen is cheap more:
 * docs/rounds/s32-match.md).
 */
const PIVOT_FIRST = 8
const PIVOT_EVERY = 256
const PIVOT_WINDOW = 8
const PIVOT_BYTES = 4096

/** Step 1 alone (benches compare the steps). */
export function createEdgeScreen(templates: readonly Template[]): ByteScreen {
  const pairs = edgePairs(templates)
  return Object.assign((bytes: Uint8Array) => bytes.length > 0 && edgesAllow(pairs, bytes), {
    refusedAfter() {},
    checks: () => undefined,
  })
}

/** Builds the screen (all four steps) for a store's templates. */
export function createByteScreen(templates: readonly Template[]): ByteScreen {
  const pairs = edgePairs(templates)
  let required: RequiredChecks | undefined
  let someGroup: ((message: Uint8Array) => boolean) | undefined
  // where the line being screened holds each of required.all first (step 2), for step 4 (createGroupCheck)
  let firstAt = NO_POSITIONS
  // step 4's rest (see STEP4_PASSES): lines passed in a row, lines left to skip it on
  let [passes, rest] = [0, 0]
  // the rest of steps 2-4 (see STEPS_PASSES): lines passed in a row, lines left to skip them on
  let [clean, skip] = [0, 0]
  // the pivots' byte counts (see PIVOT_FIRST): lines reaching step 2 until the next is counted, lines counted
  const seen = new Uint32Array(256)
  let [untilCounted, counted] = [0, 0]
  const countBytes = (bytes: Uint8Array, checks: RequiredChecks): void => {
    // a long message's first PIVOT_BYTES stand for it: counting is bounded per line
    const end = Math.min(bytes.length, PIVOT_BYTES)
    for (let i = 0; i < end; i++) seen[bytes[i] as number] = (seen[bytes[i] as number] as number) + 1
    counted += 1
    untilCounted = counted < PIVOT_FIRST ? 0 : PIVOT_EVERY - 1
    if (counted === PIVOT_FIRST || (counted > PIVOT_FIRST && (counted - PIVOT_FIRST) % PIVOT_WINDOW === 0)) {
      repivot(checks.all, seen)
      repivot(checks.distinct, seen)
      seen.fill(0)
    }
  }
  const screen = (bytes: Uint8Array): boolean => {
    if (bytes.length === 0 || !edgesAllow(pairs, bytes)) return false
    if (skip > 0) {
      skip -= 1
      return true
    }
    if (required === undefined) {
      required = requiredChecks(templates)
      firstAt = new Int32Array(required.all.length)
      someGroup = createGroupCheck(required, firstAt)
    }
    if (untilCounted === 0) countBytes(bytes, required)
    else untilCounted -= 1
    if (!(required.groups.length > 0 ? holdsAllAt(bytes, required.all, firstAt) : holdsAll(bytes, required.all))) {
      clean = 0
      return false
    }
    if (required.groups.length > 0) {
      if (rest > 0) rest -= 1
      else if (!(someGroup as (message: Uint8Array) => boolean)(bytes)) {
        ;[passes, clean] = [0, 0]
        return false
      } else if (++passes === STEP4_PASSES) [passes, rest] = [0, STEP4_REST]
    }
    if (++clean === STEPS_PASSES) [clean, skip] = [0, STEPS_REST]
    return true
  }
  return Object.assign(screen, {
    refusedAfter() {
      ;[clean, skip] = [0, 0]
    },
    checks: () => required,
  })
}
