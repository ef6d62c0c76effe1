/**
 * Hand-made hostile frames for the fuzzer: length fields that point past the end (aura headers, aura
 * records, zstd headers, deflate stored blocks), reserved tags and flags, and decompression bombs, a
 * 128 MiB zero run (or millions of tiny aura lines) behind a valid method tag, which a decoder must
 * refuse at max_message_bytes with E_FRAME_TOO_LARGE without producing it.
 */
import { brotliCompressSync, constants, crc32, deflateRawSync } from 'node:zlib'

/** A named hand-made frame. */
export interface SpecialFrame {
  name: string
  frame: Uint8Array
}

const MIB = 1024 * 1024
/** Size of every bomb's zero run: past 100 MB, far past any max_message_bytes a config ships with. */
export const BOMB_BYTES = 128 * MIB
const TAG = { brotli: 0xc0, zstd: 0xc1, zstd_dict: 0xf5, deflate: 0xf6, aura: 0xf7, binaryVarint: 0xf9 } as const
const encoder = new TextEncoder()

/** LEB128 varint bytes of a non-negative safe integer. */
export function varintBytes(value: number): number[] {
  const out: number[] = []
  let v = value
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80)
    v = Math.floor(v / 0x80)
  }
  out.push(v)
  return out
}

function littleEndian(value: number, sizeBytes: number): number[] {
  const out: number[] = []
  let rest = value
  for (let i = 0; i < sizeBytes; i++) {
    out.push(rest % 256)
    rest = Math.floor(rest / 256)
  }
  return out
}

function brotli(bytes: Uint8Array): Uint8Array {
  // quality 1: a 128 MiB zero run compresses in ~30 ms (quality 5: ~300 ms) and still fits in 24 KB
  return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } })
}

function crcBytes(message: Uint8Array): number[] {
  const crc = crc32(message)
  return [crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]
}

/** An aura frame: tag, version, embedded patterns, a Brotli body of `records`, a CRC-32 (of `crcOf`, default nothing). */
function auraFrame(
  patterns: readonly string[],
  records: Uint8Array,
  crcOf: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const header = [TAG.aura, 1, ...varintBytes(patterns.length)]
  for (const pattern of patterns) {
    const bytes = encoder.encode(pattern)
    header.push(...varintBytes(bytes.length), ...bytes)
  }
  return Uint8Array.from([...header, ...brotli(records), ...crcBytes(crcOf)])
}

/**
 * A zstd frame of RLE blocks (128 KiB of one byte each, 4 bytes on the wire) decoding to `totalBytes`;
 * `statedBytes` is written as the 8-byte content size, or omitted (then a 128 KiB window is declared).
 */
export function zstdRleFrame(totalBytes: number, statedBytes: number | undefined, dictionaryId = 0): Uint8Array {
  const blockBytes = 128 * 1024
  const dictionaryFlag = dictionaryId === 0 ? 0 : 3
  const dictionaryField = dictionaryId === 0 ? [] : littleEndian(dictionaryId, 4)
  const header =
    statedBytes === undefined
      ? [0x28, 0xb5, 0x2f, 0xfd, dictionaryFlag, 0x38, ...dictionaryField]
      : [0x28, 0xb5, 0x2f, 0xfd, 0xc0 | dictionaryFlag, 0x58, ...dictionaryField, ...littleEndian(statedBytes, 8)]
  const blocks = Math.max(1, Math.ceil(totalBytes / blockBytes))
  const out = new Uint8Array(header.length + blocks * 4)
  out.set(header)
  for (let i = 0; i < blocks; i++) {
    const sizeBytes = Math.min(blockBytes, totalBytes - i * blockBytes)
    const blockHeader = (sizeBytes << 3) | (1 << 1) | (i === blocks - 1 ? 1 : 0)
    out.set([blockHeader & 0xff, (blockHeader >> 8) & 0xff, (blockHeader >> 16) & 0xff, 0], header.length + i * 4)
  }
  return out
}

function tagged(tag: number, payload: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(payload.length + 1)
  out[0] = tag
  out.set(payload, 1)
  return out
}

