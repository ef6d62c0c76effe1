/**
 * Small outputs carved from shared slabs, as Node's Buffer pool does for Buffer.allocUnsafe: a
 * `new Uint8Array(n)` above 64 bytes gets a backing store of its own (an allocation outside the heap
 * and its bookkeeping), which cost a quarter of a template decode; a view on a slab costs an object.
 * A view keeps its slab (16 KB) alive, as a pooled Buffer keeps its pool.
 */

const SLAB_BYTES = 16 * 1024
/** Largest output carved from a slab; larger ones get their own buffer. */
export const MAX_SLAB_OUTPUT_BYTES = 1024

let slab = new ArrayBuffer(SLAB_BYTES)
let usedBytes = 0
/** A view on the whole current slab, for outputs written in place (reserveSlab / commitSlab). */
let slabView = new Uint8Array(slab)

function newSlab(): void {
  slab = new ArrayBuffer(SLAB_BYTES)
  slabView = new Uint8Array(slab)
  usedBytes = 0
}

/** A new zero-filled buffer of `sizeBytes` (never handed out twice): a view on a shared slab when small. */
export function allocBytes(sizeBytes: number): Uint8Array {
  if (sizeBytes > MAX_SLAB_OUTPUT_BYTES) return new Uint8Array(sizeBytes)
  if (usedBytes + sizeBytes > SLAB_BYTES) newSlab()
  const out = new Uint8Array(slab, usedBytes, sizeBytes)
  // 8-byte aligned, as the Buffer pool keeps its slices
  usedBytes = (usedBytes + sizeBytes + 7) & ~7
  return out
}

/**
 * Makes room for an output of at most `maxBytes` (at most MAX_SLAB_OUTPUT_BYTES, else -1) written
 * straight into the slab, without knowing its size first: returns the offset in `slabBytes()` where it
 * starts. Then either commitSlab(size) hands it out, or abandonSlab(maxBytes) forgets it.
 */
export function reserveSlab(maxBytes: number): number {
  if (maxBytes > MAX_SLAB_OUTPUT_BYTES) return -1
  if (usedBytes + maxBytes > SLAB_BYTES) newSlab()
  return usedBytes
}

/** The slab reserveSlab's offsets are in. */
export function slabBytes(): Uint8Array {
  return slabView
}

/** The reserved output, its first `sizeBytes` written, as a buffer never handed out twice (as allocBytes). */
export function commitSlab(sizeBytes: number): Uint8Array {
  const out = new Uint8Array(slab, usedBytes, sizeBytes)
  usedBytes = (usedBytes + sizeBytes + 7) & ~7
  return out
}

/** Forgets a reserved output, zeroing what may have been written (later outputs start zero-filled). */
export function abandonSlab(maxBytes: number): void {
  slabView.fill(0, usedBytes, usedBytes + maxBytes)
}
