/**
 * Chooses the smallest binary_semantic encoding of a message and writes it with one allocation:
 * the slot values of each matching template are encoded into reusable SlotEncodings (heads, a few
 * tail bytes, strings kept as strings), which give the size before any byte is written; a template
 * that cannot beat the best so far is dropped as soon as a lower bound from its values' lengths, or
 * its slots encoded so far, reach the best size; only the winner is written, straight into its frame.
 * The result is the same as encoding every match in full and keeping the smallest (ties: lowest id).
 */
import { AuraError, tryDecodeUtf8 } from '../core/index.ts'
import { allocBytes } from './byte-slab.ts'
import { createMatcher, type TemplateMatch, type TemplateMatcher } from './matcher.ts'
import { slotCodecsOf, type SlotCodec } from './slot-codecs.ts'
import { SlotEncoding } from './slot-encoding.ts'
import type { TemplateStore } from './store-types.ts'

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
  /** the chosen template's id (valid after choose returned true) */
  templateId = -1
  /** its body size in bytes */
  bodyBytes = 0

  /** Chooses among matches (ascending id), the header of each counted as `headerSizeBytes(id)`; false when none encodes. */
  choose(matches: readonly TemplateMatch[], headerSizeBytes: (templateId: number) => number): boolean {
    let bestSizeBytes = Infinity
    for (const match of matches) {
      const headerBytes = headerSizeBytes(match.template.id)
      const bodyBytes = this.tryBody(match, bestSizeBytes - headerBytes)
      if (bodyBytes === undefined) continue
      const tried = this.trial
      this.trial = this.best
      this.best = tried
      this.bestSlots = match.values.length
      this.templateId = match.template.id
      this.bodyBytes = bodyBytes
      bestSizeBytes = headerBytes + bodyBytes
    }
    return bestSizeBytes !== Infinity
  }

  /** Writes the chosen body at `offset` (the caller has sized `out`); returns the offset after it. */
  writeBody(out: Uint8Array, offset: number): number {
    let at = offset
    for (let i = 0; i < this.bestSlots; i++) at = (this.best[i] as SlotEncoding).write(out, at)
    return at
  }

  /** Body size of a match with its slots encoded in `trial`, or undefined when refused or not below `limitBytes`. */
  private tryBody(match: TemplateMatch, limitBytes: number): number | undefined {
    const { template, values } = match
    const codecs = slotCodecsOf(template)
    if (values.length !== codecs.length) {
      throw new AuraError(
        'E_INTERNAL',
        `template ${template.id} has ${codecs.length} slots, got ${values.length} values`,
      )
    }
    if (limitBytes !== Infinity && lowerBoundBytes(codecs, values) >= limitBytes) return undefined
    while (this.trial.length < codecs.length) this.trial.push(new SlotEncoding())
    const lastIndex = codecs.length - 1
    let sizeBytes = 0
    for (let i = 0; i < codecs.length; i++) {
      const out = (this.trial[i] as SlotEncoding).reset()
      if (!(codecs[i] as SlotCodec).encode(values[i] as string, i === lastIndex, out)) return undefined
      sizeBytes += out.sizeBytes()
      if (sizeBytes >= limitBytes) return undefined
    }
    return sizeBytes
  }
}

/** A lower bound on the body size of any encoding of these values, from their lengths alone. */
function lowerBoundBytes(codecs: readonly SlotCodec[], values: readonly string[]): number {
  let bytes = 0
  const lastIndex = codecs.length - 1
  for (let i = 0; i < codecs.length; i++)
    bytes += (codecs[i] as SlotCodec).minSizeBytes(values[i] as string, i === lastIndex)
  return bytes
}

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
    if (prefix === undefined) prefixes.set(templateId, (prefix = framePrefix(templateId)))
    return prefix
  }
  const prefixBytes = (templateId: number): number => prefixOf(templateId).length
  const chooser = new TemplateChooser()
  const encode = (message: string, bytes?: Uint8Array): TemplateFrame | undefined => {
    const matches = matcher.match(message, bytes)
    if (matches.length === 0 || !chooser.choose(matches, prefixBytes)) return undefined
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
