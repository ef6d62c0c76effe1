/**
 * What the frame encoder's chooser (TemplateChooser) uses to refuse a match before all of it is encoded: each template's slot plan (codecs and
 * a number per distinct slot spec), the sizes of the values already encoded for the message (SlotMemo),
 * the lower bound of a match from them (boundOfMatch), and the order the matches are tried in
 * (MatchOrder). Bounds only refuse matches that cannot win, so the choice never depends on them.
 */
import type { TemplateSpans } from './matcher.ts'
import { slotCodecsOf, type SlotCodec } from './slot-codecs.ts'
import type { Template } from './store-types.ts'
import { sameRange } from './text-bytes.ts'

/** Canonical number of each distinct slot spec (same spec, same number: same encoding of every value). */
const specNumbers = new Map<string, number>()

/** A template's slot codecs and the spec number of each slot, found with one lookup per match tried. */
export interface SlotPlan {
  readonly codecs: readonly SlotCodec[]
  readonly keys: Int32Array
}
const slotPlans = new WeakMap<Template, SlotPlan>()

/** The slot plan of a template (built once per template). */
export function slotPlanOf(template: Template): SlotPlan {
  let plan = slotPlans.get(template)
  if (plan === undefined) {
    const keys = Int32Array.from(template.slots, (spec) => {
      const key = JSON.stringify(spec)
      let number = specNumbers.get(key)
      if (number === undefined) specNumbers.set(key, (number = specNumbers.size))
      return number
    })
    slotPlans.set(template, (plan = { codecs: slotCodecsOf(template), keys }))
  }
  return plan
}

/**
 * The sizes of the slot encodings made for one message, by (slot spec, last, value): a value two
 * templates of the message share under the same spec (a twin's header slots) has the same encoding,
 * so its exact size bounds the other template before anything of it is encoded. Values are ranges
 * of the message, compared in place.
 */
export class SlotMemo {
  private keys = new Int32Array(16)
  private sizes = new Int32Array(16)
  /** start and end of each entry's value in the message */
  private ranges = new Int32Array(32)
  private message = ''
  private count = 0

  clear(message: string): void {
    this.message = message
    this.count = 0
  }

  /** The entry of (key, last, message[start, end)), or -1. */
  find(key: number, last: boolean, start: number, end: number): number {
    const tagged = last ? ~key : key
    for (let i = 0; i < this.count; i++) if (this.keys[i] === tagged && this.sameValue(i, start, end)) return i
    return -1
  }

  /** True when entry i's value is message[start, end) (the same range, or the same units elsewhere). */
  private sameValue(entry: number, start: number, end: number): boolean {
    const from = this.ranges[2 * entry] as number
    const to = this.ranges[2 * entry + 1] as number
    if (from === start) return to === end
    return sameRange(this.message, from, to, this.message, start, end)
  }

  sizeAt(entry: number): number {
    return this.sizes[entry] as number
  }

  add(key: number, last: boolean, start: number, end: number, sizeBytes: number): void {
    if (this.count === this.keys.length) {
      this.keys = grown(this.keys)
      this.sizes = grown(this.sizes)
      this.ranges = grown(this.ranges)
    }
    this.keys[this.count] = last ? ~key : key
    this.sizes[this.count] = sizeBytes
    this.ranges[2 * this.count] = start
    this.ranges[2 * this.count + 1] = end
    this.count += 1
  }
}

function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const next = new Int32Array(array.length * 2)
  next.set(array)
  return next
}

/** The lower bounds of the slots of the match being tried (slotBounds[i] for slot i), filled by boundOfMatch. */
export let slotBounds = new Int32Array(32)

/**
 * A lower bound on the body of `match`: per slot, the exact size the memo holds for its value under
 * the same spec, else the least its length allows; each slot's part is left at slotBounds[i], so a
 * caller encoding the slots one by one can refuse as soon as the sizes so far plus the bounds of the
 * slots left reach its limit.
 */
export function boundOfMatch(memo: SlotMemo, plan: SlotPlan, spans: Int32Array): number {
  const { codecs, keys } = plan
  if (slotBounds.length < codecs.length) slotBounds = new Int32Array(2 * codecs.length)
  const bounds = slotBounds
  const lastIndex = codecs.length - 1
  let boundBytes = 0
  for (let i = 0; i < codecs.length; i++) {
    const start = spans[2 * i] as number
    const end = spans[2 * i + 1] as number
    const found = memo.find(keys[i] as number, i === lastIndex, start, end)
    const slotBytes =
      found === -1 ? (codecs[i] as SlotCodec).minSizeBytes(end - start, i === lastIndex) : memo.sizeAt(found)
    bounds[i] = slotBytes
    boundBytes += slotBytes
  }
  return boundBytes
}

/**
 * Orders a message's matches least lower bound first (header plus the least each value's length allows:
 * a long value in a string slot is most of its size), ties fewest slots first, then as given. The
 * smallest frame is then usually tried first, and the others are refused by their bound before anything
 * of theirs is encoded; a chooser's answer does not depend on the order (ties go to the lowest id
 * whatever the order). Among equal bounds, a store's templates often come as a specific template and a
 * twin with a slot where it has a literal (discovery's header-word templates): the specific one is
 * tried first, and the twin is refused from the memo's sizes.
 */
export class MatchOrder {
  private readonly order: TemplateSpans[] = []
  private keys = new Float64Array(8)

  /** The matches in the order to try them (owned: valid until the next call). */
  of(matches: readonly TemplateSpans[], headerSizeBytes: (templateId: number) => number): readonly TemplateSpans[] {
    const order = this.order
    if (this.keys.length < matches.length) this.keys = new Float64Array(2 * matches.length)
    const keys = this.keys
    order.length = matches.length
    for (let m = 0; m < matches.length; m++) {
      const match = matches[m] as TemplateSpans
      const { codecs } = slotPlanOf(match.template)
      const { spans } = match
      let boundBytes = headerSizeBytes(match.template.id)
      for (let i = 0; i < codecs.length; i++)
        boundBytes += (codecs[i] as SlotCodec).minSizeBytes(
          (spans[2 * i + 1] as number) - (spans[2 * i] as number),
          i === codecs.length - 1,
        )
      // an insertion sort (a few matches), stable: bound, then slot count
      const key = boundBytes * 2 ** 20 + codecs.length
      let j = m - 1
      for (; j >= 0 && (keys[j] as number) > key; j--) {
        keys[j + 1] = keys[j] as number
        order[j + 1] = order[j] as TemplateSpans
      }
      keys[j + 1] = key
      order[j + 1] = match
    }
    return order
  }
}
