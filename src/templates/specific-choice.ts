/**
 * The frame encoder's choice among a message's specific matches as the matcher finds them
 * (matchEachSpecific): the same template as TemplateChooser's among all of them (the smallest frame,
 * ties lowest id). The matches are kept, not encoded, until the matcher asks whether a candidate's
 * bound can still win (a header fallback, tried after the others), or until the end (`settle`).
 * Then, with a frame writer (the frame encoder's compiled writers), each match kept, and each later
 * one, is written into a scratch frame and the smallest kept (a frame is left unfinished once the
 * values written and the least the others take cannot beat the best so far); the writers write the
 * chooser's bytes or nothing, so the frame is the chooser's. When a writer cannot decide (it returns false),
 * or without a writer (encodeBinarySemantic), the chooser chooses among the matches so far and takes
 * each later one as it comes. A candidate is not matched when its bound plus header cannot beat the
 * best frame so far (smaller, or as small with a lower id).
 */
import type { MatchChooser, TemplateMatcher, TemplateSpans } from './matcher.ts'
import { TemplateChooser } from './template-chooser.ts'

/** A whole frame (header and body) written by a FrameWriter into a scratch of its own. */
export class WrittenFrame {
  /** the frame is bytes[0, sizeBytes) */
  bytes = new Uint8Array(256)
  /** Infinity while none is written */
  sizeBytes = Infinity
  templateId = -1

  /** The scratch, grown to at least `roomBytes`. */
  room(roomBytes: number): Uint8Array {
    if (this.bytes.length < roomBytes) this.bytes = new Uint8Array(Math.max(roomBytes, 2 * this.bytes.length))
    return this.bytes
  }
}

/**
 * Writes a match's whole frame (header and body, as headerSizeBytes counts them) into `into`, setting
 * its size and template id; false when its writers cannot decide (the chooser decides then). A frame
 * found to take more than `stopAt` bytes (it cannot win) may be left unfinished, its size Infinity.
 */
export type FrameWriter = (match: TemplateSpans, message: string, into: WrittenFrame, stopAt: number) => boolean

export class SpecificChoice implements MatchChooser {
  readonly chooser = new TemplateChooser()
  private readonly kept: TemplateSpans[] = []
  /** true once the chooser has had the matches kept (later ones go straight to it) */
  private started = false
  /** true while every match kept is written, the smallest frame in `best` */
  private writing = false
  private best = new WrittenFrame()
  private trial = new WrittenFrame()
  private message = ''
  private headerSizeBytes: (templateId: number) => number = () => 0

  constructor(private readonly writeFrame?: FrameWriter) {}

  /** Matches the message (`bytes`: its UTF-8, if known) and chooses as far as the matcher needs. */
  match(
    matcher: TemplateMatcher,
    message: string,
    bytes: Uint8Array | undefined,
    headerSizeBytes: (templateId: number) => number,
  ): void {
    this.message = message
    this.headerSizeBytes = headerSizeBytes
    this.kept.length = 0
    this.started = false
    this.writing = false
    matcher.matchEachSpecific(message, bytes, headerSizeBytes, this)
  }

  /** The message's only match when nothing has chosen yet (the frame encoder writes it straight into its output). */
  get lone(): TemplateSpans | undefined {
    return !this.started && !this.writing && this.kept.length === 1 ? this.kept[0] : undefined
  }

  /** The chosen frame when the writer wrote every match (after settle), else undefined (the chooser holds the choice). */
  get written(): WrittenFrame | undefined {
    return this.writing ? this.best : undefined
  }

  /** Chooses among the matches not chosen among yet; true when a choice is held (`written`, else the chooser's). */
  settle(): boolean {
    if (this.writing) return true
    if (!this.started) {
      if (this.writeKept()) return true
      this.start(false)
    }
    return this.chooser.sizeBytes !== Infinity
  }

  take(match: TemplateSpans): void {
    if (this.started) {
      this.chooser.offer(this.message, match, this.headerSizeBytes(match.template.id), true)
      return
    }
    this.kept.push(match)
    if (this.writing && !this.writeOne(match)) {
      this.writing = false
      this.start(true)
    }
  }

  refuses(templateId: number, boundBytes: number): boolean {
    if (!this.started && !this.writing && !this.writeKept()) this.start(true)
    const sizeBytes = this.headerSizeBytes(templateId) + boundBytes
    const { best, chooser } = this
    return this.writing
      ? beats(best.sizeBytes, best.templateId, sizeBytes, templateId)
      : beats(chooser.sizeBytes, chooser.templateId, sizeBytes, templateId)
  }

  /** Writes every match kept (at least one), keeping the smallest frame; false when there is no writer or one cannot decide. */
  private writeKept(): boolean {
    if (this.writeFrame === undefined || this.kept.length === 0) return false
    this.best.sizeBytes = Infinity
    this.best.templateId = -1
    for (const match of this.kept) if (!this.writeOne(match)) return false
    this.writing = true
    return true
  }

  /**
   * Writes one match into the trial frame, kept as the best when smaller (or as small, with a lower
   * id); a frame that cannot be is left unfinished.
   */
  private writeOne(match: TemplateSpans): boolean {
    const { best, trial } = this
    const { id } = match.template
    const stopAt = best.sizeBytes === Infinity ? Infinity : id < best.templateId ? best.sizeBytes : best.sizeBytes - 1
    if (!(this.writeFrame as FrameWriter)(match, this.message, trial, stopAt)) return false
    if (beats(trial.sizeBytes, trial.templateId, best.sizeBytes, best.templateId)) {
      this.best = trial
      this.trial = best
    }
    return true
  }

  /** The chooser's choice among the matches kept; `more`: others may follow. */
  private start(more: boolean): void {
    this.started = true
    this.chooser.choose(this.message, this.kept, this.headerSizeBytes, more || this.kept.length > 1)
  }
}

/** True when a frame of `bestBytes` (template `bestId`) wins over any of at least `sizeBytes` from template `templateId` (ties: the lower id). */
function beats(bestBytes: number, bestId: number, sizeBytes: number, templateId: number): boolean {
  return sizeBytes > bestBytes || (sizeBytes === bestBytes && templateId > bestId)
}
