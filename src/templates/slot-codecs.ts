/**
 * A codec per slot spec. A typed slot writes its kind's encoding with no kind byte. An `auto` slot
 * tries every kind, keeps the smallest exact encoding (ties: the earlier kind in AUTO_ORDER) and
 * folds a prefix-coded kind tag into the low bits of the head varint:
 * `...0` string, `..01` integer, `xxx11` one of decimal, timestamp, uuid, ipv4, hex, ipv6 (xxx = 0..5;
 * ipv6 came last, so bodies written before it decode as they did).
 * So a short string or a small integer costs no more in an `auto` slot than in a typed one,
 * except that an `auto` last slot spends one byte where a typed last string spends none.
 */
import { type ByteReader, FrameError } from '../core/index.ts'
import {
  HEX_KIND,
  IPV4_KIND,
  STRING_KIND,
  UUID_KIND,
  copyStringValue,
  createEnumKind,
  type SlotKind,
} from './slot-kind.ts'
import { DECIMAL_KIND, INTEGER_KIND, createFixedWidthIntegerKind, integerInto } from './slot-numbers.ts'
import type { ByteSink } from './byte-sink.ts'
import { IPV6_KIND } from './slot-ipv6.ts'
import { jsonSlotParts } from './slot-json.ts'
import { SlotEncoding, type PreparedSlot } from './slot-encoding.ts'
import { LastValue } from './slot-last-value.ts'
import { createRangeIndex } from './slot-range-index.ts'
import { createSimilarEdits, type SimilarEdits } from './slot-similar.ts'
import { TIMESTAMP_KIND } from './slot-timestamp.ts'
import { textToBytes, wellFormedUtf8SizeBytes } from './text-bytes.ts'
import type { SlotSpec, SlotType, Template } from './store-types.ts'
import {
  BIG_HEAD,
  bigHeadBits,
  bigHeadValue,
  headSizeBytes,
  lowBits,
  normalizeHead,
  packHead,
  readHead,
  readHeadOrBig,
  smallHead,
  unpackHead,
  type Head,
} from './varint-heads.ts'

/** Encodes and decodes the values of one slot. */
export interface SlotCodec {
  /**
   * Builds the encoding of the value text[start, end) in `out` (reset by the caller), reading it in
   * place (the frame encoder's values are ranges of the message); false when the slot's type cannot
   * reproduce it exactly. A string value's bytes stay a range of `text` until `out` is written.
   */
  encodeRange(text: string, start: number, end: number, last: boolean, out: SlotEncoding): boolean
  /** encodeRange of a whole string. */
  encode(value: string, last: boolean, out: SlotEncoding): boolean
  /** The encoding of a value as a new object, or undefined when refused (allocates: for callers that keep it). */
  prepare(value: string, last: boolean): PreparedSlot | undefined
  /** True when encodeRange would succeed. */
  acceptsRange(text: string, start: number, end: number): boolean
  /** True when every non-empty well-formed text is accepted (string and auto slots). */
  readonly acceptsAnyText: boolean
  /** An open enum's encodeRange of a value the caller has looked up and found unlisted (the look-up not made twice). */
  readonly encodeUnlisted?: (text: string, start: number, end: number, last: boolean, out: SlotEncoding) => boolean
  /**
   * An open enum with `similar`: the edits encodeUnlisted tries after the escape (head 0 and the value as
   * `other` writes it), so a writer that writes the escape itself asks the same edits (and their memo).
   */
  readonly similarEdits?: SimilarEdits
  /** A lower bound on the bytes of any encoding of a value of `lengthUnits` UTF-16 units, from its length alone (no parsing). */
  minSizeBytes(lengthUnits: number, last: boolean): number
  /** Reads one value; throws FrameError on a bad body. */
  read(reader: ByteReader, last: boolean): string
  /** read, written straight into `sink` (no string built for most values; same bytes read, same errors). */
  readInto(reader: ByteReader, last: boolean, sink: ByteSink): void
}

const TYPED_KINDS: Record<Exclude<SlotType, 'auto' | 'enum' | 'json'>, SlotKind> = {
  string: STRING_KIND,
  integer: INTEGER_KIND,
  decimal: DECIMAL_KIND,
  timestamp: TIMESTAMP_KIND,
  uuid: UUID_KIND,
  ipv4: IPV4_KIND,
  ipv6: IPV6_KIND,
  hex: HEX_KIND,
}

