/**
 * The decode budget of a hybrid frame: how many bytes a frame of a given length may decode to.
 *
 * max_message_bytes alone lets a frame of a few bytes make the decoder produce (and then refuse)
 * 16 MiB: tens to hundreds of milliseconds of CPU for a decompression bomb. So a compressed frame
 * (brotli, zstd, zstd_dict, deflate, aura) of N bytes may decode to at most
 * min(max_message_bytes, max(DECODE_FLOOR_BYTES, MAX_EXPANSION_RATIO x N)) bytes, and every
 * decompressor inside it (aura's Brotli body too) stops there. The decoder's work is then
 * proportional to the frame, with a floor: a frame of a few bytes costs what decoding 1 MiB costs.
 *
 * The shared corpora are inside it (their largest message is 155 KB and compresses 20:1 at best), but
 * real logs can exceed it (a runaway stack trace repeating one frame: 342:1 under deflate in the s39
 * trial). A message over 1 MiB that compresses better than 128:1 is still written, but never as a
 * frame the decoder would refuse: the compressor skips a candidate over the budget (compressor.ts),
 * leaving an uncompressed frame when nothing else fits, and `run` warns (runner/partial.ts).
 */

/** A compressed frame may always decode to this many bytes (within max_message_bytes). */
export const DECODE_FLOOR_BYTES = 1024 * 1024

/** Past the floor, a compressed frame decodes to at most this many times its own length (frame tag included). */
export const MAX_EXPANSION_RATIO = 128

/** Bytes any decompressor inside a frame of `frameBytes` may produce, before max_message_bytes. */
export function expansionLimitBytes(frameBytes: number): number {
  return Math.max(DECODE_FLOOR_BYTES, frameBytes * MAX_EXPANSION_RATIO)
}

/** Bytes a compressed frame of `frameBytes` may decode to under `maxMessageBytes`. */
export function decodeLimitBytes(frameBytes: number, maxMessageBytes: number): number {
  return Math.min(maxMessageBytes, expansionLimitBytes(frameBytes))
}

/**
 * Bytes an aura frame's Brotli body (its records) may decode to: within the expansion limit, and at
 * most two bytes per message byte plus 1 KiB (an empty line is two record bytes for one newline).
 */
export function auraRecordsLimitBytes(frameBytes: number, maxMessageBytes: number): number {
  return Math.min(expansionLimitBytes(frameBytes), decodeLimitBytes(frameBytes, maxMessageBytes) * 2 + 1024)
}

/** True when `limitBytes` is the expansion limit rather than max_message_bytes (an error then says so). */
export function isExpansionBound(limitBytes: number, maxMessageBytes: number): boolean {
  return limitBytes < maxMessageBytes
}

/** The sentence an E_FRAME_TOO_LARGE error gains when the expansion limit, not max_message_bytes, refused the frame. */
export function expansionNote(frameBytes: number): string {
  return `a frame of ${frameBytes} bytes may decode to at most max(${DECODE_FLOOR_BYTES}, ${MAX_EXPANSION_RATIO} x ${frameBytes}) = ${expansionLimitBytes(frameBytes)} bytes (the decode budget)`
}
