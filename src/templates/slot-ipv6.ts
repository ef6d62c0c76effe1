/**
 * IPv6 addresses in their RFC 5952 canonical text: lowercase hex, no leading zeros, the longest run
 * of two or more zero groups written `::` (the first of equal runs). Other spellings of an address
 * (`FE80::1`, `fe80:0:0:0:0:0:0:1`, embedded IPv4) are refused, never normalised, so the text comes
 * back byte for byte. Frame format: head = 8-bit mask of the non-zero groups (group 0 is the high
 * bit), then 2 bytes per non-zero group: `fe80::1` costs 6 bytes, `::1` 3.
 */
import { type ByteReader, FrameError } from '../core/index.ts'
import type { SlotEncoding } from './slot-encoding.ts'
import { rangeText, type SlotKind } from './slot-kind.ts'
import { smallHead, type Head } from './varint-heads.ts'

const GROUP = /^[0-9a-f]{1,4}$/
const CANONICAL_CHARS = /^[0-9a-f:]+$/

/** The 8 groups of an IPv6 text in any valid spelling (hex of either case, `::` anywhere), or undefined. */
export function parseIpv6Groups(text: string): number[] | undefined {
  if (text.length < 2 || text.length > 39) return undefined
  const halves = text.toLowerCase().split('::')
  if (halves.length > 2) return undefined
  const parse = (part: string): number[] | undefined => {
    if (part === '') return []
    const groups = part.split(':')
    return groups.every((g) => GROUP.test(g)) ? groups.map((g) => Number.parseInt(g, 16)) : undefined
  }
  const head = parse(halves[0] as string)
  const tail = halves.length === 2 ? parse(halves[1] as string) : []
  if (head === undefined || tail === undefined) return undefined
  if (halves.length === 1) return head.length === 8 ? head : undefined
  const zeros = 8 - head.length - tail.length
  return zeros >= 1 ? [...head, ...new Array<number>(zeros).fill(0), ...tail] : undefined
}

/** RFC 5952 text of 8 groups. */
export function renderIpv6(groups: readonly number[]): string {
  let bestStart = -1
  let bestLength = 1
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i]
    i = j
  }
  const hex = groups.map((g) => g.toString(16))
  if (bestStart === -1) return hex.join(':')
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`
}

/** True when text[start, end) holds a `:` and is short enough for an address (every value without one is refused before it is taken out of the message). */
function hasColon(text: string, start: number, end: number): boolean {
  if (end - start > 39) return false
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 58) return true
  return false
}

function encodeIpv6(value: string, out: SlotEncoding): boolean {
  // a canonical address is lowercase hex digits and colons, at least one colon, at most 39 characters:
  // most auto-slot values fail this before any parsing (an auto slot tries every kind on every value)
  if (value.length > 39 || value.indexOf(':') === -1 || !CANONICAL_CHARS.test(value)) return false
  const groups = parseIpv6Groups(value)
  if (groups === undefined || renderIpv6(groups) !== value) return false
  let mask = 0
  for (let i = 0; i < 8; i++) if (groups[i] !== 0) mask |= 0x80 >> i
  out.setHead(mask)
  for (const group of groups) {
    if (group === 0) continue
    out.byte(group >> 8)
    out.byte(group & 0xff)
  }
  return true
}

function decodeIpv6(head: Head, reader: ByteReader): string {
  const mask = smallHead(head, 0xff, 'ipv6 group mask')
  const groups: number[] = []
  for (let i = 0; i < 8; i++) {
    if ((mask & (0x80 >> i)) === 0) groups.push(0)
    else {
      const [high, low] = reader.take(2)
      const group = ((high as number) << 8) | (low as number)
      if (group === 0) throw new FrameError('E_FRAME_CORRUPT', `ipv6 group ${i} is marked non-zero but is 0`)
      groups.push(group)
    }
  }
  return renderIpv6(groups)
}

/** Canonical IPv6 kind (see the file comment). */
export const IPV6_KIND: SlotKind = {
  encode: (text, start, end, _last, out) => hasColon(text, start, end) && encodeIpv6(rangeText(text, start, end), out),
  readsHead: () => true,
  decode: (head, reader) => decodeIpv6(head, reader),
}
