/**
 * The `aura` container (the seed's BRIO): self-describing, so the receiver needs no template store.
 * It carries its format version, the text of every template it uses, the entropy-coded body and a
 * CRC-32 of the message. That header is real bytes on the wire: small messages lose to it, which is
 * exactly the seed's incident, and the per-message header cost is reported.
 *
 * Payload after the 0xF7 tag:
 *   version (1 byte, = 1) | template count (varint) | each template: length-prefixed pattern text |
 *   body (Brotli) ... | CRC-32 of the message (4 bytes, big-endian)
 * Body before Brotli, one record per line (lines split on 0x0A, which is restored between them):
 *   0, length-prefixed line bytes            (no template)
 *   k >= 1, one length-prefixed value per slot (line = template k-1 with its values)
 */
import { crc32 } from 'node:zlib'
import { ByteReader, ByteWriter, FrameError, toBytes, tryDecodeUtf8, type Codec } from '../core/index.ts'
import { type EmbeddedPattern, NEWLINE, PLACEHOLDER, parseEmbeddedPattern, renderRecords } from './aura-records.ts'

const FORMAT_VERSION = 1
const MAX_TEMPLATES = 4096

/** Finds a template for one line: its pattern text and slot values, or undefined. */
export type LineTemplater = (line: string) => { pattern: string; values: string[] } | undefined

/** Result of encoding: the payload and how many of its bytes are header (everything but the body). */
export interface AuraPayload {
  payload: Uint8Array
  headerBytes: number
  /** length of the body before Brotli (the records), which the decoder's budget bounds */
  recordsBytes: number
}

/** Encodes a message into an aura payload (without the method tag). */
export function encodeAuraPayload(
  message: Uint8Array,
  templater: LineTemplater | undefined,
  body: Codec & { isAsync: false },
): AuraPayload {
  const patterns = new Map<string, number>()
  const slotCounts = slotCountsOf(templater)
  const records = new ByteWriter(message.length + 16)
  for (const line of splitLines(message)) {
    const text = templater === undefined ? undefined : tryDecodeUtf8(line)
    const hit = text === undefined ? undefined : templater?.(text)
    const usable =
      hit !== undefined && isEmbeddable(hit, slotCounts) && (patterns.has(hit.pattern) || patterns.size < MAX_TEMPLATES)
    if (!usable || renderPattern(hit.pattern, hit.values) !== text) {
      records.varint(0).lengthPrefixed(line)
      continue
    }
    let index = patterns.get(hit.pattern)
    if (index === undefined) {
      index = patterns.size
      patterns.set(hit.pattern, index)
    }
    records.varint(index + 1)
    for (const value of hit.values) records.lengthPrefixed(toBytes(value))
  }
  const header = new ByteWriter(64).byte(FORMAT_VERSION).varint(patterns.size)
  for (const pattern of patterns.keys()) header.lengthPrefixed(toBytes(pattern))
  const recordBytes = records.toBytes()
  const compressedBody = body.encode(recordBytes) as Uint8Array
  const crc = crc32(message)
  const headerBytes = header.length + 4
  return {
    payload: header
      .bytes(compressedBody)
      .byte(crc >>> 24)
      .byte(crc >>> 16)
      .byte(crc >>> 8)
      .byte(crc)
      .toBytes(),
    headerBytes,
    recordsBytes: recordBytes.length,
  }
}

/** Slot counts of the patterns a templater has returned, kept as long as the templater (a pattern is parsed once, not once per message). */
const slotCountCaches = new WeakMap<LineTemplater, Map<string, number>>()

function slotCountsOf(templater: LineTemplater | undefined): Map<string, number> {
  if (templater === undefined) return new Map()
  let counts = slotCountCaches.get(templater)
  if (counts === undefined) slotCountCaches.set(templater, (counts = new Map()))
  return counts
}

/** True when the decoder will accept the hit's pattern and read exactly its values; slot counts cached per pattern (-1: unusable). */
function isEmbeddable(hit: { pattern: string; values: string[] }, slotCounts: Map<string, number>): boolean {
  let slotCount = slotCounts.get(hit.pattern)
  if (slotCount === undefined) {
    try {
      slotCount = parseEmbeddedPattern(toBytes(hit.pattern), 0).slotCount
    } catch {
      slotCount = -1
    }
    slotCounts.set(hit.pattern, slotCount)
  }
  return slotCount === hit.values.length
}

/**
 * Decodes an aura payload; output is bounded by maxOutputBytes and verified against the CRC-32. The
 * Brotli body (the records) stops at maxRecordsBytes: by default two bytes per message byte plus
 * 1 KiB (an empty line is two record bytes); the frame decoder passes its decode budget.
 */
export function decodeAuraPayload(
  payload: Uint8Array,
  body: Codec & { isAsync: false },
  maxOutputBytes: number,
  maxRecordsBytes = maxOutputBytes * 2 + 1024,
): Uint8Array {
  const reader = new ByteReader(payload)
  const version = reader.byte()
  if (version !== FORMAT_VERSION)
    throw new FrameError(
      'E_FRAME_CORRUPT',
      `aura format version ${version} is not supported (expected ${FORMAT_VERSION})`,
    )
  const count = reader.varint()
  if (count > MAX_TEMPLATES) throw new FrameError('E_FRAME_CORRUPT', `aura frame claims ${count} templates`)
  const patterns: EmbeddedPattern[] = []
  for (let i = 0; i < count; i++) patterns.push(parseEmbeddedPattern(reader.lengthPrefixed(), i))
  if (reader.remaining < 4) throw new FrameError('E_FRAME_TRUNCATED', 'aura frame ends before its checksum')
  const compressedBody = reader.take(reader.remaining - 4)
  const expectedCrc = readUint32(reader.take(4))
  const records = body.decode(compressedBody, maxRecordsBytes) as Uint8Array
  const message = renderRecords(records, patterns, maxOutputBytes)
  if (crc32(message) !== expectedCrc)
    throw new FrameError('E_FRAME_CHECKSUM', 'aura frame checksum does not match its content')
  return message
}

/** Fills `{0}`, `{1}`... of a pattern with values; placeholders past the values stay as written. */
export function renderPattern(pattern: string, values: readonly string[]): string {
  return pattern.replace(PLACEHOLDER, (whole, index: string) => values[Number(index)] ?? whole)
}

function* splitLines(message: Uint8Array): Generator<Uint8Array> {
  let start = 0
  for (let i = 0; i < message.length; i++) {
    if (message[i] === NEWLINE) {
      yield message.subarray(start, i)
      start = i + 1
    }
  }
  yield message.subarray(start)
}

function readUint32(bytes: Uint8Array): number {
  return (((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)) >>> 0
}
