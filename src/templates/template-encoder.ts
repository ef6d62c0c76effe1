/**
 * Chooses the smallest binary_semantic encoding of a message and writes it with one allocation:
 * the slot values of each matching template, ranges of the message that are never taken out as
 * strings, are encoded into reusable SlotEncodings (heads, a few tail bytes, string values kept as
 * ranges of the message), which give the size before any byte is written; a template
 * that cannot beat the best so far is dropped as soon as a lower bound (the sizes of the values
 * another match encoded under the same slot spec, the least the others' lengths allow), or its slots
 * encoded so far, reach the best size; only the winner is written, straight into its frame.
 * The result is the same as encoding every match in full and keeping the smallest (ties: lowest id);
 * the frame encoder matches through matchEachSpecific (SpecificChoice), which leaves out the twins that
 * cannot win and the candidates whose bound before matching cannot (match-order.ts).
 * Before that, a message with one candidate goes to that template's compiled form (template-compiled.ts),
 * which splits it and writes its frame straight into the output when it can decide as this path would;
 * and a single match is written by its compiled slot writers, not the chooser.
 */
import { AuraError, tryDecodeUtf8 } from '../core/index.ts'
import { abandonSlab, allocBytes, commitSlab, reserveSlab, slabBytes } from './byte-slab.ts'
import { createMatcher, type MatchChooser, type TemplateMatcher, type TemplateSpans } from './matcher.ts'
import { whileCallingOut } from './matcher-reentry.ts'
import type { SlotCodec } from './slot-codecs.ts'
import { SlotEncoding } from './slot-encoding.ts'
import type { Template, TemplateStore } from './store-types.ts'
import { boundOfMatch, MatchOrder, SlotMemo, slotBounds, slotPlanOf } from './template-bounds.ts'
import { hasLoneSurrogate } from './text-bytes.ts'
import { bodyRoomBytes, compiledTemplateOf, REFUSED, UNDECIDED, type CompiledTemplate } from './template-compiled.ts'

/** A chosen template and its whole frame (prefix + slot body). */
export interface TemplateFrame {
  readonly templateId: number
  readonly frame: Uint8Array
}

/** Encodes messages to whole frames; see createTemplateFrameEncoder. */
export interface TemplateFrameEncoder {
  /** The smallest frame of the message (ties: lowest id), or undefined when no template matches with values its slots represent exactly. `bytes`, when given, are its UTF-8. */
  encode(message: string, bytes?: Uint8Array): TemplateFrame | undefined
  /** encode of the text these UTF-8 bytes hold; undefined also when they are not UTF-8. A message no template can match is refused before it is decoded. */
  encodeBytes(bytes: Uint8Array): TemplateFrame | undefined
}

const matchers = new WeakMap<TemplateStore, TemplateMatcher>()

/** The matcher itself, or the one built (once) for a store. */
export function matcherOf(source: TemplateMatcher | TemplateStore): TemplateMatcher {
  if ('match' in source) return source
  let matcher = matchers.get(source)
  if (matcher === undefined) matchers.set(source, (matcher = createMatcher(source)))
  return matcher
}

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

/**
 * A choice among a message's specific matches as the matcher finds them (matchEachSpecific), the same
 * as TemplateChooser's among all of them. The matches are kept, not encoded, until the matcher asks
 * whether a candidate's bound can still win (a header fallback, tried after the others): the chooser
 * then chooses among those so far and takes each later match as it comes, and the candidate is not
 * matched when its bound plus header cannot beat the best frame (smaller, or as small with a lower
 * id). Otherwise the chooser chooses among all of them at the end (`settle`), or, when there is one,
 * the frame encoder's compiled writers write it (`lone`).
 * With `writeLone` (the frame encoder's compiled writers), a lone match kept when the first bound is
 * asked about is written at once instead of chosen: its frame's size is what the chooser's would be
 * (the writers write the chooser's bytes or nothing), so the same candidates are refused; the frame is
 * `written` when no later match comes, and dropped for the chooser when one does.
 */
export class SpecificChoice implements MatchChooser {
  readonly chooser = new TemplateChooser()
  private readonly kept: TemplateSpans[] = []
  /** true once the chooser has had the matches kept (later ones go straight to it) */
  private started = false
  private message = ''
  private headerSizeBytes: (templateId: number) => number = () => 0
  /** the lone match's frame written by writeLone, while no other match has come */
  private loneFrame: TemplateFrame | undefined = undefined

