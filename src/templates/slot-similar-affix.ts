/**
 * Which listed values an affix edit of a text can start from (slot-similar.ts): a value shares a
 * prefix or a suffix with the text only when it begins with the text's first UTF-16 unit or ends with
 * its last. Per unit, the indexes of the values that begin with it, and of those that end with it,
 * ascending: the search visits the union of the two in ascending index, as the loop over every value
 * would (the same edit wins a tie).
 */

const NONE = new Int32Array(0)

function indexesBy(values: readonly string[], unitOf: (value: string) => number): Map<number, Int32Array> {
  const lists = new Map<number, number[]>()
  values.forEach((value, k) => {
    if (value === '') return
    const code = unitOf(value)
    const list = lists.get(code)
    if (list === undefined) lists.set(code, [k])
    else list.push(k)
  })
  return new Map([...lists].map(([code, ks]) => [code, Int32Array.from(ks)]))
}

export class AffixEnds {
  private readonly byFirst: ReadonlyMap<number, Int32Array>
  private readonly byLast: ReadonlyMap<number, Int32Array>

  constructor(values: readonly string[]) {
    this.byFirst = indexesBy(values, (value) => value.charCodeAt(0))
    this.byLast = indexesBy(values, (value) => value.charCodeAt(value.length - 1))
  }

  /** The indexes of the values that begin with UTF-16 unit `code`, ascending. */
  starting(code: number): Int32Array {
    return this.byFirst.get(code) ?? NONE
  }

  /** The indexes of the values that end with UTF-16 unit `code`, ascending. */
  ending(code: number): Int32Array {
    return this.byLast.get(code) ?? NONE
  }
}
