/**
 * How template-compiled.ts puts each slot's value into the frame body: a plan built once per template
 * (slotPlanOf: each slot's kind of writer and what it needs) and writeSlots, one loop over the slots that
 * writes string, auto, integer, fixed-width integer and enum values straight from the message's text (the
 * same bytes their codecs write), any other kind through its codec.
 */
import { AUTO_IPV4_HEAD, autoTakesOnlyString, type SlotCodec } from './slot-codecs.ts'
import { ipv4Octets } from './slot-kind.ts'
import { putHead, SlotEncoding } from './slot-encoding.ts'
import { TOO_LONG, writeFixedWidth, writeInteger } from './template-compiled-integers.ts'
import { createRangeIndex } from './slot-range-index.ts'
import type { SimilarEdits } from './slot-similar.ts'
import { sameRange, wellFormedUtf8SizeBytes, writeText } from './text-bytes.ts'
import type { SlotSpec } from './store-types.ts'

/** Most bytes a slot writer may write for a value of `units` UTF-16 units (the room its caller reserves). */
function slotRoomBytes(units: number): number {
  return 3 * units + 16
}

/** Writes one value at `at`; the offset after it, or a negative number when the value is not taken this way. */
export type SlotWriter = (text: string, start: number, end: number, out: Uint8Array, at: number) => number

/** How a string value's head is written: typed last (none), typed (its size), auto (size * 2), auto last (0). */
const StringHead = { None: 0, Size: 1, Auto: 2, AutoLast: 3 } as const
type StringHead = (typeof StringHead)[keyof typeof StringHead]

/** A string value with its head; -1 when empty or not well-formed (the string kind refuses it). */
function writeString(text: string, start: number, end: number, out: Uint8Array, at: number, mode: StringHead): number {
  const units = end - start
  if (units === 0) return -1
  // ASCII (one byte per unit) with a one-byte head: one pass, the head from the length
  const asciiHead = mode === StringHead.Size ? units : mode === StringHead.Auto ? 2 * units : 0
  if (asciiHead < 0x80) {
    let to = mode === StringHead.None ? at : at + 1
    let i = start
    for (; i < end; i++) {
      const code = text.charCodeAt(i)
      if (code >= 0x80) break
      out[to++] = code
    }
    if (i === end) {
      if (mode !== StringHead.None) out[at] = asciiHead
      return to
    }
  }
  const sizeBytes = wellFormedUtf8SizeBytes(text, start, end)
  if (sizeBytes === -1) return -1
  let to = at
  if (mode === StringHead.Size) to = putHead(out, to, sizeBytes)
  else if (mode === StringHead.Auto) to = putHead(out, to, 2 * sizeBytes)
  else if (mode === StringHead.AutoLast) out[to++] = 0
  return writeText(text, out, to, start, end)
}

/** Where codecWriter builds a value before writing it. */
const scratch = new SlotEncoding()

/**
 * Any slot through its codec (the general path's encoding, written at once); -1 when refused or larger
 * than its room. `encode`: the codec's encodeRange, or another of its encoders (an open enum's encodeUnlisted).
 */
function codecWriter(codec: SlotCodec, last: boolean, encode = codec.encodeRange): SlotWriter {
  return (text, start, end, out, at) => {
    if (!encode(text, start, end, last, scratch.reset())) return -1
    if (scratch.sizeBytes() > slotRoomBytes(end - start)) return -1
    return scratch.write(out, at)
  }
}

/**
 * How writeSlots writes a slot's value (round s43-enc: a switch on the kind, each kind's writer a function of
 * this module called directly, instead of one closure per slot called through the generic call builtin):
 * GENERAL through its escape (the codec); STRING and AUTO with params' head mode; FIXED (params' width) and
 * INTEGER, OTHER ones with their escape for what they do not take; an ENUM by its range index, OPEN with its
 * escape for an unlisted value, CLOSED with params 1 when it lists one value (nothing written).
 */
const WriteKind = {
  General: 0,
  String: 1,
  Auto: 2,
  Fixed: 3,
  FixedOther: 4,
  Integer: 5,
  IntegerOther: 6,
  EnumOpen: 7,
  EnumClosed: 8,
} as const

/** A template's slots as writeSlots writes them, by slot number. */
export interface SlotPlan {
  readonly kinds: Uint8Array
  readonly params: Int32Array
  /** an enum slot's range index (noIndex for the others) */
  readonly indexes: readonly RangeIndex[]
  /** what writes a value the kind's own writer does not take (or every value, for GENERAL) */
  readonly escapes: readonly SlotWriter[]
}

/** An enum slot's look-up of a value among its listed ones (createRangeIndex). */
type RangeIndex = (text: string, start: number, end: number) => number
const noIndex: RangeIndex = () => -1

