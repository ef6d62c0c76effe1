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
  const slotCounts = new Map<string, number>()
  const records = new ByteWriter(message.length + 16)
  for (const line of splitLines(message)) {
    const text = templater === undefined ? undefined : tryDecodeUtf8(line)
    const hit = text === undefined ? undefined : templater?.(text)
    const usable = hit !== undefined && isEmbeddable(hit, slotCounts) && (patterns.has(hit.pattern) || patterns.size < MAX_TEMPLATES)
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
  const compressedBody = body.encode(records.toBytes()) as Uint8Array
  const checksum = new ByteWriter(4)
  const crc = crc32(message)
  checksum.byte(crc >>> 24).byte(crc >>> 16).byte(crc >>> 8).byte(crc)
  const headerBytes = header.length + 4
  return { payload: new ByteWriter(headerBytes + compressedBody.length).bytes(header.toBytes()).bytes(compressedBody).bytes(checksum.toBytes()).toBytes(), headerBytes }
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

/** Decodes an aura payload; output is bounded by maxOutputBytes and verified against the CRC-32. */
export function decodeAuraPayload(payload: Uint8Array, body: Codec & { isAsync: false }, maxOutputBytes: number): Uint8Array {
  const reader = new ByteReader(payload)
  const version = reader.byte()
  if (version !== FORMAT_VERSION) throw new FrameError('E_FRAME_CORRUPT', `aura format version ${version} is not supported (expected ${FORMAT_VERSION})`)
  const count = reader.varint()
  if (count > MAX_TEMPLATES) throw new FrameError('E_FRAME_CORRUPT', `aura frame claims ${count} templates`)
  const patterns: EmbeddedPattern[] = []
  for (let i = 0; i < count; i++) patterns.push(parseEmbeddedPattern(reader.lengthPrefixed(), i))
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
    const line = kind === 0 ? records.lengthPrefixed() : readTemplatedLine(records, patternAt(patterns, kind - 1), maxOutputBytes - out.length)
    if (out.length + line.length > maxOutputBytes) throw tooLarge(maxOutputBytes)
    out.bytes(line)
  }
  const message = out.toBytes()
  if (crc32(message) !== expectedCrc) throw new FrameError('E_FRAME_CHECKSUM', 'aura frame checksum does not match its content')
  return message
}

/** A template text carried in an aura frame, split once so each line costs only its own bytes. */
interface EmbeddedPattern {
  /** pattern text as a store writes it, `{n}` placeholders */
  text: string
  slotCount: number
  /** UTF-8 bytes of the literal text around the placeholders */
  literalBytes: number
}

/**
 * Parses a pattern from a frame. Each placeholder must appear once (store templates are written that
 * way): a crafted `{0}{0}{0}...` would otherwise multiply one slot value into a huge line.
 */
function parseEmbeddedPattern(bytes: Uint8Array, index: number): EmbeddedPattern {
  const text = tryDecodeUtf8(bytes)
  if (text === undefined) throw new FrameError('E_FRAME_CORRUPT', `aura template ${index} is not valid UTF-8`)
  const seen = new Set<number>()
  let placeholderBytes = 0
  for (const match of text.matchAll(PLACEHOLDER)) {
    const digits = match[1] as string
    // `{00...0}` would let a pattern be long without rendering anything: every line would rescan it.
    if (digits.length > 1 && digits.startsWith('0')) throw new FrameError('E_FRAME_CORRUPT', `aura template ${index} has placeholder ${match[0]} with a leading zero`)
    const slot = Number(digits)
    if (seen.has(slot)) throw new FrameError('E_FRAME_CORRUPT', `aura template ${index} uses placeholder {${slot}} more than once`)
    seen.add(slot)
    placeholderBytes += match[0].length
  }
  for (let slot = 0; slot < seen.size; slot++) {
    if (!seen.has(slot)) throw new FrameError('E_FRAME_CORRUPT', `aura template ${index} has ${seen.size} placeholders but no {${slot}}`)
  }
  return { text, slotCount: seen.size, literalBytes: bytes.length - placeholderBytes }
}

/** Reads one templated record and renders its line, refusing before rendering when it would pass the budget. */
function readTemplatedLine(records: ByteReader, pattern: EmbeddedPattern, budgetBytes: number): Uint8Array {
  const values: string[] = []
  let sizeBytes = pattern.literalBytes
  for (let i = 0; i < pattern.slotCount; i++) {
    const bytes = records.lengthPrefixed()
    const value = tryDecodeUtf8(bytes)
    if (value === undefined) throw new FrameError('E_FRAME_CORRUPT', 'aura slot value is not valid UTF-8')
    values.push(value)
    sizeBytes += bytes.length
  }
  if (sizeBytes > budgetBytes) throw tooLarge(budgetBytes)
  return toBytes(renderPattern(pattern.text, values))
}

function tooLarge(maxOutputBytes: number): FrameError {
  return new FrameError('E_FRAME_TOO_LARGE', `aura frame decodes to more than ${maxOutputBytes} bytes`)
}

function patternAt(patterns: readonly EmbeddedPattern[], index: number): EmbeddedPattern {
  const pattern = patterns[index]
  if (pattern === undefined) throw new FrameError('E_FRAME_CORRUPT', `aura record names template ${index}, the frame has ${patterns.length}`)
  return pattern
}

const PLACEHOLDER = /\{(\d+)\}/g

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