/** Kinds that take a 3-bit index after the `11` tag of an auto slot. */
const TAGGED_KINDS: readonly SlotKind[] = [DECIMAL_KIND, TIMESTAMP_KIND, UUID_KIND, IPV4_KIND, HEX_KIND, IPV6_KIND]

/** The one-byte head an auto slot writes before an IPv4 address's 4 bytes (its kind's tag; the kind writes no head). */
export const AUTO_IPV4_HEAD = packHead(0, 5, (TAGGED_KINDS.indexOf(IPV4_KIND) << 2) | 3) as number

/** Bytes a prepared value takes. */
export function preparedSizeBytes(prepared: PreparedSlot): number {
  return (prepared.head === undefined ? 0 : headSizeBytes(prepared.head)) + prepared.tail.length
}

/** Any non-empty, well-formed text: what the string kind (and so every auto slot) takes. */
function isText(text: string, start: number, end: number): boolean {
  return end > start && wellFormedUtf8SizeBytes(text, start, end) !== -1
}

/** Where `acceptsRange` of a typed slot builds (and drops) its encoding. */
const acceptScratch = new SlotEncoding()

/** A codec from its encodeRange, with `encode` and `prepare` (whole strings) built on it. */
function withStringForms(codec: Omit<SlotCodec, 'encode' | 'prepare'>): SlotCodec {
  return {
    ...codec,
    encode: (value, last, out) => codec.encodeRange(value, 0, value.length, last, out),
    prepare(value, last) {
      const out = new SlotEncoding()
      return codec.encodeRange(value, 0, value.length, last, out) ? out.toPrepared() : undefined
    },
  }
}

function typedCodec(kind: SlotKind): SlotCodec {
  const isString = kind === STRING_KIND
  const read = (reader: ByteReader, last: boolean): string =>
    kind.decode(kind.readsHead(last) ? readHead(reader) : 0, reader, last)
  return withStringForms({
    encodeRange: (text, start, end, last, out) => kind.encode(text, start, end, last, out),
    acceptsRange: isString
      ? isText
      : (kind.accepts ?? ((text, start, end) => kind.encode(text, start, end, false, acceptScratch.reset()))),
    acceptsAnyText: isString,
    // UTF-8 takes at least a byte per UTF-16 code unit; a length head at least one more
    minSizeBytes: isString
      ? (lengthUnits, last) => lengthUnits + (last ? 0 : 1)
      : (_lengthUnits, last) => (kind.readsHead(last) ? 1 : 0),
    read,
    readInto: kind.decodeInto === undefined ? (reader, last, sink) => sink.text(read(reader, last)) : headedInto(kind),
  })
}

/** readInto of a kind with decodeInto (which takes no `this`): its head read (or not) as the kind says, known once. */
function headedInto(kind: SlotKind): SlotCodec['readInto'] {
  const decodeInto = kind.decodeInto as NonNullable<SlotKind['decodeInto']>
  const [headLast, headOther] = [kind.readsHead(true), kind.readsHead(false)]
  if (headLast && headOther) return (reader, last, sink) => decodeInto(readHeadOrBig(reader), reader, last, sink)
  return (reader, last, sink) =>
    decodeInto((last ? headLast : headOther) ? readHeadOrBig(reader) : 0, reader, last, sink)
}

/** The auto-slot candidates in tie order, each with how it folds its tag into the head. */
const AUTO_ORDER: readonly { kind: SlotKind; tag: (head: Head) => Head }[] = [
  { kind: INTEGER_KIND, tag: (head) => packHead(head, 2, 1) },
  ...TAGGED_KINDS.map((kind, index) => ({ kind, tag: (head: Head) => packHead(head, 5, (index << 2) | 3) })),
  { kind: STRING_KIND, tag: (head) => packHead(head, 1, 0) },
]