/** The plan of a template's slot specs, `codecs` their codecs (the last slot's string runs to the end of the body). */
export function slotPlanOf(specs: readonly SlotSpec[], codecs: readonly SlotCodec[]): SlotPlan {
  const count = specs.length
  const kinds = new Uint8Array(count)
  const params = new Int32Array(count)
  const indexes: RangeIndex[] = []
  const escapes: SlotWriter[] = []
  for (let i = 0; i < count; i++) {
    const spec = specs[i] as SlotSpec
    const codec = codecs[i] as SlotCodec
    const last = i === count - 1
    const general = codecWriter(codec, last)
    let kind: number = WriteKind.General
    let param = 0
    let index = noIndex
    let escapeWriter = general
    switch (spec.type) {
      case 'string':
        kind = WriteKind.String
        param = last ? StringHead.None : StringHead.Size
        break
      case 'auto':
        kind = WriteKind.Auto
        param = last ? StringHead.AutoLast : StringHead.Auto
        break
      case 'integer':
        if (spec.width === undefined) kind = spec.other === undefined ? WriteKind.Integer : WriteKind.IntegerOther
        else if (spec.width <= 15) {
          // with `other`, a value of the width is written as without it (the escape's head, 10^width, is
          // one no such value has); any other value goes through the codec's escape
          kind = spec.other === undefined ? WriteKind.Fixed : WriteKind.FixedOther
          param = spec.width
        }
        break
      case 'enum':
        index = createRangeIndex(spec.values)
        if (spec.other !== undefined) {
          kind = WriteKind.EnumOpen
          // a value found unlisted here is not looked up again by the codec
          const unlisted = codec.encodeUnlisted === undefined ? general : codecWriter(codec, last, codec.encodeUnlisted)
          escapeWriter =
            spec.other === 'auto' && codec.encodeUnlisted !== undefined
              ? autoEscapeWriter(codec.similarEdits, last, unlisted)
              : unlisted
        } else {
          kind = WriteKind.EnumClosed
          param = spec.values.length === 1 ? 1 : 0
        }
        break
    }
    kinds[i] = kind
    params[i] = param
    indexes.push(index)
    escapes.push(escapeWriter)
  }
  return { kinds, params, indexes, escapes }
}

/** writeSlots's answer when a value is not taken by its slot's writers (the general path must decide). */
export const NOT_TAKEN = -1
/** writeSlots's answer when the values written and the least the others take end after its `stopAt`. */
export const PAST_STOP = -2

/**
 * Writes the values at `places` (start and end by slot number, as TemplateSpans holds them) at `at` by the
 * plan; the offset after them, NOT_TAKEN, or (`stopAt` finite) PAST_STOP as soon as the values written
 * and `least[i + 1]` (the least the values after slot i take) end after `stopAt`. One loop with the
 * plan's arrays read once a call, each kind's writer called directly.
 */
export function writeSlots(
  plan: SlotPlan,
  text: string,
  places: Int32Array,
  out: Uint8Array,
  at: number,
  least: Int32Array,
  stopAt: number,
): number {
  const { kinds, params, indexes, escapes } = plan
  const count = kinds.length
  const bounded = stopAt !== Number.POSITIVE_INFINITY
  let offset = at
  for (let i = 0; i < count; i++) {
    const start = places[2 * i] as number
    const end = places[2 * i + 1] as number
    let to: number
    switch (kinds[i]) {
      case WriteKind.EnumOpen: {
        const index = (indexes[i] as RangeIndex)(text, start, end)
        to = index === -1 ? (escapes[i] as SlotWriter)(text, start, end, out, offset) : putHead(out, offset, index + 1)
        break
      }
      case WriteKind.FixedOther:
        to = writeFixedWidth(text, start, end, out, offset, params[i] as number)
        if (to < 0) to = (escapes[i] as SlotWriter)(text, start, end, out, offset)
        break
      case WriteKind.Fixed:
        to = writeFixedWidth(text, start, end, out, offset, params[i] as number)
        break
      case WriteKind.IntegerOther:
        // with `other`, a value that is no integer (or too long for this path) goes through the codec's escape
        to = writeInteger(text, start, end, out, offset, false)
        if (to < 0) to = (escapes[i] as SlotWriter)(text, start, end, out, offset)
        break
      case WriteKind.Integer:
        to = writeInteger(text, start, end, out, offset, false)
        if (to === TOO_LONG) to = (escapes[i] as SlotWriter)(text, start, end, out, offset)
        break
      case WriteKind.String:
        to = writeString(text, start, end, out, offset, params[i] as StringHead)
        break
      case WriteKind.Auto:
        to = writeAuto(text, start, end, out, offset, params[i] as StringHead, escapes[i] as SlotWriter)
        break
      case WriteKind.EnumClosed: {
        const index = (indexes[i] as RangeIndex)(text, start, end)
        to = index === -1 ? -1 : params[i] === 1 ? offset : putHead(out, offset, index)
        break
      }
      default:
        to = (escapes[i] as SlotWriter)(text, start, end, out, offset)
    }
    if (to < 0) return NOT_TAKEN
    offset = to
    if (bounded && offset + (least[i + 1] as number) > stopAt) return PAST_STOP
  }
  return offset
}

