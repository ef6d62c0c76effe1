/**
 * The order the frame encoder's matcher tries a message's candidates in (matcher.ts
 * matchEachSpecific): least lower bound on the body first, from what is known before a candidate is
 * matched. A header-fallback template (`{0}]: connection from ...`, a string first) has a bound that
 * grows with the message, since its first value reaches at least to the first place of its next
 * literal; the others are bounded by the least their slots take whatever the values.
 */
import { indexOfLiteral } from './literal-search.ts'
import type { SlotCodec } from './slot-codecs.ts'
import type { Template } from './store-types.ts'

/** What a candidate's bound is made of (built once per template by boundPartsOf). */
export interface BoundParts {
  /** the least bytes of the slots whatever the message: each value one unit long, the first one (text order) left out when it grows */
  readonly fixedBoundBytes: number
  /** the codec of the first slot (text order) when its least size grows with its value's length (a string), else undefined */
  readonly growing: SlotCodec | undefined
}

/** A candidate as the order reads it. */
export interface BoundedCandidate extends BoundParts {
  readonly template: Template
  readonly prefix: string
  readonly suffix: string
  readonly codecs: readonly SlotCodec[]
}

/** The bound parts of a template whose slot codecs (by placeholder number) are `codecs`. */
export function boundPartsOf(template: Template, codecs: readonly SlotCodec[]): BoundParts {
  const { textOrder } = template
  const first = textOrder.length === 0 ? undefined : codecs[textOrder[0] as number]
  const growing = first !== undefined && first.minSizeBytes(2, false) > first.minSizeBytes(1, false) ? first : undefined
  let fixedBoundBytes = 0
  for (let k = growing === undefined ? 0 : 1; k < textOrder.length; k++)
    // `last` as the body writes it: placeholder order, which need not be the text's
    fixedBoundBytes += (codecs[textOrder[k] as number] as SlotCodec).minSizeBytes(1, textOrder[k] === codecs.length - 1)
  return { fixedBoundBytes, growing }
}

/**
 * A lower bound on the bytes of the template's body for the message, or -1 when it cannot match: the
 * least each slot's value can take, the first one's (text order) at least up to the first place of its
 * next literal (the split's first value ends there or later), or the whole message less the prefix
 * and suffix when it is the only slot. Slot codecs' least sizes never fall as a value gets longer.
 */
export function preBoundBytes(c: BoundedCandidate, message: string): number {
  const { growing } = c
  if (growing === undefined) return c.fixedBoundBytes
  const { literals, textOrder } = c.template
  const from = c.prefix.length
  let lengthUnits: number
  if (textOrder.length === 1) lengthUnits = message.length - from - c.suffix.length
  else {
    const at = indexOfLiteral(message, literals[1] as string, from + 1)
    lengthUnits = at === -1 ? 0 : at - from
  }
  if (lengthUnits < 1) return -1
  return c.fixedBoundBytes + growing.minSizeBytes(lengthUnits, textOrder[0] === c.codecs.length - 1)
}

/**
 * Empties an array kept from message to message by popping: `length = 0` gives its backing store back
 * (a builtin call, and the next message's first push allocates a new one).
 */
export function emptyArray(array: unknown[]): void {
  while (array.length > 0) array.pop()
}

/** A message's candidates least bound first, stably (bound, then slot count: a specific template before its twins); those that cannot match left out. */
export class BoundOrder<T extends BoundedCandidate> {
  readonly ordered: T[] = []
  private keys = new Float64Array(16)

  /** Orders `candidates` for `message` into `ordered`. */
  sort(candidates: readonly T[], message: string): void {
    const { ordered } = this
    emptyArray(ordered)
    if (this.keys.length < candidates.length) this.keys = new Float64Array(2 * candidates.length)
    const keys = this.keys
    for (const c of candidates) {
      const bound = preBoundBytes(c, message)
      if (bound === -1) continue
      // an insertion sort (a few candidates)
      const key = bound * 2 ** 20 + c.codecs.length
      let j = ordered.length - 1
      for (; j >= 0 && (keys[j] as number) > key; j--) {
        keys[j + 1] = keys[j] as number
        ordered[j + 1] = ordered[j] as T
      }
      keys[j + 1] = key
      ordered[j + 1] = c
    }
  }

  /** The bound of ordered[i]. */
  boundAt(i: number): number {
    return Math.floor((this.keys[i] as number) / 2 ** 20)
  }
}
