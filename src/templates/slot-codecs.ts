/**
 * A codec per slot spec. A typed slot writes its kind's encoding with no kind byte. An `auto` slot
 * tries every kind, keeps the smallest exact encoding (ties: the earlier kind in AUTO_ORDER) and
 * folds a prefix-coded kind tag into the low bits of the head varint:
 * `...0` string, `..01` integer, `xxx11` one of decimal, timestamp, uuid, ipv4, hex, ipv6 (xxx = 0..5;
 * ipv6 came last, so bodies written before it decode as they did).
 * So a short string or a small integer costs no more in an `auto` slot than in a typed one,
 * except that an `auto` last slot spends one byte where a typed last string spends none.
 */
import { ByteReader, ByteWriter, FrameError } from '../core/index.ts'
import { HEX_KIND, IPV4_KIND, NO_BYTES, STRING_KIND, UUID_KIND, createEnumKind, type PreparedSlot, type SlotKind } from './slot-kind.ts'
import { DECIMAL_KIND, INTEGER_KIND, createFixedWidthIntegerKind } from './slot-numbers.ts'
import { IPV6_KIND } from './slot-ipv6.ts'
import { TIMESTAMP_KIND } from './slot-timestamp.ts'
import type { SlotSpec, SlotType, Template } from './store-types.ts'
import { headSizeBytes, packHead, readHead, smallHead, unpackHead, writeHead, type Head } from './varint-heads.ts'

/** Encodes and decodes the values of one slot. */
export interface SlotCodec {
  /** The encoding of a value, or undefined when the slot's type cannot reproduce it exactly. */
  prepare(value: string, last: boolean): PreparedSlot | undefined
  /** True when prepare would succeed (cheaper: no bytes are built for text). */
  accepts(value: string): boolean
  /** True when every non-empty well-formed text is accepted (string and auto slots). */
  readonly acceptsAnyText: boolean
  /** Reads one value; throws FrameError on a bad body. */
  read(reader: ByteReader, last: boolean): string
}

const TYPED_KINDS: Record<Exclude<SlotType, 'auto' | 'enum'>, SlotKind> = {
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

/** Bytes a prepared value takes. */
export function preparedSizeBytes(prepared: PreparedSlot): number {
  return (prepared.head === undefined ? 0 : headSizeBytes(prepared.head)) + prepared.tail.length
}

/** Writes a prepared value. */
export function writePrepared(writer: ByteWriter, prepared: PreparedSlot): void {
  if (prepared.head !== undefined) writeHead(writer, prepared.head)
  writer.bytes(prepared.tail)
}

const LONE_SURROGATE = /\p{Surrogate}/u

/** Any non-empty, well-formed text: what the string kind (and so every auto slot) takes. */
function isText(value: string): boolean {
  return value !== '' && !LONE_SURROGATE.test(value)
}

function typedCodec(kind: SlotKind): SlotCodec {
  return {
    prepare: (value, last) => kind.prepare(value, last),
    accepts: kind === STRING_KIND ? isText : (value) => kind.prepare(value, false) !== undefined,
    acceptsAnyText: kind === STRING_KIND,
    read: (reader, last) => kind.decode(kind.readsHead(last) ? readHead(reader) : 0, reader, last),
  }
}

/** The auto-slot candidates in tie order, each with how it folds its tag into the head. */
const AUTO_ORDER: readonly { kind: SlotKind; tag: (head: Head) => Head }[] = [
  { kind: INTEGER_KIND, tag: (head) => packHead(head, 2, 1) },
  ...TAGGED_KINDS.map((kind, index) => ({ kind, tag: (head: Head) => packHead(head, 5, (index << 2) | 3) })),
  { kind: STRING_KIND, tag: (head) => packHead(head, 1, 0) },
]

function prepareAuto(value: string, last: boolean): PreparedSlot | undefined {
  let best: PreparedSlot | undefined
  let bestSize = Infinity
  for (const { kind, tag } of AUTO_ORDER) {
    const prepared = kind.prepare(value, last)
    if (prepared === undefined) continue
    const candidate = { head: tag(prepared.head ?? 0), tail: prepared.tail }
    const size = preparedSizeBytes(candidate)
    if (size < bestSize) {
      best = candidate
      bestSize = size
    }
  }
  return best
}

function readAuto(reader: ByteReader, last: boolean): string {
  const value = readHead(reader)
  const one = unpackHead(value, 1)
  if (one.low === 0) return STRING_KIND.decode(one.high, reader, last)
  const two = unpackHead(value, 2)
  if (two.low === 1) return INTEGER_KIND.decode(two.high, reader, last)
  const five = unpackHead(value, 5)
  const kind = TAGGED_KINDS[five.low >> 2]
  if (kind === undefined) throw new FrameError('E_FRAME_CORRUPT', `auto slot kind ${five.low >> 2} is not defined`)
  if (!kind.readsHead(last) && five.high !== 0) throw new FrameError('E_FRAME_CORRUPT', 'auto slot carries a head its kind does not use')
  return kind.decode(five.high, reader, last)
}

const AUTO_CODEC: SlotCodec = { prepare: prepareAuto, accepts: isText, acceptsAnyText: true, read: readAuto }
const TYPED_CODECS = Object.fromEntries(Object.entries(TYPED_KINDS).map(([type, kind]) => [type, typedCodec(kind)])) as Record<
  keyof typeof TYPED_KINDS,
  SlotCodec
>

/** The codec of a slot spec (shared instances for every type but enum and fixed-width integer). */
export function createSlotCodec(spec: SlotSpec): SlotCodec {
  if (spec.type === 'enum') return spec.other === undefined ? typedCodec(createEnumKind(spec.values)) : openEnumCodec(spec.values, createSlotCodec({ type: spec.other }))
  if (spec.type === 'auto') return AUTO_CODEC
  if (spec.type === 'integer' && spec.width !== undefined) return typedCodec(createFixedWidthIntegerKind(spec.width))
  return TYPED_CODECS[spec.type]
}

/**
 * An enum that also takes values it does not list: head = index + 1 for a listed value; head 0,
 * then the value as the `other` codec writes it (its own head and bytes) for any other value.
 */
function openEnumCodec(values: readonly string[], other: SlotCodec): SlotCodec {
  const indexOf = new Map(values.map((value, index) => [value, index]))
  return {
    prepare(value, last) {
      const index = indexOf.get(value)
      if (index !== undefined) return { head: index + 1, tail: NO_BYTES }
      const inner = other.prepare(value, last)
      if (inner === undefined) return undefined
      const writer = new ByteWriter(preparedSizeBytes(inner))
      writePrepared(writer, inner)
      return { head: 0, tail: writer.toBytes() }
    },
    accepts: (value) => indexOf.has(value) || other.accepts(value),
    acceptsAnyText: other.acceptsAnyText,
    read(reader, last) {
      const head = smallHead(readHead(reader), values.length, 'enum index')
      return head === 0 ? other.read(reader, last) : (values[head - 1] as string)
    },
  }
}

const codecCache = new WeakMap<Template, readonly SlotCodec[]>()

/** The codecs of a template's slots, indexed by placeholder number (built once per template). */
export function slotCodecsOf(template: Template): readonly SlotCodec[] {
  let codecs = codecCache.get(template)
  if (codecs === undefined) codecCache.set(template, (codecs = template.slots.map(createSlotCodec)))
  return codecs
}
