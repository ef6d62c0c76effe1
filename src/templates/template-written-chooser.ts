/**
 * The frame encoder's choice among several matches, written by the compiled templates' slot writers
 * (template-compiled.ts) instead of TemplateChooser's slot encodings: the same choice (the smallest
 * frame, ties lowest id), found the same way (matches tried least lower bound first, a match refused
 * once its sizes so far plus the bounds of its slots left reach the best size, the sizes of values
 * encoded for other matches under the same spec remembered as bounds), but the first match tried,
 * usually the winner, is written straight into the output slab, and a later one that beats it is
 * written aside and copied over it. A writer that refuses a value (the general path would skip that
 * match, or a value outgrows its room) leaves the message to TemplateChooser: undefined.
 */
import { abandonSlab, commitSlab, reserveSlab, slabBytes } from './byte-slab.ts'
import type { TemplateSpans } from './matcher.ts'
import { boundOfMatch, MatchOrder, SlotMemo, slotBounds, slotPlanOf } from './template-bounds.ts'
import { bodyRoomBytes, compiledTemplateOf, type SlotWriter } from './template-compiled.ts'
import type { TemplateFrame } from './template-encoder.ts'

/** writeMatch's answers besides the offset after the body: a writer refused a value; the body reached its limit. */
const REFUSED_VALUE = -1
const OVER_LIMIT = -2

/** Chooses among several matches of a message and writes the winner's frame; see the file comment. */
export class WrittenChooser {
  private readonly memo = new SlotMemo()
  private readonly order = new MatchOrder()
  /** where a match tried after the first is written (its body only) */
  private trialBytes = new Uint8Array(512)

  /**
   * The frame of the smallest encoding among `matches` (two or more, ascending id), or undefined when
   * TemplateChooser must decide. `prefixOf(id)` gives a template's frame prefix, whose length counts.
   */
  choose(
    message: string,
    matches: readonly TemplateSpans[],
    prefixOf: (templateId: number) => Uint8Array,
    headerSizeBytes: (templateId: number) => number,
  ): TemplateFrame | undefined {
    const order = this.order.of(matches, headerSizeBytes)
    this.memo.clear(message)
    const first = order[0] as TemplateSpans
    const firstPrefix = prefixOf(first.template.id)
    const roomBytes = firstPrefix.length + bodyRoomBytes(compiledTemplateOf(first.template), message.length)
    const start = reserveSlab(roomBytes)
    if (start === -1) return undefined
    const slab = slabBytes()
    slab.set(firstPrefix, start)
    const end = this.writeMatch(message, first, slab, start + firstPrefix.length, Infinity, 0)
    if (end < 0) {
      abandonSlab(roomBytes)
      return undefined
    }
    let bestId = first.template.id
    let bestSizeBytes = end - start
    for (let m = 1; m < order.length; m++) {
      const match = order[m] as TemplateSpans
      const { id } = match.template
      const prefix = prefixOf(id)
      // ties go to the lowest id, whatever the order tried: a higher id must be strictly smaller
      const limitBytes = bestSizeBytes - prefix.length + (id < bestId ? 1 : 0)
      const boundBytes = boundOfMatch(this.memo, slotPlanOf(match.template), match.spans)
      if (boundBytes >= limitBytes) continue
      const trialRoomBytes = bodyRoomBytes(compiledTemplateOf(match.template), message.length)
      if (this.trialBytes.length < trialRoomBytes) this.trialBytes = new Uint8Array(2 * trialRoomBytes)
      // written at 0: the offset after it is its size
      const bodyBytes = this.writeMatch(message, match, this.trialBytes, 0, limitBytes, boundBytes)
      if (bodyBytes === OVER_LIMIT) continue
      if (bodyBytes < 0) {
        abandonSlab(roomBytes)
        return undefined
      }
      // smaller than the best (or as small with a lower id): over it in the slab, what is left of the best zeroed
      const sizeBytes = prefix.length + bodyBytes
      slab.set(prefix, start)
      for (let i = 0; i < bodyBytes; i++) slab[start + prefix.length + i] = this.trialBytes[i] as number
      slab.fill(0, start + sizeBytes, start + bestSizeBytes)
      bestId = id
      bestSizeBytes = sizeBytes
    }
    return { templateId: bestId, frame: commitSlab(bestSizeBytes) }
  }

  /**
   * Writes the body of `match` at `at`, each value's size remembered; the offset after it, or
   * REFUSED_VALUE, or OVER_LIMIT once the sizes so far plus the bounds of the slots left (`boundBytes`
   * in all, per slot at slotBounds) reach `limitBytes`.
   */
  private writeMatch(
    message: string,
    match: TemplateSpans,
    out: Uint8Array,
    at: number,
    limitBytes: number,
    boundBytes: number,
  ): number {
    const { template, spans } = match
    const { writers } = compiledTemplateOf(template)
    const { keys } = slotPlanOf(template)
    const bounded = limitBytes !== Infinity
    const lastIndex = writers.length - 1
    let leftBytes = boundBytes
    let offset = at
    for (let i = 0; i < writers.length; i++) {
      const valueStart = spans[2 * i] as number
      const valueEnd = spans[2 * i + 1] as number
      const next = (writers[i] as SlotWriter)(message, valueStart, valueEnd, out, offset)
      if (next < 0) return REFUSED_VALUE
      this.memo.add(keys[i] as number, i === lastIndex, valueStart, valueEnd, next - offset)
      if (bounded) {
        leftBytes -= slotBounds[i] as number
        if (next - at + leftBytes >= limitBytes) return OVER_LIMIT
      }
      offset = next
    }
    return offset
  }
}
