/**
 * Which template keeps winning the frame encoder's choice among several candidates, learned from an
 * encoder's own messages, so that a learning encoder tries that template alone (one split, one frame
 * written) instead of matching every candidate and writing a frame for each match (issue 13, round
 * s30-choice; docs/rounds/s30-choice.md).
 *
 * - A situation is the candidate list the matcher's index selects for a message (`situationKeyOf`: a
 *   hash of the candidates' template ids in the index's order). Per situation: the template the full
 *   choice picked last time and how many times in a row it has been picked.
 * - Once it has been picked `wins` times in a row, the next messages of that situation try it first
 *   (`learned`): when it matches, its frame is sent, the others are neither matched nor written. That
 *   frame decodes to the message like any match's, but it may be a few bytes larger than the smallest
 *   (the cost bench/shortcut.ts measures).
 * - The full choice runs again on a schedule, as the fallback short-cut's (selection-learning.ts): the
 *   `recheckEvery`-th learned use is a re-check, and each re-check the template wins doubles that, up
 *   to `recheckMax`. A re-check it loses, or a message it does not match, starts the situation over.
 * - The state depends only on the messages given, in order. The encoder without it (the default of
 *   createTemplateFrameEncoder, and the one `withoutLearning()` compressors use) always chooses the
 *   smallest frame.
 */
import type { Template } from './store-types.ts'

/** The rule's parameters; others than the shipped ones only for their leave-systems-out choice (bench/choice-tune.ts). */
export interface ChoiceRule {
  /** times in a row the full choice must pick a template before it is tried alone */
  wins: number
  /** learned uses before the first re-check */
  recheckEvery: number
  /** the most learned uses between re-checks */
  recheckMax: number
  /** false: a frame sent alone may take any share of its message (only to measure what the guard does) */
  widestShare?: boolean
}

/** Picks in a row before a situation's template is tried alone (chosen on one fold of the Loghub systems, see the round's doc). */
export const CHOICE_WINS = 4
/** The re-check schedule: as the fallback short-cut's (32, 64, 128, then every 256 uses). */
export const CHOICE_RECHECK_EVERY = 32
export const CHOICE_RECHECK_MAX = 256
/** Situations remembered at most; past it the memory starts over (a bound on memory, not a fitted figure). */
export const CHOICE_SITUATIONS_MAX = 4096

export const SHIPPED_CHOICE_RULE: ChoiceRule = {
  wins: CHOICE_WINS,
  recheckEvery: CHOICE_RECHECK_EVERY,
  recheckMax: CHOICE_RECHECK_MAX,
}

/** A situation's learning; `widestFrame / widestMessage`: the largest share of its message a winning frame took in this streak. */
export interface Situation {
  winner: number
  wins: number
  uses: number
  recheckEvery: number
  recheckDue: boolean
  widestFrame: number
  widestMessage: number
}

/** The key of a candidate list: a 32-bit hash of its template ids in order (a collision only merges two situations; the template tried is still split and checked). */
export function situationKeyOf(candidates: readonly { readonly template: Template }[]): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < candidates.length; i++) {
    hash = Math.imul(hash ^ (candidates[i] as { readonly template: Template }).template.id, 0x01000193)
  }
  return hash >>> 0
}

/** Per situation: the template that keeps winning (the rule in the file comment). */
export class ChoiceLearner {
  private readonly situations = new Map<number, Situation>()
  /** templates tried alone, of them those that could not send the frame, and full choices recorded (benches) */
  readonly counts = { tried: 0, missed: 0, recorded: 0 }

  constructor(readonly rule: ChoiceRule = SHIPPED_CHOICE_RULE) {}

  /**
   * The situation whose template to try alone (counts the use), or undefined: the full choice runs (and
   * `record`s its pick). The frame sent alone must take no larger a share of its message than the
   * streak's frames took (`fits`).
   */
  learned(key: number): Situation | undefined {
    const situation = this.situations.get(key)
    if (situation === undefined || situation.wins < this.rule.wins) return undefined
    situation.uses += 1
    if (situation.uses < situation.recheckEvery) {
      this.counts.tried += 1
      return situation
    }
    situation.uses = 0
    situation.recheckDue = true
    return undefined
  }

  /**
   * True when a frame of `frameBytes` for a message of `messageUnits` may be sent alone: its share of
   * the message no larger than the widest of the streak's (compared by cross-multiplying: exact). A
   * message unlike those the template won on (the header fallback's string taking a whole host name
   * where its streak had short ones) goes to the full choice.
   */
  fits(situation: Situation, frameBytes: number, messageUnits: number): boolean {
    return (
      this.rule.widestShare === false || frameBytes * situation.widestMessage <= situation.widestFrame * messageUnits
    )
  }

  /** The full choice picked template `winner` (an id), a frame of `frameBytes`, for a message of `messageUnits`. */
  record(key: number, winner: number, frameBytes: number, messageUnits: number): void {
    this.counts.recorded += 1
    const situation = this.situations.get(key)
    if (situation === undefined) {
      if (this.situations.size >= CHOICE_SITUATIONS_MAX) this.situations.clear()
      this.situations.set(key, {
        winner,
        wins: 1,
        uses: 0,
        recheckEvery: this.rule.recheckEvery,
        recheckDue: false,
        widestFrame: frameBytes,
        widestMessage: Math.max(1, messageUnits),
      })
      return
    }
    if (situation.winner === winner) {
      situation.wins += 1
      if (situation.recheckDue) situation.recheckEvery = Math.min(2 * situation.recheckEvery, this.rule.recheckMax)
      if (frameBytes * situation.widestMessage > situation.widestFrame * messageUnits) {
        situation.widestFrame = frameBytes
        situation.widestMessage = Math.max(1, messageUnits)
      }
    } else {
      situation.winner = winner
      situation.wins = 1
      situation.uses = 0
      situation.recheckEvery = this.rule.recheckEvery
      situation.widestFrame = frameBytes
      situation.widestMessage = Math.max(1, messageUnits)
    }
    situation.recheckDue = false
  }

  /**
   * The template tried alone could not send the message's frame: `refused` (it does not match), the
   * situation starts over; else (its writers could not decide) the full choice decides this message.
   */
  missed(key: number, refused: boolean): void {
    this.counts.missed += 1
    if (refused) this.situations.delete(key)
  }

  /** What is remembered of a situation (tests). */
  stateOf(key: number): { winner: number; wins: number; recheckEvery: number } | undefined {
    const situation = this.situations.get(key)
    return situation === undefined
      ? undefined
      : { winner: situation.winner, wins: situation.wins, recheckEvery: situation.recheckEvery }
  }
}
