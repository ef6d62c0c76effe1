/** Codec outputs are plain Uint8Arrays whatever the library returns (Node Buffers compare unequal to them in tests and reports). */

/** A plain Uint8Array view of the same memory (no copy); plain arrays are returned as they are. */
export function asPlainBytes(bytes: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype
    ? bytes
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
