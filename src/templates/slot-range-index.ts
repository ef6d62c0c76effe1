/**
 * The index of a value in a fixed list, looked up from a range of a longer text without taking the
 * range out as a string of its own: enum slots look up the values the matcher found in a message.
 * An open-addressing table of 32-bit hashes of the UTF-16 units, checked unit by unit on a hit.
 */

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
  let size = 8
  while (size < values.length * 2) size *= 2
  const mask = size - 1
  const slots = new Int32Array(size).fill(-1)
  const hashes = new Uint32Array(size)
  values.forEach((value, index) => {
    const hash = hashRange(value, 0, value.length)
    let at = hash & mask
    while (slots[at] !== -1 && !(hashes[at] === hash && values[slots[at] as number] === value)) at = (at + 1) & mask
    slots[at] = index
    hashes[at] = hash
  })
  return (text, start, end) => {
    const hash = hashRange(text, start, end)
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const index = slots[at] as number
      if (index === -1) return -1
      if (hashes[at] === hash && equalsRange(values[index] as string, text, start, end)) return index
    }
  }
}
