/**
 * Chooses the smallest binary_semantic encoding among a message's matches: the slot values of each
 * matching template, ranges of the message that are never taken out as strings, are encoded into
 * reusable SlotEncodings (heads, a few tail bytes, string values kept as ranges of the message), which
 * give the size before any byte is written; a template that cannot beat the best so far is dropped as
 * soon as a lower bound (the sizes of the values another match encoded under the same slot spec, the
 * least the others' lengths allow), or its slots encoded so far, reach the best size; only the winner
 * is written. The result is the same as encoding every match in full and keeping the smallest (ties:
 * lowest id).
 */
import { AuraError } from '../core/index.ts'
import type { TemplateSpans } from './matcher.ts'
import type { SlotCodec } from './slot-codecs.ts'
import { SlotEncoding } from './slot-encoding.ts'
import { boundOfMatch, MatchOrder, SlotMemo, slotBounds, slotPlanOf } from './template-bounds.ts'

/** Picks the smallest encoding among a message's matches, keeping the slot encodings of the best one and of the one being tried. */
export class TemplateChooser {
  private best: SlotEncoding[] = []
  private trial: SlotEncoding[] = []
  private bestSlots = 0
  /** the chosen template's id (valid after choose returned true; -1 while none) */
  templateId = -1
  /** its body size in bytes */
  bodyBytes = 0
  private readonly memo = new SlotMemo()
  private readonly order = new MatchOrder()

  /**
   * Chooses among the matches of `message` (any order), the header of each counted as
   * `headerSizeBytes(id)`; false when none encodes. The chosen body holds ranges of `message` until written.
   * `several`: the sizes of values are remembered for other matches' bounds (more than one, or more to be offered).
   */
  choose(
    message: string,
    matches: readonly TemplateSpans[],
    headerSizeBytes: (templateId: number) => number,
    several = matches.length > 1,
  ): boolean {
    this.begin(message)
    for (const match of matches.length > 1 ? this.order.of(matches, headerSizeBytes) : matches)
      this.offer(message, match, headerSizeBytes(match.template.id), several)
    return this.sizeBytes !== Infinity
  }

  /** The chosen frame's size (header and body) so far; Infinity when none yet. */
  sizeBytes = Infinity

  /** Starts a choice among the matches of `message`, offered one by one. */
  begin(message: string): void {
    this.sizeBytes = Infinity
    this.templateId = -1
    this.memo.clear(message)
  }

  /**
   * Keeps the match when its frame (header `headerBytes`) is smaller than the best so far, or as small
   * with a lower id; `several`: other matches are or were offered (their sizes are shared then).
   */
  offer(message: string, match: TemplateSpans, headerBytes: number, several: boolean): void {
    // ties go to the lowest id, whatever the order tried: a higher id must be strictly smaller
    const limitBytes = this.sizeBytes - headerBytes + (match.template.id < this.templateId ? 1 : 0)
    const bodyBytes = this.tryBody(message, match, limitBytes, several)
    if (bodyBytes === undefined) return
    const tried = this.trial
    this.trial = this.best
    this.best = tried
    this.bestSlots = match.spans.length >> 1
    this.templateId = match.template.id
    this.bodyBytes = bodyBytes
    this.sizeBytes = headerBytes + bodyBytes
  }

  /** Writes the chosen body at `offset` (the caller has sized `out`); returns the offset after it. */
  writeBody(out: Uint8Array, offset: number): number {
    let at = offset
    for (let i = 0; i < this.bestSlots; i++) at = (this.best[i] as SlotEncoding).write(out, at)
    return at
  }

  /** Body size of a match with its slots encoded in `trial`, or undefined when refused or not below `limitBytes`. */
  private tryBody(message: string, match: TemplateSpans, limitBytes: number, remember: boolean): number | undefined {
    const { template, spans } = match
    const plan = slotPlanOf(template)
    const { codecs, keys } = plan
    if (spans.length !== 2 * codecs.length) {
      throw new AuraError(
        'E_INTERNAL',
        `template ${template.id} has ${codecs.length} slots, got ${spans.length >> 1} values`,
      )
    }
    const memo = this.memo
    const lastIndex = codecs.length - 1
    // the bound of the slots not encoded yet (none to keep when the limit is infinite: the first match tried)
    const bounded = limitBytes !== Infinity
    let leftBytes = bounded ? boundOfMatch(memo, plan, spans) : 0
    if (leftBytes >= limitBytes) return undefined
    while (this.trial.length < codecs.length) this.trial.push(new SlotEncoding())
    let sizeBytes = 0
    for (let i = 0; i < codecs.length; i++) {
      const out = (this.trial[i] as SlotEncoding).reset()
      const start = spans[2 * i] as number
      const end = spans[2 * i + 1] as number
      if (!(codecs[i] as SlotCodec).encodeRange(message, start, end, i === lastIndex, out)) return undefined
      const slotBytes = out.sizeBytes()
      // one match: no other template to share sizes with, so no memo
      if (remember) memo.add(keys[i] as number, i === lastIndex, start, end, slotBytes)
      sizeBytes += slotBytes
      if (bounded) leftBytes -= slotBounds[i] as number
      if (sizeBytes + leftBytes >= limitBytes) return undefined
    }
    return sizeBytes
  }
}
