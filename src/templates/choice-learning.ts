/**
 * Which templates keep winning the frame encoder's choice among several candidates, learned from an
 * encoder's own messages, so that a learning encoder tries those templates alone (a split each, one
 * frame written) instead of matching every candidate and writing a frame for each match (issue 13,
 * round s30-choice; docs/rounds/s30-choice.md).
 *
 * - A situation is the candidate list the matcher's index selects for a message (`situationKeyOf`: a
 *   hash of the candidates' template ids in the index's order). Per situation: the templates the full
 *   choice picked (its winners, at most `winnersMax`, the one that won longest ago left out for a new
 *   one), and how many full choices in a row picked one of them (the streak).
 * - Once the streak is `wins` long, the next messages of that situation try the winners alone
 *   (`learned`), the one with the most literal text first (it leaves the least to the values; ties: the
 *   lower id): the first that matches, can write its values, and takes no larger a share of its message
 *   than its own winning frames took (`fits`) sends its frame; the others are neither matched nor
 *   written. One whose frame does not fit passes the message on to the next winner (`passOver`, round
 *   s31-p99: without it, a line unlike the first winner's but like the second's ran the learned try and then
 *   the full choice on every use, which set OpenSSH's p99), and so does one that matches but cannot write a
 *   value (`passUnwritable`, round s36-tail: before, that ended the search and the full choice decided, on
 *   every use: four Proxifier lines, 80 of the 200 slowest of 20,000 calls), until a re-check's full choice
 *   picks that winner where it was passed over (its greedy split could not write the value, the full
 *   matcher's split could): then that winner's unwritable lines go to the full choice (round s36-tfix).
 *   The frame sent decodes to the message like any match's, but it may be larger than the smallest (the
 *   cost bench/shortcut.ts and bench/choice-tune.ts measure). When none sends, the full choice runs.
 * - The full choice runs again on a schedule, as the fallback short-cut's (selection-learning.ts): the
 *   `recheckEvery`-th learned use is a re-check, and each re-check where the winners tried alone would
 *   have sent the full choice's template doubles that, up to `recheckMax`. A re-check they lose, or a
 *   full choice picking a template not among the winners, starts the streak over.
 * - The state depends only on the messages given, in order. The encoder without it (the default of
 *   createTemplateFrameEncoder, and the one `withoutLearning()` compressors use) always chooses the
 *   smallest frame.
 */
import { describeArgument } from '../core/index.ts'
import { boundPartsOf } from './match-order.ts'
import { slotCodecsOf } from './slot-codecs.ts'
import type { Template } from './store-types.ts'

/** The rule's parameters; others than the shipped ones only for their leave-systems-out choice (bench/choice-tune.ts). */
export interface ChoiceRule {
  /** full choices in a row picking one of the situation's winners before the winners are tried alone */
  wins: number
  /** learned uses before the first re-check */
  recheckEvery: number
  /** the most learned uses between re-checks */
  recheckMax: number
  /** the most winners a situation keeps (default CHOICE_WINNERS_MAX) */
  winnersMax?: number
  /** false: a frame sent alone may take any share of its message (`fits`; default true) */
  widestShare?: boolean
  /**
   * A winner whose frame does not fit (wider, as a share of its message, than its winning frames) passes
   * the message on to the next winner instead of sending it to the full choice (default true; round s31-p99)
   */
  passOver?: boolean
  /**
   * A winner that splits the message but cannot write one of its values (a slot's codec refuses it) passes
   * the message on to the next winner too, instead of sending it to the full choice (default true; round
   * s36-tail: Proxifier's `chrome.exe {4} - {5}:{6} close ... lifetime {13}:{14}` winner cannot write a
   * lifetime of hours, `01:07:37`, in its 2-digit `{14}`, and each such line ran the learned try and then a
   * full choice of 23 candidates on every use). Only the compiled greedy split is tried: where the full
   * matcher splits the message another way and the passed-over winner's frame is the smallest, a re-check's
   * full choice picks it, and that winner stops passing on (Winner.passUnwritable; round s36-tfix)
   */
  passUnwritable?: boolean
}

/**
 * Why `value` is not a `learnChoice` option (true, false, or a ChoiceRule of positive integers), or
 * undefined when it is one: from untyped JavaScript `{}` would leave the re-check schedule NaN.
 */