/** An auto slot's value: an integer whenever it is one (encodeAuto stops there), a string or an IPv4 address when only those take it, else `general`. */
function writeAuto(
  text: string,
  start: number,
  end: number,
  out: Uint8Array,
  at: number,
  mode: StringHead,
  general: SlotWriter,
): number {
  if (end === start) return -1
  const integer = writeInteger(text, start, end, out, at, true)
  if (integer >= 0) return integer
  if (autoTakesOnlyString(text, start, end)) return writeString(text, start, end, out, at, mode)
  const address = writeAutoIpv4(text, start, end, out, at)
  return address >= 0 ? address : general(text, start, end, out, at)
}

/**
 * An IPv4 address as an auto slot writes it: of the kinds an auto slot tries, only ipv4 and string take
 * one (it has three dots and digits only: no integer, decimal, timestamp, uuid, hex or ipv6), and the
 * string is larger (a head and 7-15 bytes against 5), so its encoding is the ipv4 tag and the 4 bytes;
 * -1 when the value is no canonical address.
 */
function writeAutoIpv4(text: string, start: number, end: number, out: Uint8Array, at: number): number {
  if (end - start < 7 || end - start > 15) return -1
  const octets = ipv4Octets(text, start, end)
  if (octets === -1) return -1
  out[at] = AUTO_IPV4_HEAD
  out[at + 1] = octets >>> 24
  out[at + 2] = (octets >>> 16) & 0xff
  out[at + 3] = (octets >>> 8) & 0xff
  out[at + 4] = octets & 0xff
  return at + 5
}

/** Where autoEscapeWriter builds an edit before writing it. */
const editScratch = new SlotEncoding()

/** Most bytes of an escape autoEscapeWriter remembers (a value of about 20 units; longer ones are written anew). */
const REMEMBERED_ESCAPE_BYTES = 64
/** Longest message (UTF-16 units) autoEscapeWriter keeps a reference to for its last value (as LastValue). */
const MAX_REMEMBERED_TEXT = 4096

/**
 * An unlisted value of an open enum whose `other` is auto, written as its codec's encodeUnlisted
 * writes it, without building the escape in a SlotEncoding and copying it twice: head 0 and, straight
 * after it, the value as the auto writer writes an integer or a value only the string kind takes;
 * then, with `similar`, the edit the codec's edits find smaller than that escape, if any. Any other
 * value (a decimal, a timestamp, an address...: the auto codec tries several kinds) goes to `unlisted`,
 * the codec's own path with its memo of the last unlisted value. Both escapes fit the slot's room
 * (1 + a head of at most 8 bytes + 3 bytes a unit, or 1 + 14 bytes of an integer), so no value the
 * codec's path would refuse for its room is written here.
 *
 * With `similar`, like the codec's path (LastValue), it remembers the bytes it wrote for the last value
 * it wrote itself: what it writes depends on nothing but the value's units (its list, edits and `last`
 * are the slot's), and the same value often comes again on the next line (a host, a client address), so
 * a value equal to the last one is copied, not searched for again. A value `unlisted` wrote (the codec's
 * LastValue remembers it), or whose escape is longer than REMEMBERED_ESCAPE_BYTES, is not remembered: the
 * value remembered before stays, its bytes as true as they were.
 */
function autoEscapeWriter(edits: SimilarEdits | undefined, last: boolean, unlisted: SlotWriter): SlotWriter {
  const mode = last ? StringHead.AutoLast : StringHead.Auto
  // the last value written here (text[start, end), none while end is -1) and its bytes (allocated on
  // the first one: a store's compiled templates have many such slots that never see an unlisted value)
  let text0 = ''
  let start0 = 0
  let end0 = -1
  let size0 = 0
  let bytes0: Uint8Array | undefined
  return (text, start, end, out, at) => {
    if (end === start) return -1
    if (end0 !== -1 && sameRange(text0, start0, end0, text, start, end)) {
      const bytes = bytes0 as Uint8Array
      for (let i = 0; i < size0; i++) out[at + i] = bytes[i] as number
      return at + size0
    }
    let to = writeInteger(text, start, end, out, at + 1, true)
    if (to < 0) {
      if (!autoTakesOnlyString(text, start, end)) {
        to = writeAutoIpv4(text, start, end, out, at + 1)
        if (to < 0) return unlisted(text, start, end, out, at)
      } else to = writeString(text, start, end, out, at + 1, mode)
      // not well-formed: the codec's path answers (it refuses it too)
      if (to < 0) return unlisted(text, start, end, out, at)
    }
    out[at] = 0
    // without edits the escape is all there is to write: nothing worth remembering
    if (edits === undefined) return to
    if (edits.encode(text, start, end, to - at, editScratch.reset())) to = editScratch.write(out, at)
    if (to - at <= REMEMBERED_ESCAPE_BYTES && text.length <= MAX_REMEMBERED_TEXT) {
      const bytes = bytes0 ?? (bytes0 = new Uint8Array(REMEMBERED_ESCAPE_BYTES))
      for (let i = at; i < to; i++) bytes[i - at] = out[i] as number
      text0 = text
      start0 = start
      end0 = end
      size0 = to - at
    }
    return to
  }
}
