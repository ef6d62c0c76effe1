/**
 * The fewest payload bytes a general-purpose codec can write for a message of a given size, read
 * off the formats (any valid stream that decodes to that many bytes is at least this long), so a
 * caller can tell, without compressing, that a frame cannot beat another.
 *
 * - Brotli (RFC 7932), a non-empty message: the window bits (>= 1 bit) and the header of a meta-block
 *   with data: ISLAST (1), MNIBBLES (2), MLEN - 1 (>= 16 bits). Uncompressed meta-blocks are never
 *   last (+ ISUNCOMPRESSED, pad to a byte, the L bytes, then a last empty meta-block of >= 1 byte):
 *   >= L + 4 bytes. A compressed meta-block: if last, ISLASTEMPTY (1); then NBLTYPES for literals,
 *   insert-and-copy and distances (>= 1 bit each), NPOSTFIX (2), NDIRECT (4), a context mode (2),
 *   NTREESL and NTREESD (>= 1 each) and three prefix codes of >= 4 bits each (HSKIP, then NSYM or a
 *   code length entry): >= 46 bits, 6 bytes. So >= min(L + 4, 6); measured: 5 bytes for 1 byte, 6 for 2.
 * - Zstandard (RFC 8878) with the magic number (what zstd-napi and @mongodb-js/zstd write): magic (4),
 *   frame header descriptor (1), window descriptor or frame content size (>= 1), a block header (3)
 *   and >= 1 content byte (an RLE block): >= 10 bytes, whatever the dictionary, checksum or level.
 * - Raw deflate (RFC 1951): a stored block takes >= 5 + L bytes; a fixed-Huffman block needs its
 *   3 header bits, a first literal (>= 8 bits: nothing precedes it to copy) and end-of-block (7):
 *   >= 18 bits, 3 bytes; a dynamic block's header alone is longer. So >= 3 bytes.
 * An empty message has no such bound (an empty Brotli stream is 1 byte): 0 is returned for it.
 */
import type { FallbackCodecName } from '../core/index.ts'

/** Smallest payload (bytes, frame tag not included) `method` can produce for a non-empty message of `messageBytes`; 0 for an empty one. */
export function minPayloadBytes(method: FallbackCodecName, messageBytes: number): number {
  if (messageBytes <= 0) return 0
  switch (method) {
    case 'brotli':
      return Math.min(messageBytes + 4, 6)
    case 'zstd':
    case 'zstd_dict':
      return 10
    case 'deflate':
      return 3
  }
}