export function learnChoiceProblem(value: unknown): string | undefined {
  if (typeof value === 'boolean') return undefined
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return ` must be true, false or a rule { wins, recheckEvery, recheckMax }, got ${describeArgument(value)}`
  const rule = value as Record<string, unknown>
  for (const key of ['wins', 'recheckEvery', 'recheckMax', 'winnersMax'] as const) {
    const n = rule[key]
    if (key === 'winnersMax' && n === undefined) continue
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
      return `.${key} must be an integer of at least 1, got ${typeof n === 'number' ? n : describeArgument(n)}`
  }
  for (const key of ['widestShare', 'passOver', 'passUnwritable'] as const)
    if (rule[key] !== undefined && typeof rule[key] !== 'boolean')
      return `.${key} must be a boolean, got ${describeArgument(rule[key])}`
  return undefined
}

/**
 * The streak before a situation's winners are tried alone: 1, as soon as a template has won it. Chosen
 * leave-systems-out (bench/choice-tune.ts: the smallest of 1, 2, 4 ... 32 adding at most 0.25% bytes in a
 * first pass on one fold of the Loghub systems; each fold chose 1; docs/rounds/s30-choice.md).
 */
export const CHOICE_WINS = 1
/** The re-check schedule: as the fallback short-cut's (32, 64, 128, then every 256 uses). */
export const CHOICE_RECHECK_EVERY = 32
export const CHOICE_RECHECK_MAX = 256
/** Winners a situation keeps at most: a bound on the splits a learned use may try, not a fitted figure. */
export const CHOICE_WINNERS_MAX = 8
/** Situations remembered at most; past it the memory starts over (a bound on memory, not a fitted figure). */
export const CHOICE_SITUATIONS_MAX = 4096

export const SHIPPED_CHOICE_RULE: ChoiceRule = {
  wins: CHOICE_WINS,
  recheckEvery: CHOICE_RECHECK_EVERY,
  recheckMax: CHOICE_RECHECK_MAX,
}

/**
 * At most one re-check per this many messages of a compressor, per gate: the learned choice's, and the
 * fallback short-cut's (selection-learning.ts, with its re-weighing's). Round s31-p99 took 256, the longest
 * re-check interval either learner keeps, with one gate for both; round s35-e2e 1,024 and a gate each, so
 * that re-checks are at most ~0.2% of a stream's calls, a fifth of the 1% a p99 counts (with 256 they were
 * 0.3-0.4% of bench/speed.ts section 1's calls, 30-190 µs each, and set a share of every system's p99). Not a
 * fitted figure; its byte cost on the Loghub systems, 0.083% -> 0.085% over always comparing
 * (bench/shortcut.ts), docs/rounds/s35-e2e.md.
 */
export const RECHECK_SPACING = 1024

/**
 * The re-checks of a compressor's learners, spaced (round s31-p99): a re-check (the full choice, or the
 * fallback run beside a learned template) is the slow call of a learned compressor, and where several
 * templates and situations each came due on their own schedules (32, 64, 128, then 256 uses) they made
 * 1-2.5% of OpenSSH's calls in bench/speed.ts section 1, more than the 1% a p99 counts. A re-check of either
 * learner that falls due within RECHECK_SPACING messages of the last one is put off (`allows`): that use is
 * a learned one, and the next use asks again. Putting off the fallback short-cut's changes no byte
 * (bench/selection-tune.ts); putting off the learned choice's lets a wrong winner stand longer: 0.136%
 * more bytes than always comparing over the eight Loghub systems instead of 0.058% (Proxifier 0.63%
 * instead of 0.26%; chosen leave-systems-out with bench/choice-tune.ts, docs/rounds/s31-p99.md). The
 * compressor counts its messages (`tick`); learners without a gate re-check on their own schedule.
 *
 * Fair (review of round s35-e2e): the gate gives its slot to whoever asks first once it opens, and a template
 * used on every message always asks first, so a rarely used one got few re-checks and one whose period
 * divides the spacing none at all (a stale decision never corrected for it). So a key (a template, a
 * situation) that has gone twice `spacing` of its own uses since its last re-check runs it without waiting
 * for the gate: no key goes longer than 2 x `spacing` of its own uses between re-checks (the busiest key gets
 * one per `spacing` from the gate). Such a re-check takes the gate's next opening in advance (the one after
 * comes a spacing later), so the gate still runs about one re-check per `spacing` messages. Twice, not once:
 * with `spacing` own uses, keys that share the gate's slots (several busy templates) were forced often enough
 * to raise the re-checks of bench/p99-anatomy.ts's section 1 calls from 286 to 303 over the eight Loghub
 * systems; with twice, 285 (docs/rounds/s35-e2e.md "Review fix: a fair re-check gate").
 */
export class RecheckGate {
  private messages = 0
  private last = Number.NEGATIVE_INFINITY

