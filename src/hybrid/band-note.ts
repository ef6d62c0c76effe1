/**
 * A learning compressor's note, per band of message lengths, of how many bytes its template frames save
 * (round 42, s42-trial D1): a band where, over its last matched messages, the template side saved under
 * SAVED_SHARE_MIN of the band's frame bytes is skipped but for probes (its messages go to the fallback, or
 * the uncompressed frame, as a message no template matches does).
 *
 * Why: on the trial's analytics batches (JSON, 1-6 event objects each) the template attempt cost 10-25x
 * zstd_dict's encode per message and grew with the number of event objects (each more specific template is
 * one more event literal, and each is encoded), while the longest batches (over ~860 bytes) were won by the
 * template frame on 3% of messages, saving 0.4% of their bytes. The store as a whole won on about half of
 * its matched messages, so losing-run.ts's note, which needs the whole store under one win in 64, never held.
 * The length band is what is known before the template side runs (the template is known only after the
 * matcher and encoder, the cost to save).
 *
 * What it costs: a band skipped saved under SAVED_SHARE_MIN of its bytes when last weighed, so the bytes
 * lost are at most about that share of the band's, unless its traffic changes between probes. Probes: the
 * PROBE_FIRST-th message of the band after the note holds is weighed, each probe doubles the messages to
 * the next one up to PROBE_MAX, and every probe updates the band's figures (a probe that saves enough lifts
 * the note as soon as the average is back over the share). Only a learning compressor keeps the note (as
 * losing-run.ts's): `withoutLearning()` (the runner's size pass), `learnSelection: false` and `exhaustive`
 * weigh every message, so their frames stay the seed's.
 * Numbers not tuned on any corpus: BANDS_PER_OCTAVE a width of ~19% of a length; SEEN_MIN and PROBE_* as
 * losing-run.ts's LOST_RUN and probes; SAVED_SPAN its WIN_SPAN; SAVED_SHARE_MIN 1 in 128, below the 0.5% of a
 * stream's bytes that a selection short-cut may cost (the project's goal) only when skipped bands are at most
 * about two thirds of the bytes.
 */

/** Length bands per doubling of the message length. */
export const BANDS_PER_OCTAVE = 4
/** Matched messages of a band weighed before the note may hold for it. */
export const SEEN_MIN = 64
/** The band is skipped while the bytes its template frames saved are under this share of its frame bytes ... */
export const SAVED_SHARE_MIN = 1 / 128
/** ... both averaged over about this many matched messages of the band (an exponential moving average). */
export const SAVED_SPAN = 256
/** While it holds, the first probe comes after this many messages of the band ... */
export const PROBE_FIRST = 8
/** ... and each probe doubles that, up to this many. */
export const PROBE_MAX = 32

interface Band {
  seen: number
  /** moving averages of the bytes the template side saved and of the frame bytes sent, per matched message */
  saved: number
  sent: number
  untilProbe: number
  probeEvery: number
}

/** The band of a message of `length` units (bytes or UTF-16 units: a key, the same for the same message). */
export function bandOf(length: number): number {
  return length < 1 ? 0 : Math.floor(BANDS_PER_OCTAVE * Math.log2(length))
}

/** One compressor's note (see the file comment); each compressor made by forPeer keeps its own. */
export class BandNote {
  private readonly bands = new Map<number, Band>()

  /** True when this message (of `length`) skips the template side; counts it toward the band's next probe. */
  skips(length: number): boolean {
    if (length < 0) return false
    const band = this.bands.get(bandOf(length))
    if (band === undefined || !holds(band)) return false
    if (band.untilProbe > 0) {
      band.untilProbe -= 1
      return true
    }
    // a probe: weighed, and the next one further off
    band.probeEvery = Math.min(2 * band.probeEvery, PROBE_MAX)
    band.untilProbe = band.probeEvery
    return false
  }

  /**
   * A message of `length` a template matched was weighed: `sentBytes` the frame sent, `savedBytes` how many
   * bytes fewer than the best other frame weighed it took (0 when the template's frame was not chosen).
   */
  record(length: number, sentBytes: number, savedBytes: number): void {
    const key = bandOf(length)
    let band = this.bands.get(key)
    if (band === undefined) {
      band = { seen: 0, saved: 0, sent: 0, untilProbe: PROBE_FIRST, probeEvery: PROBE_FIRST }
      this.bands.set(key, band)
    }
    const held = holds(band)
    band.seen += 1
    // the plain mean until SAVED_SPAN messages, then the moving average
    const weight = 1 / Math.min(band.seen, SAVED_SPAN)
    band.saved += (savedBytes - band.saved) * weight
    band.sent += (sentBytes - band.sent) * weight
    if (!held && holds(band)) {
      band.probeEvery = PROBE_FIRST
      band.untilProbe = PROBE_FIRST
    }
  }
}

function holds(band: Band): boolean {
  return band.seen >= SEEN_MIN && band.saved < SAVED_SHARE_MIN * band.sent
}
