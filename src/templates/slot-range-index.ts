/**
 * The index of a value in a fixed list, looked up from a range of a longer text without taking the
 * range out as a string of its own: enum slots look up the values the matcher found in a message.
 * A range whose length no listed value has is answered at once; a list of a few values is compared
 * value by value; a longer one goes through an open-addressing table of 32-bit hashes of the UTF-16
 * units, checked unit by unit on a hit.
 */

/** Up to this many values, a look-up compares the range with each (no hash to compute). */
const FEW_VALUES = 4
/** Lengths below this are kept as bits of one integer. */
const SHORT_LENGTHS = 31

/** Hash of text[start, end) (FNV-1a over UTF-16 units). */
function hashRange(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

function equalsRange(value: string, text: string, start: number, end: number): boolean {
  if (value.length !== end - start) return false
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) !== text.charCodeAt(start + i)) return false
  return true
}

/**
 * A lookup of `values`: index of text[start, end) among them, or -1. A value listed twice answers
 * with its last index, as `new Map(values.map((value, index) => [value, index]))` does.
 */
export function createRangeIndex(values: readonly string[]): (text: string, start: number, end: number) => number {
  const n = values.length
  const few = n <= FEW_VALUES
  // bit l: a value of length l (l < SHORT_LENGTHS); and the longest value
  let shortLengths = 0
  let maxLength = -1
  for (const value of values) {
    if (value.length < SHORT_LENGTHS) shortLengths |= 1 << value.length
    maxLength = Math.max(maxLength, value.length)
  }
  let size = 8
  while (size < n * 2) size *= 2
  const mask = size - 1
  const slots = new Int32Array(few ? 0 : size).fill(-1)
  const hashes = new Uint32Array(few ? 0 : size)
  if (!few)
    values.forEach((value, index) => {
      const hash = hashRange(value, 0, value.length)
      let at = hash & mask
      while (slots[at] !== -1 && !(hashes[at] === hash && values[slots[at] as number] === value)) at = (at + 1) & mask
      slots[at] = index
      hashes[at] = hash
    })
  return (text, start, end) => {
    const length = end - start
    if (length < SHORT_LENGTHS ? (shortLengths & (1 << length)) === 0 : length > maxLength) return -1
    if (few) {
      for (let k = n - 1; k >= 0; k--) if (equalsRange(values[k] as string, text, start, end)) return k
      return -1
    }
    const hash = hashRange(text, start, end)
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const index = slots[at] as number
      if (index === -1) return -1
      if (hashes[at] === hash && equalsRange(values[index] as string, text, start, end)) return index
    }
  }
}