  constructor(readonly spacing: number = RECHECK_SPACING) {}

  /** One message compressed. */
  tick(): void {
    this.messages += 1
  }

  /**
   * True when a re-check due now may run (and is counted as the last); false: put it off. `waited`: the
   * asking key's own uses since its last re-check; at 2 x `spacing` or more it runs whatever the gate's spacing.
   */
  allows(waited = 0): boolean {
    if (this.messages - this.last < this.spacing && waited < 2 * this.spacing) return false
    // a re-check run before the gate opens takes its next opening: the one after comes a spacing later
    this.last = Math.max(this.messages, this.last + this.spacing)
    return true
  }
}

/** A template that won a situation: its id, literal units, the largest share of its message its winning frames took (`widestFrame / widestMessage`), and when it last won. */
export interface Winner {
  id: number
  literalUnits: number
  /** false: never tried alone (templateTraits) */
  alone: boolean
  widestFrame: number
  widestMessage: number
  lastWon: number
  /**
   * false: a value this winner cannot write no longer passes the message on (ChoiceRule.passUnwritable);
   * set false for good once a re-check's full choice picks it where it was passed over (round s36-tfix)
   */
  passUnwritable: boolean
  /** the situation's `rechecks` when this winner was last passed over on a re-check as unable to write a value */
  passedOn: number
}

/** A situation's learning: its winners (most literal units first), the streak, and the re-check schedule. */
export interface Situation {
  readonly winners: Winner[]
  wins: number
  uses: number
  recheckEvery: number
  /** the learned use now is a re-check: the winners are tried, but the full choice sends */
  recheckDue: boolean
  /** full choices recorded (orders `lastWon`) */
  clock: number
  /** re-checks begun (stamps a winner's `passedOn`) */
  rechecks: number
}

/** What a winner keeps of its template: its literal units (its literals' lengths summed), and whether it may be tried alone. */
interface TemplateTraits {
  literalUnits: number
  alone: boolean
}
const traitsOf = new WeakMap<Template, TemplateTraits>()

/**
 * A template's traits, kept per template. A template whose first value (text order) takes a byte per
 * unit, a header fallback's `[{0} close, ...` (match-order.ts `growing`), is never tried alone: it
 * matches every line of its shape, and wins only where no specific template does, so alone it would
 * send its wide frame where a specific one is far smaller (Proxifier, Linux: bench/choice-tune.ts).
 */
export function templateTraits(template: Template): TemplateTraits {
  let traits = traitsOf.get(template)
  if (traits === undefined) {
    let literalUnits = 0
    for (const literal of template.literals) literalUnits += literal.length
    const alone = boundPartsOf(template, slotCodecsOf(template)).growing === undefined
    traitsOf.set(template, (traits = { literalUnits, alone }))
  }
  return traits
}

/** The key of a candidate list: a 32-bit hash of its template ids in order (a collision only merges two situations; a template tried alone is still split and checked). */
export function situationKeyOf(candidates: readonly { readonly template: Template }[]): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < candidates.length; i++) {
    hash = Math.imul(hash ^ (candidates[i] as { readonly template: Template }).template.id, 0x01000193)
  }
  return hash >>> 0
}

/** Per situation: the templates that keep winning (the rule in the file comment). */
export class ChoiceLearner {
  private readonly situations = new Map<number, Situation>()
  /** templates tried alone, of them those that could not send the frame, and full choices recorded (benches) */
  readonly counts = { tried: 0, missed: 0, recorded: 0 }

  /** `gate`: the compressor's spacing of re-checks (RecheckGate), or null: re-checks on this learner's schedule alone. */
  constructor(
    readonly rule: ChoiceRule = SHIPPED_CHOICE_RULE,
    private readonly gate: RecheckGate | null = null,
  ) {}

  /**
   * The situation whose winners to try alone (counts the use), or undefined: the full choice runs (and
   * `record`s its pick). On a re-check (`recheckDue`) the winners are tried but the full choice sends.
   */
  learned(key: number): Situation | undefined {
    const situation = this.situations.get(key)
    if (situation === undefined || situation.wins < this.rule.wins) return undefined
    // a re-check whose full choice found no frame was never `record`ed: it is over, not carried to this use
    situation.recheckDue = false
    situation.uses += 1
    // a re-check put off by the gate is a learned use; the next use asks again
    if (situation.uses < situation.recheckEvery || (this.gate !== null && !this.gate.allows(situation.uses))) {
      this.counts.tried += 1
      return situation
    }
    situation.uses = 0
    situation.recheckDue = true
    situation.rechecks += 1
    return situation
  }

