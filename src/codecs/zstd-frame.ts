/**
 * Zstandard frame header and block walk (RFC 8878, section 3.1.1), without decoding anything:
 * enough to bound a decoder's output before it runs and to tell truncated from corrupt frames.
 */
import { FrameError, toFrameError } from '../core/index.ts'

const FRAME_MAGIC = 0xfd2fb528
const MAGIC_BYTES = [0x28, 0xb5, 0x2f, 0xfd] as const
const SKIPPABLE_MAGIC_MASK = 0xfffffff0
const SKIPPABLE_MAGIC_START = 0x184d2a50
/** Largest regenerated block: 128 KiB. */
const BLOCK_MAX_BYTES = 128 * 1024
const DICTIONARY_ID_SIZES = [0, 1, 2, 4] as const
const CONTENT_SIZE_SIZES = [0, 2, 4, 8] as const
const BLOCK_TYPE_RLE = 1
const BLOCK_TYPE_COMPRESSED = 2
const BLOCK_TYPE_RESERVED = 3

/** What a frame states about itself. */
interface ZstdFrameInfo {
  /** decoded size from the header, or undefined when the frame does not state it */
  contentSizeBytes: number | undefined
  /** dictionary id from the header, 0 when absent */
  dictionaryId: number
  hasChecksum: boolean
  /** fewest bytes the blocks decode to: the sizes of raw and RLE blocks, which state them */
  minContentBytes: number
  /** most bytes the blocks can decode to: raw and RLE sizes plus 128 KiB per compressed block */
  maxContentBytes: number
}

/** Reads one complete zstd frame's header and walks its blocks; throws FrameError for empty, truncated, corrupt or trailing input. */
export function readZstdFrame(payload: Uint8Array): ZstdFrameInfo {
  if (payload.length === 0) throw new FrameError('E_FRAME_EMPTY', 'zstd frame is empty')
  const header = readHeader(payload)
  let offset = header.headerBytes
  let minContentBytes = 0
  let compressedBlocks = 0
  for (;;) {
    if (offset + 3 > payload.length) throw truncated('block header')
    const blockHeader = (payload[offset] ?? 0) | ((payload[offset + 1] ?? 0) << 8) | ((payload[offset + 2] ?? 0) << 16)
    const blockType = (blockHeader >> 1) & 3
    const blockSizeBytes = blockHeader >>> 3
    if (blockType === BLOCK_TYPE_RESERVED)
      throw new FrameError('E_FRAME_CORRUPT', `zstd block at byte ${offset} has the reserved block type`)
    if (blockSizeBytes > BLOCK_MAX_BYTES)
      throw new FrameError('E_FRAME_CORRUPT', `zstd block at byte ${offset} is larger than 128 KiB`)
    offset += 3 + (blockType === BLOCK_TYPE_RLE ? 1 : blockSizeBytes)
    if (blockType === BLOCK_TYPE_COMPRESSED) compressedBlocks++
    else minContentBytes += blockSizeBytes
    if (offset > payload.length) throw truncated('block')
    if ((blockHeader & 1) === 1) break
  }
  if (header.info.hasChecksum) offset += 4
  if (offset > payload.length) throw truncated('checksum')
  if (offset < payload.length)
    throw new FrameError(
      'E_FRAME_TRAILING',
      `zstd frame ends at byte ${offset} but the payload has ${payload.length} bytes`,
    )
  return { ...header.info, minContentBytes, maxContentBytes: minContentBytes + compressedBlocks * BLOCK_MAX_BYTES }
}

/**
 * Throws E_FRAME_TOO_LARGE when the frame states a content size above `maxOutputBytes` or its raw
 * and RLE blocks alone pass it (a bomb of RLE blocks is 4 bytes per 128 KiB), E_FRAME_CORRUPT when
 * the stated size is outside what its blocks can decode to (a decoder would otherwise decode up to
 * the stated size, or allocate it, before noticing), E_FRAME_NO_DICTIONARY when it names a
 * dictionary other than `dictionaryId`.
 */
export function checkZstdFrame(info: ZstdFrameInfo, maxOutputBytes: number, dictionaryId: number): void {
  if (info.contentSizeBytes !== undefined && info.contentSizeBytes > maxOutputBytes) {
    throw new FrameError(
      'E_FRAME_TOO_LARGE',
      `zstd frame states ${info.contentSizeBytes} decoded bytes, above the limit of ${maxOutputBytes}`,
    )
  }
  if (info.minContentBytes > maxOutputBytes) {
    throw new FrameError(
      'E_FRAME_TOO_LARGE',
      `zstd frame's raw and RLE blocks alone decode to ${info.minContentBytes} bytes, above the limit of ${maxOutputBytes}`,
    )
  }
  if (
    info.contentSizeBytes !== undefined &&
    (info.contentSizeBytes < info.minContentBytes || info.contentSizeBytes > info.maxContentBytes)
  ) {
    throw new FrameError(
      'E_FRAME_CORRUPT',
      `zstd frame states ${info.contentSizeBytes} decoded bytes but its blocks decode to between ${info.minContentBytes} and ${info.maxContentBytes}`,
    )
  }
  if (info.dictionaryId !== 0 && info.dictionaryId !== dictionaryId) {
    throw new FrameError(
      'E_FRAME_NO_DICTIONARY',
      `zstd frame needs dictionary ${info.dictionaryId}; this decoder has ${dictionaryId === 0 ? 'none with an id' : `dictionary ${dictionaryId}`}`,
    )
  }
}

