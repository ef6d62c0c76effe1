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
  const slotCounts = slotCountsOf(templater)
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
  const crc = crc32(message)
  const headerBytes = header.length + 4
  return { payload: header.bytes(compressedBody).byte(crc >>> 24).byte(crc >>> 16).byte(crc >>> 8).byte(crc).toBytes(), headerBytes }
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
  const records = body.decode(compressedBody, maxOutputBytes * 2 + 1024) as Uint8Array
  const message = renderRecords(records, patterns, maxOutputBytes)
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
  /** UTF-8 bytes of the literal text before, between and after the placeholders (slotCount + 1 parts) */
  segments: Uint8Array[]
  /** placeholder number of each placeholder in text order */
  order: number[]
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
  const segments: Uint8Array[] = []
  const order: number[] = []
  let literalStart = 0
  for (const match of text.matchAll(PLACEHOLDER)) {
    const digits = match[1] as string
    // `{00...0}` would let a pattern be long without rendering anything: every line would rescan it.
    if (digits.length > 1 && digits.startsWith('0')) throw new FrameError('E_FRAME_CORRUPT', `aura template ${index} has placeholder ${match[0]} with a leading zero`)
    const slot = Number(digits)
    if (seen.has(slot)) throw new FrameError('E_FRAME_CORRUPT', `aura template ${index} uses placeholder {${slot}} more than once`)
    seen.add(slot)
    placeholderBytes += match[0].length
    segments.push(toBytes(text.slice(literalStart, match.index)))
    order.push(slot)
    literalStart = match.index + match[0].length
  }
  for (let slot = 0; slot < seen.size; slot++) {
    if (!seen.has(slot)) throw new FrameError('E_FRAME_CORRUPT', `aura template ${index} has ${seen.size} placeholders but no {${slot}}`)
  }
  segments.push(toBytes(text.slice(literalStart)))
  return { text, slotCount: seen.size, literalBytes: bytes.length - placeholderBytes, segments, order }
}

/**
 * Renders the records into the message, refusing a line before writing it when it would pass the
 * budget. A frame can carry millions of one-byte records (each a whole line), so the loop allocates
 * nothing per line: lines are copied from the records and literal bytes straight into the output,
 * and it costs tens of nanoseconds per record (a 16 MiB message of empty lines renders in well
 * under a second; rendering each line through strings took seconds to minutes).
 */
function renderRecords(records: Uint8Array, patterns: readonly EmbeddedPattern[], maxOutputBytes: number): Uint8Array {
  const reader = new ByteReader(records)
  const out = new OutputBuffer(Math.min(maxOutputBytes, records.length) + 1)
  const slotStarts: number[] = []
  const slotEnds: number[] = []
  while (reader.remaining > 0) {
    if (reader.offset > 0) out.byte(NEWLINE)
    const kind = reader.varint()
    if (kind === 0) {
      const lineBytes = reader.varint()
      if (lineBytes > reader.remaining) reader.take(lineBytes) // throws E_FRAME_TRUNCATED
      if (out.length + lineBytes > maxOutputBytes) throw tooLarge(maxOutputBytes)
      out.copy(records, reader.offset, reader.offset + lineBytes)
      reader.offset += lineBytes
      continue
    }
    const pattern = patternAt(patterns, kind - 1)
    let sizeBytes = pattern.literalBytes
    for (let slot = 0; slot < pattern.slotCount; slot++) {
      const valueBytes = reader.varint()
      const start = reader.offset
      if (valueBytes > reader.remaining) reader.take(valueBytes) // throws E_FRAME_TRUNCATED
      reader.offset += valueBytes
      if (!isAsciiRange(records, start, reader.offset) && tryDecodeUtf8(records.subarray(start, reader.offset)) === undefined) {
        throw new FrameError('E_FRAME_CORRUPT', 'aura slot value is not valid UTF-8')
      }
      slotStarts[slot] = start
      slotEnds[slot] = reader.offset
      sizeBytes += valueBytes
    }
    if (out.length + sizeBytes > maxOutputBytes) throw tooLarge(maxOutputBytes)
    writeLine(out, records, pattern, slotStarts, slotEnds)
  }
  return out.toBytes()
}

/** Writes a templated line: literal segments with the slot values (ranges of `records`) between them. */
function writeLine(out: OutputBuffer, records: Uint8Array, pattern: EmbeddedPattern, slotStarts: readonly number[], slotEnds: readonly number[]): void {
  for (let k = 0; k < pattern.order.length; k++) {
    const segment = pattern.segments[k] as Uint8Array
    out.copy(segment, 0, segment.length)
    const slot = pattern.order[k] as number
    out.copy(records, slotStarts[slot] as number, slotEnds[slot] as number)
  }
  const last = pattern.segments[pattern.order.length] as Uint8Array
  out.copy(last, 0, last.length)
}

/** A growable output that copies short ranges byte by byte: no subarray or set() call per line. */
class OutputBuffer {
  private buffer: Uint8Array
  length = 0

  constructor(initialBytes: number) {
    this.buffer = new Uint8Array(Math.max(16, initialBytes))
  }

  byte(value: number): void {
    if (this.length === this.buffer.length) this.grow(1)
    this.buffer[this.length++] = value
  }

  /** Appends source[start, end). */
  copy(source: Uint8Array, start: number, end: number): void {
    const count = end - start
    if (this.length + count > this.buffer.length) this.grow(count)
    if (count > 32) this.buffer.set(source.subarray(start, end), this.length)
    else for (let i = 0; i < count; i++) this.buffer[this.length + i] = source[start + i] as number
    this.length += count
  }

  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length)
  }

  private grow(extraBytes: number): void {
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extraBytes))
    next.set(this.buffer.subarray(0, this.length))
    this.buffer = next
  }
}

/** True when bytes [start, end) are all ASCII (then they are valid UTF-8 without decoding). */
function isAsciiRange(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if ((bytes[i] as number) >= 0x80) return false
  return true
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