/** Where an auto slot tries each kind before keeping the smallest. */
const autoTrial = new SlotEncoding()
type AutoCandidates = typeof AUTO_ORDER
const onlyKinds = (...kinds: SlotKind[]): AutoCandidates => AUTO_ORDER.filter(({ kind }) => kinds.includes(kind))
/** The candidates that can take a value starting with a hex letter (uuid, hex, ipv6), a colon (ipv6), or anything else (none, as for a value with a character none of them takes). */
const HEX_LETTER_START = onlyKinds(UUID_KIND, HEX_KIND, IPV6_KIND, STRING_KIND)
const COLON_START = onlyKinds(IPV6_KIND, STRING_KIND)
const STRING_ONLY = onlyKinds(STRING_KIND)
const SIGNED_START = onlyKinds(INTEGER_KIND, DECIMAL_KIND, STRING_KIND)
/** Digits with one or two dots (`4.64`, `3.1.4`): as a value with a sign, only an integer, a decimal or a string can take it. */
const DOTTED_NUMBER = onlyKinds(INTEGER_KIND, DECIMAL_KIND, STRING_KIND)

/**
 * The auto candidates that can take a value, from its first character: integer and decimal start
 * with a digit or a sign and a digit, timestamp and ipv4 with a digit, uuid and hex with a hex digit,
 * ipv6 with a hex digit or a colon. The others would refuse it, so leaving them out changes no choice.
 */
function autoCandidates(text: string, start: number, end: number): AutoCandidates {
  const code = text.charCodeAt(start)
  if (code >= 48 && code <= 57) {
    // one or two dots among digits: no timestamp (a dash), uuid (dashes), ipv4 (three dots), hex or ipv6 (a colon)
    const dots = dotsAmongDigits(text, start, end)
    return dots === 1 || dots === 2 ? DOTTED_NUMBER : AUTO_ORDER
  }
  // a sign: only an integer or a decimal, and only with a digit after it (the other kinds start with a digit, a hex digit or a colon)
  if (code === 43 || code === 45) {
    const next = start + 1 < end ? text.charCodeAt(start + 1) : -1
    return next >= 48 && next <= 57 ? SIGNED_START : STRING_ONLY
  }
  const lower = code | 0x20
  if (lower >= 97 && lower <= 102) return onlyHexDashColon(text, start, end) ? HEX_LETTER_START : STRING_ONLY
  return code === 58 ? COLON_START : STRING_ONLY
}

/** How many dots text[start, end) has when it has only digits and dots; -1 when it has anything else. */
function dotsAmongDigits(text: string, start: number, end: number): number {
  let dots = 0
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code === 46) dots++
    else if (code < 48 || code > 57) return -1
  }
  return dots
}

/** True when an auto slot can only take text[start, end) as a string (autoCandidates leaves the string kind alone). */
export function autoTakesOnlyString(text: string, start: number, end: number): boolean {
  return autoCandidates(text, start, end) === STRING_ONLY
}

/**
 * True when every character is a hex digit, `-` or `:`: uuid (hex and dashes), hex without a prefix
 * (hex digits) and ipv6 (hex and colons) take nothing else, so a word that merely starts with a-f
 * (`done`, `error`, `fetching`) is sent to the string kind without three refusing parses.
 */
function onlyHexDashColon(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    const lower = code | 0x20
    if (!((code >= 48 && code <= 58) || code === 45 || (lower >= 97 && lower <= 102))) return false
  }
  return true
}

/**
 * The smallest of the candidates' encodings (ties: the earlier). An integer, when it is one, is the
 * smallest and the earliest, so the others are not tried: of the other kinds only hex and string take
 * a sign and digits (d digits, z of them leading zeros), and both are larger. The integer takes at
 * most ceil((3 + 3.33 (d - z)) / 7) bytes plus, with zeros, a flags byte (two from 43 zeros on);
 * hex takes 2 + ceil(d / 2) bytes (its head 256 d + 19 needs two), string at least 1 + d.
 */