/**
 * Rewrites a frame without a content size into the single-segment form libzstd's one-shot
 * ZSTD_compress writes (content size stated, no window descriptor, which the content size
 * replaces); block data is unchanged. Frames that already state their size are returned as is.
 */
export function withZstdContentSize(frame: Uint8Array, contentSizeBytes: number): Uint8Array {
  const descriptor = frame[4] ?? 0
  if (descriptor >> 6 !== 0 || (descriptor & 0x20) !== 0) return frame
  const dictionaryIdBytes = DICTIONARY_ID_SIZES[descriptor & 3] ?? 0
  // magic (4) + descriptor (1) + window descriptor (1), then the dictionary id
  const dictionaryId = frame.subarray(6, 6 + dictionaryIdBytes)
  const body = frame.subarray(6 + dictionaryIdBytes)
  const { flag, field } = encodeContentSize(contentSizeBytes)
  const out = new Uint8Array(5 + dictionaryId.length + field.length + body.length)
  out.set(MAGIC_BYTES, 0)
  out[4] = (flag << 6) | 0x20 | (descriptor & 0x07)
  out.set(dictionaryId, 5)
  out.set(field, 5 + dictionaryId.length)
  out.set(body, 5 + dictionaryId.length + field.length)
  return out
}

function encodeContentSize(sizeBytes: number): { flag: number; field: Uint8Array } {
  if (sizeBytes < 256) return { flag: 0, field: Uint8Array.of(sizeBytes) }
  // the 2-byte field stores size - 256 (RFC 8878 3.1.1.1.4)
  if (sizeBytes < 65536 + 256) return { flag: 1, field: littleEndian(sizeBytes - 256, 2) }
  if (sizeBytes <= 0xffffffff) return { flag: 2, field: littleEndian(sizeBytes, 4) }
  return { flag: 3, field: littleEndian(sizeBytes, 8) }
}

function littleEndian(value: number, sizeBytes: number): Uint8Array {
  const out = new Uint8Array(sizeBytes)
  let rest = value
  for (let i = 0; i < sizeBytes; i++) {
    out[i] = rest % 256
    rest = Math.floor(rest / 256)
  }
  return out
}

function readLittleEndian(bytes: Uint8Array, offset: number, sizeBytes: number): number {
  let value = 0
  for (let i = sizeBytes - 1; i >= 0; i--) value = value * 256 + (bytes[offset + i] ?? 0)
  return value
}

function readHeader(payload: Uint8Array): {
  info: Omit<ZstdFrameInfo, 'minContentBytes' | 'maxContentBytes'>
  headerBytes: number
} {
  if (payload.length < 5) {
    const isMagicPrefix = payload.every((byte, i) => byte === MAGIC_BYTES[i])
    throw isMagicPrefix ? truncated('frame header') : notZstd()
  }
  const magic = readLittleEndian(payload, 0, 4)
  if ((magic & SKIPPABLE_MAGIC_MASK) >>> 0 === SKIPPABLE_MAGIC_START)
    throw new FrameError('E_FRAME_CORRUPT', 'payload is a zstd skippable frame, which carries no content')
  if (magic !== FRAME_MAGIC) throw notZstd()
  const descriptor = payload[4] ?? 0
  if ((descriptor & 0x08) !== 0) throw new FrameError('E_FRAME_CORRUPT', 'zstd frame header sets the reserved bit')
  const isSingleSegment = (descriptor & 0x20) !== 0
  const contentSizeFlag = descriptor >> 6
  const contentSizeBytes = contentSizeFlag === 0 && isSingleSegment ? 1 : (CONTENT_SIZE_SIZES[contentSizeFlag] ?? 0)
  const dictionaryIdBytes = DICTIONARY_ID_SIZES[descriptor & 3] ?? 0
  const dictionaryIdOffset = 5 + (isSingleSegment ? 0 : 1)
  const contentSizeOffset = dictionaryIdOffset + dictionaryIdBytes
  const headerBytes = contentSizeOffset + contentSizeBytes
  if (headerBytes > payload.length) throw truncated('frame header')
  const stated =
    contentSizeBytes === 0
      ? undefined
      : readLittleEndian(payload, contentSizeOffset, contentSizeBytes) + (contentSizeBytes === 2 ? 256 : 0)
  return {
    info: {
      contentSizeBytes: stated,
      dictionaryId: readLittleEndian(payload, dictionaryIdOffset, dictionaryIdBytes),
      hasChecksum: (descriptor & 0x04) !== 0,
    },
    headerBytes,
  }
}

function truncated(part: string): FrameError {
  return new FrameError('E_FRAME_TRUNCATED', `zstd frame ends inside its ${part}`)
}

function notZstd(): FrameError {
  return new FrameError('E_FRAME_CORRUPT', 'payload does not start with the zstd frame magic number')
}

/** libzstd's text for ZSTD_error_checksum_wrong (zstd_common.c), the same through both bindings. */
const CHECKSUM_WRONG = /Restored data doesn't match checksum/

/**
 * A libzstd decode failure as a frame error: a content checksum that does not match is
 * E_FRAME_CHECKSUM (docs/contracts.md), anything else E_FRAME_CORRUPT; a FrameError stays as it is.
 * Neither binding exposes libzstd's error code, so the checksum is told by libzstd's own message.
 */
export function zstdFrameError(prefix: string, error: unknown): FrameError {
  if (!(error instanceof FrameError) && error instanceof Error && CHECKSUM_WRONG.test(error.message))
    return new FrameError('E_FRAME_CHECKSUM', `${prefix}: the content checksum does not match (${error.message})`)
  return toFrameError(prefix, error)
}
