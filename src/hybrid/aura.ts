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

const FORMAT_VERSION = 1
const NEWLINE = 0x0a
const MAX_TEMPLATES = 4096

/** Finds a template for one line: its pattern text and slot values, or undefined. */
export type LineTemplater = (line: string) => { pattern: string; values: string[] } | undefined

/** Result of encoding: the payload and how many of its bytes are header (everything but the body). */
export interface AuraPayload {
  payload: Uint8Array
  headerBytes: number
}

/** Encodes a message into an aura payload (without the method tag). */
export function encodeAuraPayload(message: Uint8Array, templater: LineTemplater | undefined, body: Codec & { isAsync: false }): AuraPayload {
  const patterns = new Map<string, number>()
  const records = new ByteWriter(message.length + 16)
  for (const line of splitLines(message)) {
    const text = templater === undefined ? undefined : tryDecodeUtf8(line)
    const hit = text === undefined ? undefined : templater?.(text)
    if (hit === undefined || renderPattern(hit.pattern, hit.values) !== text) {
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
  const compressedBody = body.encode(records.toBytes()) as Uint8Array
  const checksum = new ByteWriter(4)
  const crc = crc32(message)
  checksum.byte(crc >>> 24).byte(crc >>> 16).byte(crc >>> 8).byte(crc)
  const headerBytes = header.length + 4
  return { payload: new ByteWriter(headerBytes + compressedBody.length).bytes(header.toBytes()).bytes(compressedBody).bytes(checksum.toBytes()).toBytes(), headerBytes }
}

/** Decodes an aura payload; output is bounded by maxOutputBytes and verified against the CRC-32. */
export function decodeAuraPayload(payload: Uint8Array, body: Codec & { isAsync: false }, maxOutputBytes: number): Uint8Array {
  const reader = new ByteReader(payload)
  const version = reader.byte()
  if (version !== FORMAT_VERSION) throw new FrameError('E_FRAME_CORRUPT', `aura format version ${version} is not supported (expected ${FORMAT_VERSION})`)
  const count = reader.varint()
  if (count > MAX_TEMPLATES) throw new FrameError('E_FRAME_CORRUPT', `aura frame claims ${count} templates`)
  const patterns: string[] = []
  for (let i = 0; i < count; i++) {
    const text = tryDecodeUtf8(reader.lengthPrefixed())
    if (text === undefined) throw new FrameError('E_FRAME_CORRUPT', `aura template ${i} is not valid UTF-8`)
    patterns.push(text)
  }
  if (reader.remaining < 4) throw new FrameError('E_FRAME_TRUNCATED', 'aura frame ends before its checksum')
  const compressedBody = reader.take(reader.remaining - 4)
  const expectedCrc = readUint32(reader.take(4))
  // Records are at most a few bytes per line longer than the message itself.
  const records = new ByteReader(body.decode(compressedBody, maxOutputBytes * 2 + 1024) as Uint8Array)
  const out = new ByteWriter(Math.min(maxOutputBytes, records.bytes.length) + 1)
  let first = true
  while (records.remaining > 0) {
    if (!first) out.byte(NEWLINE)
    first = false
    const kind = records.varint()
    if (kind === 0) out.bytes(records.lengthPrefixed())
    else out.bytes(toBytes(renderPattern(patternAt(patterns, kind - 1), readValues(records, patternAt(patterns, kind - 1)))))
    if (out.length > maxOutputBytes) throw new FrameError('E_FRAME_TOO_LARGE', `aura frame decodes to more than ${maxOutputBytes} bytes`)
  }
  const message = out.toBytes()
  if (crc32(message) !== expectedCrc) throw new FrameError('E_FRAME_CHECKSUM', 'aura frame checksum does not match its content')
  return message
}

function patternAt(patterns: readonly string[], index: number): string {
  const pattern = patterns[index]
  if (pattern === undefined) throw new FrameError('E_FRAME_CORRUPT', `aura record names template ${index}, the frame has ${patterns.length}`)
  return pattern
}

function readValues(records: ByteReader, pattern: string): string[] {
  const values: string[] = []
  for (let i = 0; i < slotCount(pattern); i++) {
    const value = tryDecodeUtf8(records.lengthPrefixed())
    if (value === undefined) throw new FrameError('E_FRAME_CORRUPT', 'aura slot value is not valid UTF-8')
    values.push(value)
  }
  return values
}

const PLACEHOLDER = /\{(\d+)\}/g

/** Fills `{0}`, `{1}`... of a pattern with values; placeholders past the values stay as written. */
export function renderPattern(pattern: string, values: readonly string[]): string {
  return pattern.replace(PLACEHOLDER, (whole, index: string) => values[Number(index)] ?? whole)
}

function slotCount(pattern: string): number {
  let max = -1
  for (const match of pattern.matchAll(PLACEHOLDER)) max = Math.max(max, Number(match[1]))
  return max + 1
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
