/**
 * A learning compressor's note that its stream is one its store does not know: after REFUSED_RUN messages in
 * a row that the matcher's screen refused (`mayMatchBytes` false), only one message in SCREEN_EVERY is shown
 * to it; the others go straight to the fallback (or the uncompressed frame), as a refused one does. The first
 * message shown that the screen lets through ends the note: every message is screened again, and the run
 * counts from zero.
 *
 * Why: on a stream no template matches, the screen's refusal is what a message pays on top of the fallback
 * alone, 0.2-0.3 µs a line on the stores whose screen must look inside the line (docs/rounds/s34-nomatch.md:
 * OpenSSH lines through the Linux store, 7 memchr calls and their key checks a line); the note makes it about
 * one line's in SCREEN_EVERY.
 * What it costs: a message a template would have matched, arriving while the note holds, is not shown to the
 * matcher unless it is the SCREEN_EVERY-th, and is sent as a refused message (a predicted outcome, like the
 * learned selection's, selection-learning.ts). When the store's messages come back in a run, at most
 * SCREEN_EVERY - 1 of them go untemplated; a store's messages sparser than one in REFUSED_RUN of the stream
 * mostly do. Only a learning compressor keeps the note: `withoutLearning()` (the runner's size pass),
 * `learnSelection: false` and `exhaustive` screen every message, so their frames stay the seed's. It is kept
 * on compressSync's path for bytes (which a sync fallback's `compress` is): a string message, aura on, or an
 * async-only fallback (`zstd` on @mongodb-js/zstd) is screened every time (docs/contracts.md, round 34).
 * Numbers not tuned on any corpus: REFUSED_RUN as the byte screen's own run before it rests (STEPS_PASSES,
 * byte-screen.ts), SCREEN_EVERY a bound of 7 lines on how long the store's returning traffic goes untemplated.
 */

/** Refusals in a row before the note holds. */
export const REFUSED_RUN = 64
/** While it holds, one message in this many is screened. */
export const SCREEN_EVERY = 8

/** One compressor's note (see the file comment); each compressor made by forPeer keeps its own. */
export class RefusalRun {
  private refused = 0
  private untilScreened = 0

  /** True when this message is not to be screened (sent as a refused one); counts it. */
  skips(): boolean {
    if (this.refused < REFUSED_RUN) return false
    if (this.untilScreened > 0) {
      this.untilScreened -= 1
      return true
    }
    this.untilScreened = SCREEN_EVERY - 1
    return false
  }

  /** The screen refused the message shown to it. */
  refusedOne(): void {
    if (this.refused < REFUSED_RUN) this.refused += 1
  }

  /** The screen let the message shown to it through: the note ends. */
  passedOne(): void {
    this.refused = 0
    this.untilScreened = 0
  }
}
