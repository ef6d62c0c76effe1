/** The hybrid compressor's candidate frames: the template side (binary_semantic) and aura, weighed by selection.ts. */
import type { CompressorConfig, Method } from '../core/index.ts'
import { auraRecordsLimitBytes, decodeLimitBytes, writeMethodFrame, writeTemplateFrame } from '../codecs/index.ts'
import {
  ChoiceLearner,
  type ChoiceRule,
  createTemplateFrameEncoder,
  type RecheckGate,
  type TemplateFrameEncoder,
  type TemplateMatcher,
  type TemplateStore,
} from '../templates/index.ts'
import { encodeAuraPayload, type LineTemplater } from './aura.ts'
import type { CodecSet } from './codec-set.ts'
import { checkBytePrefix } from './store-identity.ts'

/** A candidate frame the policy weighed; the uncompressed frame is only written when it is chosen. */
export interface Candidate {
  method: Method
  sizeBytes: number
  frame?: Uint8Array
  templateId?: number
  auraHeaderBytes?: number
  /** binary_semantic: the learned choice's template sent it alone (it may be larger than the smallest) */
  alone?: boolean
}

/** What the compressor sends binary_semantic frames with: its matcher, and one frame encoder built with it. */
export interface TemplateSide {
  readonly matcher: TemplateMatcher
  readonly checkStore: TemplateStore | null
  readonly encoder: TemplateFrameEncoder
  /** the encoder's choice learner (a learning compressor's side), or null */
  readonly learner: ChoiceLearner | null
  /** with a learner: the side that always sends the smallest frame (the seed's rule decides with it where a frame sent alone lost) */
  readonly plain: TemplateSide | null
}

/** Stands in for the check byte of a template the check store lacks, so that losing candidates are only weighed, never refused. */
const NO_CHECK = new Uint8Array(1)

/**
 * The template side of a compressor, built once; with `checkStore` (store_check: frame) each frame's
 * check byte follows its header. `learnChoice`: its encoder learns which template keeps winning a
 * situation and tries it alone (templates/choice-learning.ts); only a learning compressor's is built so,
 * with the compressor's `gate` spacing its re-checks.
 */
export function createTemplateSide(
  matcher: TemplateMatcher | null,
  checkStore: TemplateStore | null,
  learnChoice: boolean | ChoiceRule = false,
  gate: RecheckGate | null = null,
  plain: TemplateSide | null = null,
): TemplateSide | null {
  if (matcher === null) return null
  // What precedes the body, and counts when templates are compared (ids above 16383 take a longer
  // header, which can change which template is smallest): the header, then the check byte if any.
  const checkOf = (id: number): Uint8Array =>
    checkStore === null ? NO_BODY : checkStore.byId.has(id) ? checkBytePrefix(checkStore, id) : NO_CHECK
  const learner = learnChoice === false ? null : new ChoiceLearner(learnChoice === true ? undefined : learnChoice, gate)
  const encoder = createTemplateFrameEncoder(matcher, (id) => writeTemplateFrame(id, checkOf(id)), {
    learnChoice: learner ?? false,
  })
  return { matcher, checkStore, encoder, learner, plain: learner === null ? null : plain }
}

const NO_BODY = new Uint8Array(0)

/** The smallest template frame of a message, or undefined when no template encodes it. */
export function binaryCandidate(templates: TemplateSide, text: string, bytes: Uint8Array): Candidate | undefined {
  // a frame sent alone is a learned use (counted as tried) that did not miss
  const { learner } = templates
  const sentBefore = learner === null ? 0 : learner.counts.tried - learner.counts.missed
  const encoded = templates.encoder.encode(text, bytes)
  if (encoded === undefined) return undefined
  // a winner the check store lacks (a matcher built from another store) is refused as before: E_INTERNAL
  const { checkStore } = templates
  if (checkStore !== null && !checkStore.byId.has(encoded.templateId)) checkBytePrefix(checkStore, encoded.templateId)
  return {
    method: 'binary_semantic',
    sizeBytes: encoded.frame.length,
    frame: encoded.frame,
    templateId: encoded.templateId,
    alone: learner !== null && learner.counts.tried - learner.counts.missed > sentBefore,
  }
}

/** The aura frame, or undefined when it is past its decode budget (then the decoder would refuse it). */
export function auraCandidate(
  config: CompressorConfig,
  message: Uint8Array,
  templater: LineTemplater | undefined,
  codecs: CodecSet,
): Candidate | undefined {
  const aura = encodeAuraPayload(message, templater, codecs.auraBody)
  const frame = writeMethodFrame('aura', aura.payload)
  if (
    message.length > decodeLimitBytes(frame.length, config.maxMessageBytes) ||
    aura.recordsBytes > auraRecordsLimitBytes(frame.length, config.maxMessageBytes)
  )
    return undefined
  return { method: 'aura', sizeBytes: frame.length, frame, auraHeaderBytes: aura.headerBytes + 1 }
}

/** What aura asks of the templates: the first match of a line, as pattern and values. */
export function createLineTemplater(matcher: TemplateMatcher | null): LineTemplater | undefined {
  if (matcher === null) return undefined
  return (line) => {
    const hit = matcher.match(line)[0]
    return hit === undefined ? undefined : { pattern: hit.template.pattern, values: hit.values }
  }
}
