/**
 * Step 1 of the byte screen (byte-screen.ts): the (first byte, last byte) pairs some template of a
 * store allows, as 65,536 bits. A template's message starts with its first literal, or when that is
 * empty with a value of its first slot, whose type limits the byte it can start with; likewise at the end.
 */
import { textToBytes } from './text-bytes.ts'
import type { SlotSpec, SlotType, Template } from './store-types.ts'

/** A set of bytes, as 256 flags. */
type ByteSet = Uint8Array

function byteSet(...ranges: string[]): ByteSet {
  const set = new Uint8Array(256)
  for (const range of ranges) {
    const [from, to] = [range.charCodeAt(0), range.charCodeAt(range.length - 1)]
    for (let code = from; code <= to; code++) set[code] = 1
  }
  return set
}

const ANY = new Uint8Array(256).fill(1)
const DIGIT = byteSet('09')
const SIGNED = byteSet('09', '+', '-')
const HEX = byteSet('09', 'af', 'AF')
const HEX_OR_COLON = byteSet('09', 'af', 'AF', ':')
const DIGIT_OR_ZONE = byteSet('09', 'Z', 'z')

/**
 * The bytes a value of a type can start (or end) with: a superset of what its codec accepts
 * (slot-numbers.ts, slot-kind.ts, slot-timestamp.ts, slot-ipv6.ts), never smaller.
 */
function edgeBytesOf(type: Exclude<SlotType, 'enum'>, width: number | undefined, atEnd: boolean): ByteSet {
  switch (type) {
    case 'integer':
      return width !== undefined || atEnd ? DIGIT : SIGNED
    case 'decimal':
      return atEnd ? DIGIT : SIGNED
    case 'timestamp':
      return atEnd ? DIGIT_OR_ZONE : DIGIT
    case 'ipv4':
      return DIGIT
    case 'uuid':
    case 'hex':
      return HEX
    case 'ipv6':
      return HEX_OR_COLON
    default:
      return ANY
  }
}

function slotEdgeBytes(spec: SlotSpec, atEnd: boolean): ByteSet {
  // a typed slot with `other` takes any text after its escape
  if (spec.type !== 'enum' && 'other' in spec && spec.other !== undefined) return edgeBytesOf('auto', undefined, atEnd)
  if (spec.type !== 'enum') return edgeBytesOf(spec.type, spec.type === 'integer' ? spec.width : undefined, atEnd)
  const set = spec.other === undefined ? new Uint8Array(256) : edgeBytesOf(spec.other, undefined, atEnd).slice()
  for (const value of spec.values) {
    const bytes = textToBytes(value)
    if (bytes.length > 0) set[bytes[atEnd ? bytes.length - 1 : 0] as number] = 1
  }
  return set
}

/** The bytes a template's messages can start (or end) with. */
function templateEdgeBytes(template: Template, atEnd: boolean): ByteSet {
  const { literals, textOrder, slots } = template
  const literal = literals[atEnd ? textOrder.length : 0] as string
  if (literal !== '') {
    const bytes = textToBytes(literal)
    const set = new Uint8Array(256)
    set[bytes[atEnd ? bytes.length - 1 : 0] as number] = 1
    return set
  }
  return slotEdgeBytes(slots[textOrder[atEnd ? textOrder.length - 1 : 0] as number] as SlotSpec, atEnd)
}

/** The (first byte, last byte) pairs some template allows, as 65,536 bits; undefined when every pair is allowed. */
export function edgePairs(templates: readonly Template[]): Uint32Array | undefined {
  const pairs = new Uint32Array(2048)
  const done = new Set<string>()
  for (const template of templates) {
    const first = templateEdgeBytes(template, false)
    const last = templateEdgeBytes(template, true)
    const key = `${first.join('')}${last.join('')}`
    if (done.has(key)) continue
    done.add(key)
    if (!first.includes(0) && !last.includes(0)) return undefined
    for (let a = 0; a < 256; a++) {
      if (first[a] === 0) continue
      for (let b = 0; b < 256; b++) {
        if (last[b] === 1) pairs[(a << 3) | (b >>> 5)] = (pairs[(a << 3) | (b >>> 5)] as number) | (1 << (b & 31))
      }
    }
  }
  return pairs
}

/** Step 1 on a non-empty message: true when some template allows its first and last byte. */
export function edgesAllow(pairs: Uint32Array | undefined, bytes: Uint8Array): boolean {
  if (pairs === undefined) return true
  const b = bytes[bytes.length - 1] as number
  return ((pairs[((bytes[0] as number) << 3) | (b >>> 5)] as number) & (1 << (b & 31))) !== 0
}
