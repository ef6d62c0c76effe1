/**
 * The index of a value in a fixed list, looked up from a range of a longer text without taking the
 * range out as a string of its own: enum slots look up the values the matcher found in a message.
 * A range whose length no listed value has is answered at once; a list of a few values is compared
 * value by value; a longer one goes through an open-addressing table of 32-bit hashes of the UTF-16
 * units, checked unit by unit on a hit. A range of at most PACKED_UNITS units (a day, a month, a level)
 * is looked up by its units packed in one number with its length, which is the range itself: each unit
 * is read once, and a key found equal needs no compare. A longer range is compared with the listed values' units
 * kept in one Uint16Array (round s42-enc: a typed-array read costs about half a `charCodeAt` of the value string;
 * the array takes 2 bytes a unit of the listed values).
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

/** Ranges of up to this many units are looked up by packedRange (16 bits a unit and the length: below 2^53, exact). */
const PACKED_UNITS = 3

/** text[start, end) (at most PACKED_UNITS units) as one number: its units, 16 bits each, then its length in 2 bits. */
function packedRange(text: string, start: number, end: number): number {
  let key = 0
  for (let i = end - 1; i >= start; i--) key = key * 0x10000 + text.charCodeAt(i)
  return key * 4 + (end - start)
}

/** Where a packed key starts its probe in a table of `mask + 1` slots. */
function packedSlot(key: number, mask: number): number {
  return Math.imul((key | 0) ^ ((key / 0x100000000) | 0), 0x9e3779b1) & mask
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
  // every value's units one after another: values[k] is units[from[k], from[k + 1])
  const from = new Int32Array(n + 1)
  for (let k = 0; k < n; k++) from[k + 1] = (from[k] as number) + (values[k] as string).length
  const units = new Uint16Array(from[n] as number)
  values.forEach((value, k) => {
    for (let i = 0; i < value.length; i++) units[(from[k] as number) + i] = value.charCodeAt(i)
  })
  /** Whether text[start, end) is values[k]. */
  const equalsValue = (k: number, text: string, start: number, end: number): boolean => {
    let at = from[k] as number
    if ((from[k + 1] as number) - at !== end - start) return false
    for (let i = start; i < end; i++, at++) if (units[at] !== text.charCodeAt(i)) return false
    return true
  }
  let size = 8
  while (size < n * 2) size *= 2
  const mask = size - 1
  const slots = new Int32Array(few ? 0 : size).fill(-1)
  const hashes = new Uint32Array(few ? 0 : size)
  // the values of at most PACKED_UNITS units, by packed key: few, a list of keys (NaN for a longer value, equal to
  // no key); else a table of its own (-1: an empty slot), a value listed twice answering with its last index
  const packedKeys = new Float64Array(few ? n : size)
  const packedSlots = new Int32Array(few ? 0 : size).fill(-1)
  values.forEach((value, index) => {
    const key = value.length <= PACKED_UNITS ? packedRange(value, 0, value.length) : Number.NaN
    if (few) packedKeys[index] = key
    else if (!Number.isNaN(key)) {
      let at = packedSlot(key, mask)
      while (packedSlots[at] !== -1 && packedKeys[at] !== key) at = (at + 1) & mask
      packedSlots[at] = index
      packedKeys[at] = key
    }
  })
  if (!few)
    values.forEach((value, index) => {
      if (value.length <= PACKED_UNITS) return
      const hash = hashRange(value, 0, value.length)
      let at = hash & mask
      while (slots[at] !== -1 && !(hashes[at] === hash && values[slots[at] as number] === value)) at = (at + 1) & mask
      slots[at] = index
      hashes[at] = hash
    })
  return (text, start, end) => {
    const length = end - start
    if (length < SHORT_LENGTHS ? (shortLengths & (1 << length)) === 0 : length > maxLength) return -1
    if (length <= PACKED_UNITS) {
      const key = packedRange(text, start, end)
      if (few) {
        for (let k = n - 1; k >= 0; k--) if (packedKeys[k] === key) return k
        return -1
      }
      for (let at = packedSlot(key, mask); ; at = (at + 1) & mask) {
        const index = packedSlots[at] as number
        if (index === -1 || packedKeys[at] === key) return index
      }
    }
    if (few) {
      for (let k = n - 1; k >= 0; k--) if (equalsValue(k, text, start, end)) return k
      return -1
    }
    const hash = hashRange(text, start, end)
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const index = slots[at] as number
      if (index === -1) return -1
      if (hashes[at] === hash && equalsValue(index, text, start, end)) return index
    }
  }
}