  /**
   * True when a frame of `frameBytes` for a message of `messageUnits` may be sent alone by `winner`: its
   * share of the message no larger than the widest of the winner's winning frames (compared by
   * cross-multiplying: exact). A message unlike those it won on (the header fallback's string taking a
   * whole host name where it won with short ones) goes to the full choice.
   */
  fits(winner: Winner, frameBytes: number, messageUnits: number): boolean {
    return this.rule.widestShare === false || frameBytes * winner.widestMessage <= winner.widestFrame * messageUnits
  }

  /**
   * The full choice picked `template`, a frame of `frameBytes`, for a message of `messageUnits`;
   * `triedId`: the winner that was (or on a re-check, would have been) sent alone, -1 if none.
   */
  record(key: number, template: Template, frameBytes: number, messageUnits: number, triedId = -1): void {
    this.counts.recorded += 1
    const units = Math.max(1, messageUnits)
    let situation = this.situations.get(key)
    if (situation === undefined) {
      if (this.situations.size >= CHOICE_SITUATIONS_MAX) this.situations.clear()
      situation = {
        winners: [],
        wins: 0,
        uses: 0,
        recheckEvery: this.rule.recheckEvery,
        recheckDue: false,
        clock: 0,
        rechecks: 0,
      }
      this.situations.set(key, situation)
    }
    situation.clock += 1
    const { winners } = situation
    let winner: Winner | undefined
    for (let i = 0; i < winners.length; i++) if ((winners[i] as Winner).id === template.id) winner = winners[i]
    const wasRecheck = situation.recheckDue
    situation.recheckDue = false
    if (winner === undefined) {
      // a template not among the winners: it joins them (in place of the one that won longest ago), the streak starts over
      if (winners.length >= (this.rule.winnersMax ?? CHOICE_WINNERS_MAX)) {
        let oldest = 0
        for (let i = 1; i < winners.length; i++)
          if ((winners[i] as Winner).lastWon < (winners[oldest] as Winner).lastWon) oldest = i
        winners.splice(oldest, 1)
      }
      const { literalUnits, alone } = templateTraits(template)
      const joining = {
        id: template.id,
        literalUnits,
        alone,
        widestFrame: frameBytes,
        widestMessage: units,
        lastWon: situation.clock,
        passUnwritable: this.rule.passUnwritable !== false,
        passedOn: 0,
      }
      let at = 0
      while (at < winners.length && !triesBefore(joining, winners[at] as Winner)) at++
      winners.splice(at, 0, joining)
      this.startOver(situation)
      situation.wins = 1
      return
    }
    winner.lastWon = situation.clock
    if (frameBytes * winner.widestMessage > winner.widestFrame * units) {
      winner.widestFrame = frameBytes
      winner.widestMessage = units
    }
    // a re-check's full choice picked a winner passed over as unable to write a value (its greedy split could
    // not, the full matcher's split could): passing on sent a larger frame than the smallest, so this winner's
    // unwritable splits go to the full choice from now on (round s36-tfix; without it the situation lost each
    // re-check, started over, and passed on again: review s36-review1, +11.2% bytes)
    if (wasRecheck && winner.passedOn === situation.rechecks) winner.passUnwritable = false
    if (wasRecheck && triedId !== template.id) {
      // a re-check lost: the winners tried alone would have sent another template, or none
      this.startOver(situation)
      return
    }
    situation.wins += 1
    if (wasRecheck) situation.recheckEvery = Math.min(2 * situation.recheckEvery, this.rule.recheckMax)
  }

  /** No winner tried alone could send the message's frame: the full choice decides it. */
  missed(): void {
    this.counts.missed += 1
  }

  private startOver(situation: Situation): void {
    situation.wins = 0
    situation.uses = 0
    situation.recheckEvery = this.rule.recheckEvery
  }

  /** What is remembered of a situation (tests): its winners' ids in the order they are tried, the streak, the re-check interval. */
  stateOf(key: number): { winners: number[]; wins: number; recheckEvery: number } | undefined {
    const situation = this.situations.get(key)
    return situation === undefined
      ? undefined
      : { winners: situation.winners.map((w) => w.id), wins: situation.wins, recheckEvery: situation.recheckEvery }
  }
}

/** True when winner `a` is tried before `b`: more literal units, or as many and a lower id. */
function triesBefore(a: Winner, b: Winner): boolean {
  return a.literalUnits > b.literalUnits || (a.literalUnits === b.literalUnits && a.id < b.id)
}