function encodeAuto(text: string, start: number, end: number, last: boolean, out: SlotEncoding): boolean {
  let bestSize = Infinity
  for (const { kind, tag } of autoCandidates(text, start, end)) {
    // a string takes its head and at least a byte a unit: it cannot beat (or, later, tie) one that small
    if (kind === STRING_KIND && bestSize <= 1 + end - start) break
    // the first kind that takes the value writes straight into `out` (most values: an integer, or a
    // string, the only candidate); a later one into a trial, copied over only when smaller
    const trial = bestSize === Infinity ? out.reset() : autoTrial.reset()
    if (!kind.encode(text, start, end, last, trial)) continue
    trial.setHead(tag(trial.hasHead ? trial.head : 0))
    const size = trial.sizeBytes()
    if (trial === out) bestSize = size
    else if (size < bestSize) {
      out.copyFrom(autoTrial)
      bestSize = size
    }
    if (kind === INTEGER_KIND) break
  }
  return bestSize !== Infinity
}

function readAuto(reader: ByteReader, last: boolean): string {
  const value = readHead(reader)
  // a number head (every head of up to 49 bits) is split by arithmetic, without unpackHead's objects
  if (typeof value === 'number') {
    if (value % 2 === 0) return STRING_KIND.decode(value / 2, reader, last)
    if (value % 4 === 1) return INTEGER_KIND.decode((value - 1) / 4, reader, last)
    return readTaggedAuto(value % 32, Math.floor(value / 32), reader, last)
  }
  return readBigAuto(value, reader, last)
}

/** The value of an auto slot whose head is a bigint. */
function readBigAuto(value: bigint, reader: ByteReader, last: boolean): string {
  const one = unpackHead(value, 1)
  if (one.low === 0) return STRING_KIND.decode(one.high, reader, last)
  const two = unpackHead(value, 2)
  if (two.low === 1) return INTEGER_KIND.decode(two.high, reader, last)
  const five = unpackHead(value, 5)
  return readTaggedAuto(five.low, five.high, reader, last)
}

/** readAuto written into `sink`: strings copied from the body, integers (big ones too) and the kinds that can be written in place. */
function readAutoInto(reader: ByteReader, last: boolean, sink: ByteSink): void {
  const value = readHeadOrBig(reader)
  if (value === BIG_HEAD) {
    if (bigHeadBits(0, 2) === 1) integerInto(BIG_HEAD, 2, reader, sink)
    else sink.text(readBigAuto(bigHeadValue(), reader, last))
  } else if (lowBits(value, 2) === 0) copyStringValue(value / 2, reader, last, sink)
  else if (lowBits(value, 4) === 1) integerInto((value - 1) / 4, 0, reader, sink)
  else {
    const kind = taggedKind(lowBits(value, 32), Math.floor(value / 32), last)
    if (kind.decodeInto === undefined) sink.text(kind.decode(Math.floor(value / 32), reader, last))
    else kind.decodeInto(Math.floor(value / 32), reader, last, sink)
  }
}

/** The kind an auto head's low five bits (`low`, ending in `11`) name, checked to take a head of `high`. */
function taggedKind(low: number, high: Head, last: boolean): SlotKind {
  const kind = TAGGED_KINDS[low >> 2]
  if (kind === undefined) throw new FrameError('E_FRAME_CORRUPT', `auto slot kind ${low >> 2} is not defined`)
  if (!kind.readsHead(last) && high !== 0)
    throw new FrameError('E_FRAME_CORRUPT', 'auto slot carries a head its kind does not use')
  return kind
}

/** The value of an auto slot whose head's low five bits (`low`, ending in `11`) name a tagged kind. */
function readTaggedAuto(low: number, high: Head, reader: ByteReader, last: boolean): string {
  return taggedKind(low, high, last).decode(high, reader, last)
}

// an auto slot always writes its head
const AUTO_CODEC: SlotCodec = withStringForms({
  encodeRange: encodeAuto,
  acceptsRange: isText,
  acceptsAnyText: true,
  minSizeBytes: () => 1,
  read: readAuto,
  readInto: readAutoInto,
})
const TYPED_CODECS = Object.fromEntries(
  Object.entries(TYPED_KINDS).map(([type, kind]) => [type, typedCodec(kind)]),
) as Record<keyof typeof TYPED_KINDS, SlotCodec>

