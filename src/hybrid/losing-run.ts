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
 * fallback's frame unless it is a probe. So that a burst of losing messages does not set it off on a store that
 * wins on other kinds (s41-rev3 F1: bid responses in blocks of 200 no-wins and 200 wins, +7.6% bytes with the
 * note held on the run alone), it also needs the store's long-run share of wins among matched messages, a moving
 * average over about WIN_SPAN of them starting at 0, to be under WIN_SHARE_MIN: after a stretch of wins the
 * average stays above it for hundreds of losses. Probes come at most PROBE_MAX messages apart, so a return of
 * winning traffic costs at most that many messages' wins. Only a learning compressor keeps the note:
 * `withoutLearning()` (the runner's size pass), `learnSelection: false` and `exhaustive` try every message, so
 * their frames stay the seed's. It is kept on compressSync's path (as refusal-run.ts's note), and a message
 * ending in `\r` (cr-tail.ts) follows the same note.
 * Numbers not tuned on any corpus: LOST_RUN as refusal-run.ts's REFUSED_RUN; WIN_SHARE_MIN one win in LOST_RUN;
 * WIN_SPAN four times LOST_RUN; PROBE_MAX a bound on how long a return of winning traffic goes unseen.
 */

/** Matched messages in a row whose template frame lost, before the note holds. */
export const LOST_RUN = 64
/** While it holds, the first probe comes after this many messages ... */
export const PROBE_FIRST = 8
/** ... and each probe that loses doubles that, up to this many. */
export const PROBE_MAX = 32
/** The note holds only while the moving share of wins among matched messages is under this ... */
export const WIN_SHARE_MIN = 1 / LOST_RUN
/** ... averaged over about this many matched messages (an exponential moving average). */
export const WIN_SPAN = 4 * LOST_RUN

/** One compressor's note (see the file comment); each compressor made by forPeer keeps its own. */
export class LosingRun {
  private lost = 0
  private untilProbe = 0
  private probeEvery = PROBE_FIRST
  private probing = false
  private winShare = 0

  /** True when this message skips the template side; counts it. */
  skips(): boolean {
    if (this.lost < LOST_RUN || this.probing || this.winShare >= WIN_SHARE_MIN) return false
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
    this.winShare += ((won ? 1 : 0) - this.winShare) / WIN_SPAN
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