  /** `writeLone`: the whole frame of a match (header and body, as headerSizeBytes counts them), or undefined when its writers cannot decide. */
  constructor(private readonly writeLone?: (match: TemplateSpans, message: string) => TemplateFrame | undefined) {}

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
    this.loneFrame = undefined
    matcher.matchEachSpecific(message, bytes, headerSizeBytes, this)
  }

  /** The message's only match when the chooser has not seen it (nothing was asked of it, or writeLone wrote it). */
  get lone(): TemplateSpans | undefined {
    return !this.started && this.kept.length === 1 ? this.kept[0] : undefined
  }

  /** The lone match's frame when writeLone wrote it (then it is the choice). */
  get written(): TemplateFrame | undefined {
    return this.loneFrame
  }

  /** Chooses among the matches not chosen among yet; true when the chooser holds a choice. */
  settle(): boolean {
    if (!this.started) this.start(false)
    return this.chooser.sizeBytes !== Infinity
  }

  take(match: TemplateSpans): void {
    if (this.loneFrame !== undefined) {
      // another match after all: the chooser chooses, as it would have from the first bound asked
      this.loneFrame = undefined
      this.start(true)
    }
    if (this.started) this.chooser.offer(this.message, match, this.headerSizeBytes(match.template.id), true)
    else this.kept.push(match)
  }

  refuses(templateId: number, boundBytes: number): boolean {
    if (!this.started) {
      if (this.loneFrame === undefined && this.writeLone !== undefined && this.kept.length === 1)
        this.loneFrame = this.writeLone(this.kept[0] as TemplateSpans, this.message)
      if (this.loneFrame === undefined) this.start(true)
    }
    const sizeBytes = this.headerSizeBytes(templateId) + boundBytes
    const { chooser, loneFrame } = this
    return loneFrame !== undefined
      ? beats(loneFrame.frame.length, loneFrame.templateId, sizeBytes, templateId)
      : beats(chooser.sizeBytes, chooser.templateId, sizeBytes, templateId)
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

/** compiledFrame's answer when no candidate can match. */
const NO_FRAME = Symbol('no frame')

/**
 * An encoder of whole frames: `framePrefix(templateId)` gives the bytes before a template's body
 * (the frame header, and a check byte if any; asked once per id and kept), and its length counts
 * when templates are compared. Each call allocates the frame and little else.
 */
export function createTemplateFrameEncoder(
  source: TemplateMatcher | TemplateStore,
  framePrefix: (templateId: number) => Uint8Array,
): TemplateFrameEncoder {
  const matcher = matcherOf(source)
  const prefixes = new Map<number, Uint8Array>()
  const prefixOf = (templateId: number): Uint8Array => {
    let prefix = prefixes.get(templateId)
    if (prefix === undefined)
      prefixes.set(templateId, (prefix = whileCallingOut(matcher, () => framePrefix(templateId))))
    return prefix
  }
  const prefixBytes = (templateId: number): number => prefixOf(templateId).length
  /** A match's frame written by its compiled template (SpecificChoice's writeLone). */
  const writeMatch = (match: TemplateSpans, message: string): TemplateFrame | undefined => {
    const { template, spans } = match
    return written(template.id, prefixOf(template.id), compiledTemplateOf(template), message, spans)
  }
  const choice = new SpecificChoice(writeMatch)
  const { chooser } = choice
  /**
   * The frame of the message's only candidate, written by its compiled template straight into the
   * output slab: undefined when the general path must decide, NO_FRAME when the template cannot match.
   */
  const compiledFrame = (template: Template, message: string): TemplateFrame | typeof NO_FRAME | undefined => {
    // a prefix not asked yet: the general path asks (a framePrefix callback could encode with this template)
    const prefix = prefixes.get(template.id)
    if (prefix === undefined) return undefined
    const compiled = compiledTemplateOf(template)
    const split = compiled.split(message)
    if (split === REFUSED) return NO_FRAME
    if (split === UNDECIDED) return undefined
    return written(template.id, prefix, compiled, message, undefined)
  }
  /** The frame of a template's split (the compiled one, or `spans`) written straight into the output slab; undefined when its writers cannot. */
  const written = (
    templateId: number,
    prefix: Uint8Array,
    compiled: CompiledTemplate,
    message: string,
    spans: Int32Array | undefined,
  ): TemplateFrame | undefined => {
    const roomBytes = prefix.length + bodyRoomBytes(compiled, message.length)
    const start = reserveSlab(roomBytes)
    if (start === -1) return undefined
    const out = slabBytes()
    for (let i = 0; i < prefix.length; i++) out[start + i] = prefix[i] as number
    const at = start + prefix.length
    const end =
      spans === undefined ? compiled.writeBody(message, out, at) : compiled.writeSpans(message, spans, out, at)
    if (end >= 0) return { templateId, frame: commitSlab(end - start) }
    abandonSlab(roomBytes)
    return undefined
  }
  const encode = (message: string, bytes?: Uint8Array): TemplateFrame | undefined => {
    // the compiled templates decide when they can (most lines of most stores)
    if (bytes !== undefined && !hasLoneSurrogate(message, bytes)) {
      const candidates = matcher.selection(message, bytes)
      if (candidates.length === 0) return undefined
      if (candidates.length === 1) {
        const frame = compiledFrame((candidates[0] as { readonly template: Template }).template, message)
        if (frame !== undefined) return frame === NO_FRAME ? undefined : frame
      }
    }
    choice.match(matcher, message, bytes, prefixBytes)
    const { written: lonelyFrame } = choice
    if (lonelyFrame !== undefined) return lonelyFrame
    // one match (a specific template whose twins cannot beat it): its values written by its compiled template
    const { lone } = choice
    if (lone !== undefined) {
      const { template, spans } = lone
      const frame = written(template.id, prefixOf(template.id), compiledTemplateOf(template), message, spans)
      if (frame !== undefined) return frame
    }
    if (!choice.settle()) return undefined
    const prefix = prefixOf(chooser.templateId)
    const frame = allocBytes(prefix.length + chooser.bodyBytes)
    for (let i = 0; i < prefix.length; i++) frame[i] = prefix[i] as number
    chooser.writeBody(frame, prefix.length)
    return { templateId: chooser.templateId, frame }
  }
  return {
    encode,
    encodeBytes(bytes) {
      if (!matcher.mayMatchBytes(bytes)) return undefined
      const text = tryDecodeUtf8(bytes)
      return text === undefined ? undefined : encode(text, bytes)
    },
  }
}