/** The codec of a slot spec (shared instances for every type but enum, fixed-width integer and a typed slot with `other`). */
export function createSlotCodec(spec: SlotSpec): SlotCodec {
  if (spec.type === 'enum')
    return spec.other === undefined
      ? typedCodec(createEnumKind(spec.values))
      : openEnumCodec(spec.values, createSlotCodec({ type: spec.other }), spec.similar === true)
  if (spec.type === 'auto') return AUTO_CODEC
  if (spec.type === 'json') return jsonCodec(spec.keys ?? [])
  const typed =
    spec.type === 'integer' && spec.width !== undefined
      ? typedCodec(createFixedWidthIntegerKind(spec.width))
      : TYPED_CODECS[spec.type]
  return 'other' in spec && spec.other === 'auto' ? escapedCodec(typed, escapeOf(spec)) : typed
}

/** A `json` slot's codec (slot-json.ts): any text an auto slot takes, a JSON value as a structural code. */
function jsonCodec(keys: readonly string[]): SlotCodec {
  const parts = jsonSlotParts(keys, AUTO_CODEC)
  return withStringForms({
    ...parts,
    acceptsRange: isText,
    acceptsAnyText: true,
    // the mode byte and at least one more
    minSizeBytes: () => 2,
  })
}

/**
 * The escape of a typed slot with `other: "auto"`: a head, and bytes after it, that its kind never
 * writes first, so a reader tells the two apart from the first bytes. `collides` says which values of
 * the kind would start with those bytes (only an IPv4 address of first octet 0, whose 4 bytes start
 * with the 0 an IPv4 escape is); they go through the escape too.
 */
interface Escape {
  readonly bytes: Uint8Array
  readonly head: Head
  readonly extra: readonly number[]
  readonly collides?: (text: string, start: number) => boolean
}

function escapeWith(head: Head, extra: readonly number[] = [], collides?: Escape['collides']): Escape {
  const encoding = new SlotEncoding()
  encoding.setHead(head)
  for (const b of extra) encoding.byte(b)
  const bytes = new Uint8Array(encoding.sizeBytes())
  encoding.write(bytes, 0)
  return { bytes, head, extra, ...(collides === undefined ? {} : { collides }) }
}

/**
 * Per kind, its escape. integer and decimal (whose integer part comes first): head 1 (magnitude 0,
 * flags follow) and flags 0, which a reader refuses ("marked special has no sign and no leading
 * zeros"); fixed width w: head 10^w (a magnitude of w + 1 digits); timestamp: descriptor 4 (seconds
 * without a time); uuid: case flag 2; ipv6: group mask 256; hex: head 0 (no digits); ipv4 (no head,
 * every 4 bytes an address): a first byte 0, so addresses 0.x.x.x are escaped too.
 */
const ESCAPES = {
  integer: escapeWith(1, [0]),
  decimal: escapeWith(1, [0]),
  timestamp: escapeWith(4),
  uuid: escapeWith(2),
  ipv4: escapeWith(0, [], (text, start) => text.charCodeAt(start) === 48),
  ipv6: escapeWith(256),
  hex: escapeWith(0),
} as const

function escapeOf(spec: Exclude<SlotSpec, { type: 'enum' | 'auto' | 'string' | 'json' }>): Escape {
  if (spec.type === 'integer' && spec.width !== undefined)
    return escapeWith(spec.width <= 15 ? 10 ** spec.width : normalizeHead(10n ** BigInt(spec.width)))
  return ESCAPES[spec.type]
}

/** True when the body at the reader's offset starts with the escape's bytes. */
function startsWithEscape(reader: ByteReader, bytes: Uint8Array): boolean {
  if (reader.remaining < bytes.length) return false
  for (let i = 0; i < bytes.length; i++) if (reader.bytes[reader.offset + i] !== bytes[i]) return false
  return true
}

/**
 * A typed slot that takes any text (`other: "auto"`): a value of its type is written as the typed slot
 * writes it (not one byte more); any other value as the escape, then as an auto slot writes it (its kind
 * tag and bytes). A store without `other` encodes and decodes as before.
 */
