/**
 * A learning compressor's note that its store's template frames keep losing (round 41, s41-trial D1): after
 * LOST_RUN messages in a row that a template matched and whose chosen frame was not the template's, the
 * template side is skipped (the message goes to the fallback, or the uncompressed frame, as a message no
 * template matches does), except on probes: the PROBE_FIRST-th message after the note is tried again, and
 * each probe that loses doubles the messages to the next one, up to PROBE_MAX. A probe whose template frame
 * is chosen ends the note: every message is tried again and the run counts from zero.
 *
 * Why: on OpenRTB bid requests (s41's trial) 8 templates whose slots are whole sub-objects matched every
 * message and won on none against zstd_dict, and the hybrid paid the template encode on each (8-18x
 * zstd_dict's encode time) to send zstd_dict's frame. The learned selection (selection-learning.ts) learns
 * the other way round, per template: which ones reliably win, to skip the fallback. This note is per
 * compressor, not per template: the template is known only once the matcher and encoder have run, which is
 * the cost to save.
 * What it costs: a message a template would have won, arriving while the note holds, is sent as the
 * fallback's frame unless it is a probe; a store whose frames win on fewer than one message in LOST_RUN of
 * those it matches loses those wins. Only a learning compressor keeps the note: `withoutLearning()` (the
 * runner's size pass), `learnSelection: false` and `exhaustive` try every message, so their frames stay the
 * seed's. It is kept on compressSync's path (as refusal-run.ts's note).
 * Numbers not tuned on any corpus: LOST_RUN as refusal-run.ts's REFUSED_RUN, far beyond a chance run of
 * losses on a store that wins on a tenth of its matches (0.9^64 = 0.1%); PROBE_MAX as RECHECK_MAX
 * (selection-learning.ts), a bound on how long a change of the traffic goes unseen.
 */

/** Matched messages in a row whose template frame lost, before the note holds. */
export const LOST_RUN = 64
/** While it holds, the first probe comes after this many messages ... */
export const PROBE_FIRST = 8
/** ... and each probe that loses doubles that, up to this many. */
export const PROBE_MAX = 256

/** One compressor's note (see the file comment); each compressor made by forPeer keeps its own. */
export class LosingRun {
  private lost = 0
  private untilProbe = 0
  private probeEvery = PROBE_FIRST
  private probing = false

  /** True when this message skips the template side; counts it. */
  skips(): boolean {
    if (this.lost < LOST_RUN || this.probing) return false
    if (this.untilProbe > 0) {
      this.untilProbe -= 1
      return true
    }
    // a probe: tried until a message a template matches has been weighed
    this.probing = true
    return false
  }

  /** A message a template matched was weighed: `won` when the template's frame was chosen. */
  record(won: boolean): void {
    if (this.probing) {
      this.probing = false
      if (won) {
        this.lost = 0
        this.probeEvery = PROBE_FIRST
        return
      }
      this.probeEvery = Math.min(2 * this.probeEvery, PROBE_MAX)
      this.untilProbe = this.probeEvery
      return
    }
    if (won) {
      this.lost = 0
      return
    }
    this.lost += 1
    if (this.lost === LOST_RUN) {
      this.probeEvery = PROBE_FIRST
      this.untilProbe = PROBE_FIRST
    }
  }
}
