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
 * on Loghub: docs/speed.md, seventh round.) A store with a template without literal text, or whose
 * templates share none, has none, and the step costs nothing. Found on first use, not when
 * the matcher is built (discovery builds matchers that never screen bytes).
 * 3. Keys: where a template holds a required literal inside one of its literals, the message holds
 * the text around it too (`]: authentication f` in a Linux template, where OpenSSH lines hold
 * `): authentication f`). Each template gives each required literal one key (up to KEY_BYTES_AFTER
 * bytes after it, KEY_BYTES_BEFORE before, at its first place with text after it), and the
 * literal counts as held only at an occurrence with some template's key around it: the first bytes
 * after it looked up in a small table, the rest compared. A literal keeps no keys when a template
 * has it only before a placeholder, or when more than MAX_KEYS_PER_PROBE keys share their first
 * bytes (a bound on the compares). Caps chosen leave-systems-out (docs/speed.md, eighth round).
 */
import {
  keyAround,
  keysByProbe,
  literalKeysOf,
  KEY_BYTES_AFTER,
  KEY_BYTES_BEFORE,
  type KeysByProbe,
} from './literal-keys.ts'
import { edgePairs, edgesAllow } from './screen-edges.ts'
import { textToBytes } from './text-bytes.ts'
import type { Template } from './store-types.ts'

/** False only when no template of the store can match the message these UTF-8 bytes encode. */
export interface ByteScreen {
  (bytes: Uint8Array): boolean
  /** Tells the screen that the anchor scan refused the line it last passed (its rest ends: see STEPS_PASSES). */
  refusedAfter(): void
}

/** Buffer's native indexOf of one byte (memchr), called on any Uint8Array. */
const nativeIndexOf = Buffer.prototype.indexOf as (this: Uint8Array, value: number, from: number) => number

/** True for a byte of a word unit as literal-anchors.ts counts them: ASCII letters, digits, `_`, and every byte from 0x80 up. */
const isWordByte = (code: number): boolean => code >= 0x80 || /[A-Za-z0-9_]/.test(String.fromCharCode(code))

/**
 * The maximal byte strings every template holds within one of its literals (none inside a longer
 * one), longest first, as UTF-8. Each is the longest shared string starting at some place of the
 * literals of the template with the least literal text; the one starting a byte later is at least
 * that long less one byte (every substring of a shared string is shared), so each place extends the
 * last, and the search tries about twice as many strings as those literals have bytes.
 */
export function sharedLiterals(templates: readonly Template[]): Uint8Array[] {
  // literals as latin1 strings of their UTF-8 (one char per byte): substring tests are native
  const literalsOf = templates.map((t) =>
    t.literals.filter((l) => l !== '').map((l) => Buffer.from(textToBytes(l)).toString('latin1')),
  )
  if (literalsOf.length === 0 || literalsOf.some((literals) => literals.length === 0)) return []
  const size = (literals: string[]): number => literals.reduce((sum, l) => sum + l.length, 0)
  const pivot = literalsOf.reduce((a, b) => (size(b) < size(a) ? b : a))
  const shared = (text: string): boolean => literalsOf.every((literals) => literals.some((l) => l.includes(text)))
  const found = new Set<string>()
  for (const literal of pivot) {
    let length = 0
    for (let at = 0; at < literal.length; at++) {
      length = Math.max(length - 1, 0)
      while (at + length < literal.length && shared(literal.slice(at, at + length + 1))) length += 1
      if (length > 0) found.add(literal.slice(at, at + length))
    }
  }
  const all = [...found]
  return all
    .filter((text) => !all.some((other) => other.length > text.length && other.includes(text)))
    .sort((a, b) => b.length - a.length)
    .map((text) => Uint8Array.from(Buffer.from(text, 'latin1')))
}

/** The literals step 2 looks for (see the file comment): the shared literals that hold a non-word byte. */
export function requiredLiterals(templates: readonly Template[]): Uint8Array[] {
  return sharedLiterals(templates).filter((bytes) => bytes.some((byte) => !isWordByte(byte)))
}

/**
 * A required literal ready to look for: its bytes and the one byte of it that native memchr looks
 * for (the byte its store's literal text holds fewest times, so that in the store's own messages,
 * which hold every required literal, few false starts are checked). Looking for the whole string
 * natively costs several times one memchr (a string search set up per call).
 */
export interface RequiredLiteral {
  readonly bytes: Uint8Array
  readonly pivotAt: number
  /** the text one template or another holds around it (step 3), or undefined */
  readonly keys: KeysByProbe | undefined
}

