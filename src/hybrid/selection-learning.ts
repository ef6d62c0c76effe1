/**
 * Which templates reliably beat the fallback codec, learned from a compressor's own first uses of
 * them, so that the hybrid stops paying for two encodings where the outcome is predictable.
 *
 * - Until a template has been compared with the fallback LEARN_WINS times in a row with its frame
 *   x LEARN_MARGIN at most the fallback's frame, every message is compared (the seed's rule, as
 *   before). A skipped comparison can only cost bytes where the fallback's frame would have been the
 *   smaller one; LEARN_MARGIN keeps a 20% cushion against that (chosen leave-systems-out on the
 *   Loghub systems: the smallest margin of 1.0, 1.05 ... 1.375 with no larger frame on OpenSSH,
 *   Proxifier, Spark and Zookeeper was 1.15, and with it Apache, HDFS, HealthApp and Linux had none
 *   either; tuned on those four instead it would be 1.0, which gave 9 larger frames on the others).
 *   On the shared Loghub corpora at level 3 (the goal's config) no frame it sends is larger than the
 *   seed's; at level 19 two of Proxifier's are (a fallback frame unusually small for its template),
 *   0.008% of its bytes, and no margin up to 1.35 removes them over five passes (bench/selection-tune.ts;
 *   test/learned-shortcut.test.ts bounds them).
 * - From then on the fallback is skipped for that template, except on its re-checks: the
 *   RECHECK_EVERY-th use after it learned is compared again, and each re-check it wins comfortably
 *   doubles the uses to the next one, up to RECHECK_MAX (round 14, s29-select: a template that keeps
 *   winning is compared on 1 use in 256 instead of 1 in 32; the folds of bench/selection-tune.ts give
 *   the same bytes and frames for every cap from 32 to 4,096, so the cap is a bound on how long a
 *   change of the traffic goes unseen, not a fitted figure). A loss there (or any comparison that is
 *   not a comfortable win: RESET_BELOW is the margin itself) starts over from zero wins and
 *   RECHECK_EVERY.
 * - A learned template skips only for a frame no wider, as a share of its message, than the widest
 *   of its comfortable wins (see skipsFallback): a message unlike those it learned from is compared.
 * - The state depends only on the messages this compressor was given, in order: the same messages
 *   give the same frames. Compressors do not share it. So a frame depends on the messages before it:
 *   the runner's size pass (shards, workers, compare) measures `withoutLearning()`, the seed's rule, so
 *   that its figures are the same however the corpus is split; latency times the learning compressor.
 */

import type { RecheckGate } from '../templates/index.ts'

/** Comfortable wins in a row before a template skips the fallback. */
export const LEARN_WINS = 16
/** How many times the template's frame the fallback's frame must be for a comparison to count as a comfortable win. */
export const LEARN_MARGIN = 1.2
/**
 * A comparison where the fallback's frame is less than this many times the template's starts the
 * count over; between it and LEARN_MARGIN a win neither counts nor resets. The margin itself: every
 * comparison that is not a comfortable win resets (1.0 and 1.1 were weighed, docs/history/speed-rounds.md round 14).
 */
export const RESET_BELOW = LEARN_MARGIN
/** Of a newly learned template's uses, every this-many-th is compared again ... */
export const RECHECK_EVERY = 32
/** ... and each re-check it wins comfortably doubles that, up to this many. */
export const RECHECK_MAX = 256

/** The rule's parameters (the constants above; others only for their leave-systems-out choice, bench/selection-tune.ts). */
export interface LearningRule {
  margin: number
  resetBelow: number
  recheckMax: number
}

const SHIPPED_RULE: LearningRule = { margin: LEARN_MARGIN, resetBelow: RESET_BELOW, recheckMax: RECHECK_MAX }

/**
 * One template's learning: comfortable wins since its last loss, learned uses since its last comparison,
 * how many make a re-check, whether the comparison asked for now is a re-check, and the largest share
 * of its message the template's frame took in a comfortable win, as the two sizes of that win
 * (`widestBinary` / `widestMessage`, compared by cross-multiplying: whole numbers, exact, where a
 * quotient times the message length can land below the frame's size and refuse an equal share).
 */
interface TemplateState {
  wins: number
  uses: number
  recheckEvery: number
  recheckDue: boolean
  widestBinary: number
  widestMessage: number
  /** re-weighings in a row (a frame the learned choice sent alone lost: selection.ts) whose smallest frame was this template's own */
  reweighedSame: number
  /** re-weighings skipped since the last one run */
  reweighSkips: number
}