/** Hand-made frames whose length fields, counts, flags or tags are hostile (each small). */
export function createCraftedFrames(): SpecialFrame[] {
  const huge = varintBytes(2 ** 31)
  const empty = new Uint8Array(0)
  const frames: SpecialFrame[] = [
    { name: 'aura: template count past the limit', frame: Uint8Array.from([TAG.aura, 1, ...varintBytes(1e9)]) },
    { name: 'aura: more templates than bytes', frame: Uint8Array.from([TAG.aura, 1, ...varintBytes(4000), 1, 0x61]) },
    { name: 'aura: pattern length past the end', frame: Uint8Array.from([TAG.aura, 1, 1, ...huge, 0x61, 0x62, 0x63]) },
    {
      name: 'aura: varint longer than 8 bytes',
      frame: Uint8Array.from([TAG.aura, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
    },
    { name: 'aura: no checksum', frame: Uint8Array.from([TAG.aura, 1, 0, 1, 2]) },
    { name: 'aura: format version 2', frame: Uint8Array.from([TAG.aura, 2, 0, 0, 0, 0, 0]) },
    { name: 'aura: record length past the end', frame: auraFrame([], Uint8Array.from([0, ...huge, 0x61])) },
    { name: 'aura: record names a missing template', frame: auraFrame([], Uint8Array.from([5])) },
    { name: 'aura: repeated placeholder', frame: auraFrame(['{0}{0}{0}{0}'], Uint8Array.from([1, 1, 0x61])) },
    { name: 'aura: placeholder with a leading zero', frame: auraFrame(['{00}'], Uint8Array.from([1, 1, 0x61])) },
    { name: 'aura: placeholder {1} without {0}', frame: auraFrame(['a{1}'], Uint8Array.from([1, 1, 0x61])) },
    {
      name: 'aura: pattern that is not UTF-8',
      frame: Uint8Array.from([TAG.aura, 1, 1, 1, 0xff, ...brotli(empty), 0, 0, 0, 0]),
    },
    { name: 'aura: slot value past the end', frame: auraFrame(['a{0}'], Uint8Array.from([1, ...huge, 0x61])) },
    { name: 'aura: slot value not UTF-8', frame: auraFrame(['a{0}'], Uint8Array.from([1, 1, 0xff])) },
    {
      name: 'aura: body that is not Brotli',
      frame: Uint8Array.from([TAG.aura, 1, 0, 0x12, 0x34, 0x56, 0x78, 0x9a, 0, 0, 0, 0]),
    },
    {
      name: 'aura: checksum of another message',
      frame: auraFrame([], Uint8Array.from([0, 1, 0x61]), encoder.encode('b')),
    },
    {
      name: 'aura: 4096 templates',
      frame: auraFrame(
        Array.from({ length: 4096 }, (_, i) => `p${i} {0}`),
        Uint8Array.from([1, 1, 0x61]),
      ),
    },
    {
      name: 'aura: 1000 placeholders',
      frame: auraFrame(
        [Array.from({ length: 1000 }, (_, i) => `{${i}}`).join('')],
        Uint8Array.from([1, ...new Array<number>(1000).fill(0)]),
      ),
    },
    {
      name: 'binary_semantic: varint id longer than 8 bytes',
      frame: Uint8Array.from([TAG.binaryVarint, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
    },
    {
      name: 'binary_semantic: short id in the varint header',
      frame: Uint8Array.from([TAG.binaryVarint, ...varintBytes(149)]),
    },
    {
      name: 'binary_semantic: id 2^53 in the varint header',
      frame: Uint8Array.from([TAG.binaryVarint, ...varintBytes(2 ** 53), 1, 2, 3]),
    },
    {
      name: 'zstd: content size 2^64 - 1',
      frame: tagged(TAG.zstd, [
        0x28,
        0xb5,
        0x2f,
        0xfd,
        0xc0,
        0x58,
        ...new Array<number>(8).fill(0xff),
        0x01,
        0x00,
        0x00,
      ]),
    },
    { name: 'zstd: names dictionary 0x12345678', frame: tagged(TAG.zstd, zstdRleFrame(10, 10, 0x12345678)) },
    { name: 'zstd_dict: names dictionary 0x12345678', frame: tagged(TAG.zstd_dict, zstdRleFrame(10, 10, 0x12345678)) },
    { name: 'zstd: skippable frame', frame: tagged(TAG.zstd, [0x50, 0x2a, 0x4d, 0x18, 4, 0, 0, 0, 1, 2, 3, 4]) },
    {
      name: 'zstd: reserved block type',
      frame: tagged(TAG.zstd, [0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x05, 0x07, 0x00, 0x00]),
    },
    {
      name: 'zstd: block larger than 128 KiB',
      frame: tagged(TAG.zstd, [0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x05, 0x01, 0x00, 0xff]),
    },
    { name: 'zstd: states 0 bytes, holds 10', frame: tagged(TAG.zstd, zstdRleFrame(10, 0)) },
    { name: 'zstd_dict: states 0 bytes, holds 10', frame: tagged(TAG.zstd_dict, zstdRleFrame(10, 0)) },
    { name: 'zstd_dict: no content size', frame: tagged(TAG.zstd_dict, zstdRleFrame(1000, undefined)) },
    {
      name: 'deflate: stored block length past the end',
      frame: tagged(TAG.deflate, [0x01, 0xff, 0xff, 0x00, 0x00, 0x61, 0x62]),
    },
    {
      name: 'deflate: stored block length check wrong',
      frame: tagged(TAG.deflate, [0x01, 0x02, 0x00, 0x02, 0x00, 0x61, 0x62]),
    },
    { name: 'brotli: empty payload', frame: Uint8Array.of(TAG.brotli) },
    {
      name: 'brotli: stream then trailing bytes',
      frame: tagged(TAG.brotli, [...brotli(encoder.encode('hello')), 0x00, 0x01]),
    },
  ]
  // 0xFA is json_residue since round 35 (E_FRAME_UNKNOWN_TEMPLATE without a store model); 0xFB a template frame
  // of a message without its final \r since round 41 (E_FRAME_CORRUPT before anything but one); 0xFC-0xFF are reserved
  frames.push({ name: 'json_residue without a store model', frame: Uint8Array.of(0xfa, 1, 2, 3) })
  for (let tag = 0xfb; tag <= 0xff; tag++)
    frames.push({
      name: tag === 0xfb ? 'tag 0xfb before no template frame' : `reserved tag 0x${tag.toString(16)}`,
      frame: Uint8Array.of(tag, 1, 2, 3),
    })
  return frames
}

/** Decompression bombs (built once, in about half a second): every one must stop at max_message_bytes. */
export function createBombFrames(): SpecialFrame[] {
  const zeros = new Uint8Array(BOMB_BYTES)
  const brotliZeros = brotli(zeros)
  const newlines = new Uint8Array(16 * MIB - 2).fill(0x0a)
  return [
    { name: 'brotli: 128 MiB of zeros', frame: tagged(TAG.brotli, brotliZeros) },
    { name: 'deflate: 128 MiB of zeros', frame: tagged(TAG.deflate, deflateRawSync(zeros, { level: 1 })) },
    { name: 'zstd: 128 MiB of zeros, no content size', frame: tagged(TAG.zstd, zstdRleFrame(BOMB_BYTES, undefined)) },
    { name: 'zstd: 128 MiB of zeros, states it', frame: tagged(TAG.zstd, zstdRleFrame(BOMB_BYTES, BOMB_BYTES)) },
    { name: 'zstd: 128 MiB of zeros, states 16 MiB', frame: tagged(TAG.zstd, zstdRleFrame(BOMB_BYTES, 16 * MIB)) },
    { name: 'zstd: 128 MiB of zeros, states 100 bytes', frame: tagged(TAG.zstd, zstdRleFrame(BOMB_BYTES, 100)) },
    {
      name: 'zstd_dict: 128 MiB of zeros, no content size',
      frame: tagged(TAG.zstd_dict, zstdRleFrame(BOMB_BYTES, undefined)),
    },
    {
      name: 'zstd_dict: 128 MiB of zeros, states it',
      frame: tagged(TAG.zstd_dict, zstdRleFrame(BOMB_BYTES, BOMB_BYTES)),
    },
    {
      name: 'zstd_dict: 128 MiB of zeros, states 16 MiB',
      frame: tagged(TAG.zstd_dict, zstdRleFrame(BOMB_BYTES, 16 * MIB)),
    },
    { name: 'aura: body of 128 MiB of zeros', frame: Uint8Array.from([TAG.aura, 1, 0, ...brotliZeros, 0, 0, 0, 0]) },
    { name: 'aura: 16 Mi records of template "x"', frame: auraFrame(['x'], new Uint8Array(16 * MIB).fill(1)) },
    {
      name: 'aura: 16 Mi empty lines with a matching checksum',
      frame: auraFrame([], new Uint8Array(32 * MIB - 2), newlines),
    },
    { name: 'aura: 1 KiB template x 1 Mi lines', frame: auraFrame(['y'.repeat(1024)], new Uint8Array(MIB).fill(1)) },
  ]
}
