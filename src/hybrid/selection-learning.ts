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
 *   The frame it then sends is never larger than the fallback's, but may be within the seed's 10%,
 *   where the seed would have sent the fallback's (slightly larger or equal) frame.
 * - From then on the fallback is skipped for that template, except on every RECHECK_EVERY-th use,
 *   which is compared again: a loss there (or any comparison that is not a comfortable win) starts
 *   the count from zero.
 * - The state depends only on the messages this compressor was given, in order: the same messages
 *   give the same frames. Compressors do not share it. So a frame depends on the messages before it:
 *   the runner's size pass (shards, workers, compare) measures `withoutLearning()`, the seed's rule, so
 *   that its figures are the same however the corpus is split; latency times the learning compressor.
 */

/** Comfortable wins in a row before a template skips the fallback. */
export const LEARN_WINS = 16
/** How many times the template's frame the fallback's frame must be for a comparison to count as a comfortable win. */
export const LEARN_MARGIN = 1.2
/** Of a learned template's uses, every this-many-th is compared again. */
export const RECHECK_EVERY = 32

/** Per template: comfortable wins in a row (LEARN_WINS or more: learned) and uses since it was learned. */
export class SelectionLearner {
  private readonly wins = new Map<number, number>()
  private readonly usesSinceLearned = new Map<number, number>()

  /** True when this use of the template skips the fallback (counts the use). */
  skipsFallback(templateId: number): boolean {
    if ((this.wins.get(templateId) ?? 0) < LEARN_WINS) return false
    const uses = (this.usesSinceLearned.get(templateId) ?? 0) + 1
    this.usesSinceLearned.set(templateId, uses)
    return uses % RECHECK_EVERY !== 0
  }

  /** Records one comparison of the template's frame with the fallback's. */
  record(templateId: number, binaryBytes: number, fallbackFrameBytes: number): void {
    const comfortable = binaryBytes * LEARN_MARGIN <= fallbackFrameBytes
    if (comfortable) this.wins.set(templateId, (this.wins.get(templateId) ?? 0) + 1)
    else {
      this.wins.delete(templateId)
      this.usesSinceLearned.delete(templateId)
    }
  }
}