/**
 * Re-weighings of a template's frames sent alone, in a row, that gave the template's own frame back (the
 * learned winner was the smallest: nothing to gain) before its frames that lose are no longer re-weighed
 * (round s35-e2e). Not a fitted figure: more than a coincidence of two; the re-weighings are rare (13 and
 * 6 messages in 1,000 on Zookeeper and Proxifier, the only Loghub systems that have any) and each runs a full
 * template choice (6-11 µs, the slowest calls of those systems after the template path's own).
 */
export const REWEIGH_SAME = 4

/** Per template: its state (the rule in the file comment). */
export class SelectionLearner {
  private readonly states = new Map<number, TemplateState>()

  /** `gate`: the compressor's spacing of re-checks (templates/choice-learning.ts RecheckGate), or null: each template's schedule alone. */
  constructor(
    private readonly rule: LearningRule = SHIPPED_RULE,
    private readonly gate: RecheckGate | null = null,
  ) {}

  /**
   * True when this use of the template skips the fallback (counts the use). Only a frame that takes no
   * larger a share of its message than the template's frames took in the comfortable wins it learned
   * from may skip: a message unlike those (a multi-line record whose trailing slot took a stack trace,
   * the frame nearly as long as the message) is compared, so the fallback is not left out where nothing
   * learned says it loses (trial s29: such a record went uncompressed, 2,284 B where zstd_dict's frame
   * was 194 B). The share only widens as comfortable wins come, so a template's usual messages skip.
   * Weighed against "the fallback's narrowest share": that kept Proxifier's held-out fallback calls at
   * 808 of 1,000 (382 before); this rule about 440 (bench/shortcut.ts, docs/history/speed-rounds.md "Round 14: the
   * lead's short-cut fix").
   */
  skipsFallback(templateId: number, binaryBytes: number, messageBytes: number): boolean {
    const state = this.states.get(templateId)
    if (state === undefined || state.wins < LEARN_WINS) return false
    if (binaryBytes * state.widestMessage > state.widestBinary * messageBytes) return false
    state.uses += 1
    // a re-check put off by the gate skips like a learned use; the next use asks again (the gate lets it
    // run once the template has gone 2 x RECHECK_SPACING uses without one: a fair gate, review of s35-e2e)
    if (state.uses < state.recheckEvery || (this.gate !== null && !this.gate.allows(state.uses))) return true
    state.uses = 0
    state.recheckDue = true
    return false
  }

  /**
   * True when a frame the template sent alone, which lost to the fallback, is not weighed again with the
   * smallest template frame (selection.ts finishSelection): its last REWEIGH_SAME re-weighings gave its own
   * frame back. Every RECHECK_EVERY-th skip (as the compressor's gate allows) re-weighs anyway.
   */
  skipsReweigh(templateId: number): boolean {
    const state = this.states.get(templateId)
    if (state === undefined || state.reweighedSame < REWEIGH_SAME) return false
    state.reweighSkips += 1
    if (state.reweighSkips < RECHECK_EVERY || (this.gate !== null && !this.gate.allows(state.reweighSkips))) return true
    state.reweighSkips = 0
    return false
  }

  /** A re-weighing of the template's frame sent alone gave `smallestId`'s frame (undefined: none). */
  recordReweigh(templateId: number, smallestId: number | undefined): void {
    const state = this.states.get(templateId)
    if (state === undefined) return
    state.reweighedSame = smallestId === templateId ? state.reweighedSame + 1 : 0
  }

  /** Records one comparison of the template's frame with the fallback's, for a message of `messageBytes`. */
  record(templateId: number, binaryBytes: number, fallbackFrameBytes: number, messageBytes: number): void {
    let state = this.states.get(templateId)
    if (state === undefined) {
      state = {
        wins: 0,
        uses: 0,
        recheckEvery: RECHECK_EVERY,
        recheckDue: false,
        widestBinary: 0,
        widestMessage: 1,
        reweighedSame: 0,
        reweighSkips: 0,
      }
      this.states.set(templateId, state)
    }
    const wasRecheck = state.recheckDue
    state.recheckDue = false
    if (binaryBytes * this.rule.margin <= fallbackFrameBytes) {
      state.wins += 1
      if (messageBytes > 0 && binaryBytes * state.widestMessage > state.widestBinary * messageBytes) {
        state.widestBinary = binaryBytes
        state.widestMessage = messageBytes
      }
      // a re-check won comfortably doubles the uses to the next one (a comparison asked for because the
      // frame was wider than the learned ones is no re-check and leaves the schedule as it was)
      if (wasRecheck) state.recheckEvery = Math.min(2 * state.recheckEvery, this.rule.recheckMax)
    } else if (binaryBytes * this.rule.resetBelow > fallbackFrameBytes) {
      state.wins = 0
      state.uses = 0
      state.recheckEvery = RECHECK_EVERY
      state.widestBinary = 0
      state.widestMessage = 1
    }
  }
}
