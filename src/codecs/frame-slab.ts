/**
 * Frames carved from shared slabs, as Node's Buffer pool does for Buffer.allocUnsafe and as the
 * template side does for its frames (both from src/core/byte-slab.ts): a `new Uint8Array(n)` above 64
 * bytes gets a backing store of its own (an allocation outside the heap and its bookkeeping), which
 * cost ~0.4 µs of the hybrid's ~4 µs on a line no template matches (docs/history/speed-rounds.md round 14,
 * s29-select); a view on a slab costs an object. zstd_dict's payloads (the benches' "zstd_dict alone")
 * come from here too, as zstd-napi's own Compressor.compress returns a pooled `Buffer.from` copy. A view
 * keeps its slab (16 KB) alive, as a pooled Buffer keeps its pool; `frame.buffer` is the slab, so a
 * frame is read through its view.
 */
import { allocBytes } from '../core/index.ts'

/** A new zero-filled buffer of `sizeBytes` (never handed out twice): a view on a shared slab when small. */
export const allocFrameBytes: (sizeBytes: number) => Uint8Array = allocBytes

/** A new buffer (allocFrameBytes) holding `count` bytes of `from` starting at `start`. */
export function copyFrameOut(from: Uint8Array, start: number, count: number): Uint8Array {
  const out = allocFrameBytes(count)
  out.set(count === from.length && start === 0 ? from : from.subarray(start, start + count))
  return out
}