export function prepareRequired(
  templates: readonly Template[],
  afterBytes = KEY_BYTES_AFTER,
  beforeBytes = KEY_BYTES_BEFORE,
): RequiredLiteral[] {
  const counts = new Uint32Array(256)
  for (const template of templates)
    for (const literal of template.literals)
      for (const byte of textToBytes(literal)) counts[byte] = (counts[byte] as number) + 1
  return requiredLiterals(templates).map((bytes) => {
    let pivotAt = 0
    for (let i = 1; i < bytes.length; i++)
      if ((counts[bytes[i] as number] as number) < (counts[bytes[pivotAt] as number] as number)) pivotAt = i
    return {
      bytes,
      pivotAt,
      // spaces alone: a line holds a dozen, each one more probe (the store-size bench's 20-template
      // store paid ~0.1-0.2 µs a line), and no Loghub fold refuses a line more with their keys
      keys:
        afterBytes === 0 || bytes.every((byte) => byte === 0x20)
          ? undefined
          : keysByProbe(templates, bytes, afterBytes, beforeBytes),
    }
  })
}

/**
 * True when the message holds the literal, with one of its keys around it when it has keys: memchr
 * for its pivot byte, the rest compared where it sits, then the keys of the byte after it compared.
 */
export function holds(message: Uint8Array, { bytes, pivotAt, keys }: RequiredLiteral): boolean {
  const pivot = bytes[pivotAt] as number
  const last = message.length - bytes.length + pivotAt
  for (
    let at = nativeIndexOf.call(message, pivot, pivotAt);
    at !== -1 && at <= last;
    at = nativeIndexOf.call(message, pivot, at + 1)
  ) {
    const start = at - pivotAt
    let i = 0
    while (i < bytes.length && message[start + i] === bytes[i]) i++
    if (i === bytes.length && (keys === undefined || keyAround(message, start, start + i, keys))) return true
  }
  return false
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
 * (docs/speed.md, ninth round).
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
  readonly groups: readonly (readonly RequiredLiteral[])[]
}

export function requiredChecks(
  templates: readonly Template[],
  rule: GroupRule = GROUP_RULE,
  afterBytes = KEY_BYTES_AFTER,
  beforeBytes = KEY_BYTES_BEFORE,
): RequiredChecks {
  const all = prepareRequired(templates, afterBytes, beforeBytes)
  const groups = splitGroups(templates, all, rule, afterBytes, beforeBytes)
  if (groups.length < 2) return { all, groups: [] }
  const open = new Set(all.filter((r) => r.keys === undefined).map((r) => Buffer.from(r.bytes).toString('latin1')))
  const again = (r: RequiredLiteral): boolean =>
    r.keys !== undefined || !open.has(Buffer.from(r.bytes).toString('latin1'))
  const checked = groups.map((group) => group.filter(again))
  // a group left with nothing to look for passes every line: step 4 could then refuse none, and only costs time
  return { all, groups: checked.some((group) => group.length === 0) ? [] : checked }
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

/** Step 4 alone: true when the message holds every literal of some group (of a store that splits). */
function someGroupHolds(message: Uint8Array, groups: readonly (readonly RequiredLiteral[])[]): boolean {
  for (let g = 0; g < groups.length; g++) if (holdsAll(message, groups[g] as readonly RequiredLiteral[])) return true
  return false
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
 * often enough to be 1.05-1.23x slower on four Loghub stores (docs/speed.md, tenth round).
 */
const STEPS_PASSES = 64
const STEPS_REST = 256

/** Step 1 alone (benches compare the steps). */
export function createEdgeScreen(templates: readonly Template[]): ByteScreen {
  const pairs = edgePairs(templates)
  return Object.assign((bytes: Uint8Array) => bytes.length > 0 && edgesAllow(pairs, bytes), { refusedAfter() {} })
}

/** Builds the screen (all four steps) for a store's templates. */
export function createByteScreen(templates: readonly Template[]): ByteScreen {
  const pairs = edgePairs(templates)
  let required: RequiredChecks | undefined
  // step 4's rest (see STEP4_PASSES): lines passed in a row, lines left to skip it on
  let [passes, rest] = [0, 0]
  // the rest of steps 2-4 (see STEPS_PASSES): lines passed in a row, lines left to skip them on
  let [clean, skip] = [0, 0]
  const screen = (bytes: Uint8Array): boolean => {
    if (bytes.length === 0 || !edgesAllow(pairs, bytes)) return false
    if (skip > 0) {
      skip -= 1
      return true
    }
    required ??= requiredChecks(templates)
    if (!holdsAll(bytes, required.all)) {
      clean = 0
      return false
    }
    if (required.groups.length > 0) {
      if (rest > 0) rest -= 1
      else if (!someGroupHolds(bytes, required.groups)) {
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
  })
}