function escapedCodec(typed: SlotCodec, esc: Escape): SlotCodec {
  const inner = new SlotEncoding()
  const escapedInto = (text: string, start: number, end: number, last: boolean, out: SlotEncoding): boolean => {
    if (!AUTO_CODEC.encodeRange(text, start, end, last, inner.reset())) return false
    out.setHead(esc.head)
    for (const b of esc.extra) out.byte(b)
    out.append(inner)
    return true
  }
  const escapeBytes = esc.bytes.length
  return withStringForms({
    encodeRange(text, start, end, last, out) {
      if ((esc.collides === undefined || !esc.collides(text, start)) && typed.encodeRange(text, start, end, last, out))
        return true
      return escapedInto(text, start, end, last, out.reset())
    },
    acceptsRange: isText,
    acceptsAnyText: true,
    minSizeBytes: (lengthUnits, last) => Math.min(typed.minSizeBytes(lengthUnits, last), escapeBytes + 1),
    read(reader, last) {
      if (!startsWithEscape(reader, esc.bytes)) return typed.read(reader, last)
      reader.offset += escapeBytes
      return AUTO_CODEC.read(reader, last)
    },
    readInto(reader, last, sink) {
      if (!startsWithEscape(reader, esc.bytes)) typed.readInto(reader, last, sink)
      else {
        reader.offset += escapeBytes
        AUTO_CODEC.readInto(reader, last, sink)
      }
    },
  })
}

/**
 * An enum that also takes values it does not list: head = index + 1 for a listed value; head 0,
 * then the value as the `other` codec writes it (its own head and bytes) for any other value; with
 * `similar`, heads above the list are edits of a listed value (slot-similar.ts), used when smaller.
 */
function openEnumCodec(values: readonly string[], other: SlotCodec, similar: boolean): SlotCodec {
  const indexOf = createRangeIndex(values)
  const inner = new SlotEncoding()
  const unlisted = new LastValue()
  const edits = similar ? createSimilarEdits(values) : undefined
  const maxHead = similar ? 3 * values.length : values.length
  const listedOrEdit = (head: number, reader: ByteReader): string =>
    head <= values.length ? (values[head - 1] as string) : (edits as SimilarEdits).decode(head, reader)
  // made by the first decode: encoding never reads them, and discover's verification holds the codecs of
  // every template it tries (100k JSON messages: tens of thousands of small buffers, round s37-jmem)
  let valueBytes: Uint8Array[] | undefined
  const encodeUnlisted = (text: string, start: number, end: number, last: boolean, out: SlotEncoding): boolean => {
    if (unlisted.has(text, start, end, last)) return unlisted.copyTo(text, start, out)
    // an edit only for a value the escape takes: the enum accepts what it accepts without `similar`
    const taken = other.encodeRange(text, start, end, last, inner.reset())
    if (taken && edits?.encode(text, start, end, 1 + inner.sizeBytes(), out) !== true) {
      out.setHead(0)
      out.append(inner)
    }
    unlisted.remember(text, start, end, last, taken ? out : undefined)
    return taken
  }
  return withStringForms({
    encodeRange(text, start, end, last, out) {
      const index = indexOf(text, start, end)
      if (index === -1) return encodeUnlisted(text, start, end, last, out)
      out.setHead(index + 1)
      return true
    },
    encodeUnlisted,
    ...(edits === undefined ? {} : { similarEdits: edits }),
    acceptsRange: (text, start, end) => indexOf(text, start, end) !== -1 || other.acceptsRange(text, start, end),
    acceptsAnyText: other.acceptsAnyText,
    minSizeBytes: () => 1,
    read(reader, last) {
      const head = smallHead(readHead(reader), maxHead, 'enum index')
      return head === 0 ? other.read(reader, last) : listedOrEdit(head, reader)
    },
    readInto(reader, last, sink) {
      const head = smallHead(readHead(reader), maxHead, 'enum index')
      if (head === 0) other.readInto(reader, last, sink)
      else if (head <= values.length) sink.copy((valueBytes ??= values.map(textToBytes))[head - 1] as Uint8Array)
      else (edits as SimilarEdits).decodeInto(head, reader, sink)
    },
  })
}

const codecCache = new WeakMap<Template, readonly SlotCodec[]>()

/** The codecs of a template's slots, indexed by placeholder number (built once per template). */
export function slotCodecsOf(template: Template): readonly SlotCodec[] {
  let codecs = codecCache.get(template)
  if (codecs === undefined) codecCache.set(template, (codecs = template.slots.map(createSlotCodec)))
  return codecs
}
