/**
 * The `binary_semantic` body: the slot values of one template, after the frame header (method tag
 * and template id) that the framing code writes. Slots are written in placeholder order 0..n-1 with
 * their codecs; the last slot may run to the end of the body (a last string slot has no length).
 * A zero-slot template has an empty body.
 */
import { AuraError, ByteReader, ByteWriter, describeArgument, wrongArgument } from '../core/index.ts'
import { createMatcher, type TemplateMatcher } from './matcher.ts'
import { whileCallingOut } from './matcher-reentry.ts'
import { renderTemplate } from './pattern.ts'
import { preparedSizeBytes, slotCodecsOf } from './slot-codecs.ts'
import type { PreparedSlot } from './slot-encoding.ts'
import type { Template, TemplateStore } from './store-types.ts'
import { SpecificChoice } from './specific-choice.ts'
import { matcherOf } from './template-encoder.ts'
import { writeHead } from './varint-heads.ts'

/** What encodeBinarySemantic chose: the template and the body that follows the frame header. */
export interface BinarySemanticEncoding {
  readonly templateId: number
  readonly body: Uint8Array
}

/** Options of encodeBinarySemantic. */
export interface BinarySemanticOptions {
  /** frame header size per template id, added to the body when comparing templates; default 0 */
  readonly headerSizeBytes?: (templateId: number) => number
}

/**
 * Body of a template's slot values (indexed by placeholder number), or undefined when a value cannot
 * be represented exactly by its slot type. The plain way (a prepared object per slot, then a
 * writer); the frame encoder writes the same bytes with fewer allocations.
 */
export function encodeTemplateBody(template: Template, values: readonly string[]): Uint8Array | undefined {
  const codecs = slotCodecsOf(template)
  if (values.length !== codecs.length) {
    throw new AuraError('E_INTERNAL', `template ${template.id} has ${codecs.length} slots, got ${values.length} values`)
  }
  const prepared: PreparedSlot[] = []
  let sizeBytes = 0
  for (let i = 0; i < codecs.length; i++) {
    const slot = (codecs[i] as (typeof codecs)[number]).prepare(values[i] as string, i === codecs.length - 1)
    if (slot === undefined) return undefined
    prepared.push(slot)
    sizeBytes += preparedSizeBytes(slot)
  }
  const writer = new ByteWriter(Math.max(1, sizeBytes))
  for (const slot of prepared) {
    if (slot.head !== undefined) writeHead(writer, slot.head)
    writer.bytes(slot.tail)
  }
  return writer.toBytes()
}

/** The message text a body encodes for a template; throws FrameError (E_FRAME_TRUNCATED, _CORRUPT, _TRAILING). */
export function decodeTemplateBody(template: Template, body: Uint8Array): string {
  const codecs = slotCodecsOf(template)
  const reader = new ByteReader(body)
  const values: string[] = []
  for (let i = 0; i < codecs.length; i++)
    values.push((codecs[i] as (typeof codecs)[number]).read(reader, i === codecs.length - 1))
  reader.expectEnd()
  return renderTemplate(template, values)
}

const noHeader = (): number => 0
/** The matcher of a call made from inside a headerSizeBytes callback, made once per store. */
const nestedMatchers = new WeakMap<TemplateStore, TemplateMatcher>()

function nestedMatcherOf(store: TemplateStore): TemplateMatcher {
  let matcher = nestedMatchers.get(store)
  if (matcher === undefined) nestedMatchers.set(store, (matcher = createMatcher(store)))
  return matcher
}
/** Reused by every call but one made from inside a headerSizeBytes callback. */
const sharedChoice = new SpecificChoice()
let sharedChooserBusy = false

/** E_USAGE for a library call with arguments of the wrong kind (a TypeError from deep inside said nothing). */
function checkArguments(message: unknown, options: unknown): void {
  if (typeof message !== 'string') throw wrongArgument('encodeBinarySemantic takes the message as a string', message)
  if (options === null || typeof options !== 'object')
    throw wrongArgument("encodeBinarySemantic's options must be an object", options)
  const given = (options as BinarySemanticOptions).headerSizeBytes
  if (given !== undefined && typeof given !== 'function')
    throw wrongArgument('options.headerSizeBytes must be a function of the template id', given)
}

/** A header size from the user's callback: a whole number of bytes from 0 up, else E_USAGE (NaN chose the wrong template). */
function checkedHeaderSize(bytes: unknown, templateId: number): number {
  if (typeof bytes === 'number' && Number.isInteger(bytes) && bytes >= 0) return bytes
  throw new AuraError(
    'E_USAGE',
    `options.headerSizeBytes(${templateId}) returned ${typeof bytes === 'number' ? String(bytes) : describeArgument(bytes)}: it must be a whole number of bytes, 0 or more`,
  )
}

/**
 * The smallest binary_semantic encoding of a message (body plus optional header size; ties: lowest id),
 * or undefined when no template matches with values its slots represent exactly.
 * createTemplateFrameEncoder writes the whole frame with one allocation. Matches as the frame encoder
 * does (SpecificChoice: least bound first, twins and bounds that cannot win skipped), so on a message that
 * spends the per-message step budget the template chosen is the frame encoder's. `headerSizeBytes`
 * must not use `source`'s matcher (E_USAGE); it may call encodeBinarySemantic, which then uses its own.
 */
export function encodeBinarySemantic(
  source: TemplateMatcher | TemplateStore,
  message: string,
  options: BinarySemanticOptions = {},
): BinarySemanticEncoding | undefined {
  checkArguments(message, options)
  const owned = !sharedChooserBusy
  // a call from inside a headerSizeBytes callback gets a chooser and a matcher of its own: the outer
  // call's matches are ranges the matcher keeps, which its next call would overwrite
  const matcher = owned ? matcherOf(source) : nestedMatcherOf(matcherOf(source).store)
  const choice = owned ? sharedChoice : new SpecificChoice()
  if (owned) sharedChooserBusy = true
  try {
    const given = options.headerSizeBytes
    // the user's callback may not use this matcher while its spans are held (matcher-reentry.ts whileCallingOut)
    const headerSizeBytes =
      given === undefined
        ? noHeader
        : (id: number) =>
            checkedHeaderSize(
              whileCallingOut(matcher, () => given(id)),
              id,
            )
    choice.match(matcher, message, undefined, headerSizeBytes)
    if (!choice.settle()) return undefined
    const { chooser } = choice
    const body = new Uint8Array(chooser.bodyBytes)
    chooser.writeBody(body, 0)
    return { templateId: chooser.templateId, body }
  } finally {
    if (owned) sharedChooserBusy = false
  }
}

// decodeBinarySemantic (a body -> its message's bytes, from a plan prepared per template) lives in decode-bytes.ts
export { decodeBinarySemantic } from './decode-bytes.ts'
