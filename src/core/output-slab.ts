/**
 * Slabs for outputs that are written in full before they are handed out (a template decode's message,
 * src/templates/byte-sink.ts): like byte-slab.ts, but a slab's memory is not zero-filled first, as
 * Node's Buffer pool takes its slabs (`Buffer.allocUnsafe`; zstd-napi's decode outputs, the hybrid's
 * fallback messages, are views on that pool). A new zero-filled 16 KB slab cost the decode that took it
 * ~6-11 µs against ~1 µs for the others, on ~0.6-0.9% of a system's decodes: the calls its p99 counts
 * (docs/rounds/s32-dec.md); unfilled, about half. As with the Buffer pool, `out.buffer` is the whole
 * slab: other outputs, and bytes no output has been given yet, whatever the memory held.
 */

const SLAB_BYTES = 16 * 1024

let slab: ArrayBuffer = newSlabBuffer()
let usedBytes = 0
let slabView = new Uint8Array(slab)

function newSlabBuffer(): ArrayBuffer {
  // a Buffer of its own (not from the pool), whose memory is not filled: every byte handed out is written first
  return Buffer.allocUnsafeSlow(SLAB_BYTES).buffer as ArrayBuffer
}

/**
 * Room for an output of at most `maxBytes` written straight into the slab, its size not known first:
 * the offset in `outputSlabBytes()` where it starts (a new slab when fewer bytes are free), or -1 when
 * `maxBytes` is more than a slab holds. Then commitOutputSlab(size) hands it out, or nothing does (the
 * next output starts at the same offset).
 */
export function reserveOutputSlab(maxBytes: number): number {
  if (maxBytes > SLAB_BYTES) return -1
  if (usedBytes + maxBytes > SLAB_BYTES) {
    slab = newSlabBuffer()
    slabView = new Uint8Array(slab)
    usedBytes = 0
  }
  return usedBytes
}

/** The slab reserveOutputSlab's offsets are in. */
export function outputSlabBytes(): Uint8Array {
  return slabView
}

/** The reserved output, its first `sizeBytes` written by the caller, as a view never handed out twice. */
export function commitOutputSlab(sizeBytes: number): Uint8Array {
  const out = new Uint8Array(slab, usedBytes, sizeBytes)
  usedBytes = (usedBytes + sizeBytes + 7) & ~7
  return out
}
