/**
 * The `binary_semantic` body: the slot values of one template, after the frame header (method tag
 * and template id) that the framing code writes. Slots are written in placeholder order 0..n-1 with
 * their codecs; the last slot may run to the end of the body (a last string slot has no length).
 * A zero-slot template has an empty body.
 */
import { AuraError, ByteReader, ByteWriter, describeArgument, FrameError, wrongArgument } from '../core/index.ts'
import { createMatcher, whileCallingOut, type TemplateMatcher } from './matcher.ts'
import { allocBytes } from './byte-slab.ts'
import { renderTemplate } from './pattern.ts'
import { INTEGER_DIGITS, preparedSizeBytes, slotCodecsOf } from './slot-codecs.ts'
import type { PreparedSlot } from './slot-encoding.ts'
import { stringSpan } from './slot-kind.ts'
import { digitCount, integerDigits } from './slot-numbers.ts'
import type { Template, TemplateStore } from './store-types.ts'
import { TemplateChooser, matcherOf } from './template-encoder.ts'
import { textToBytes, utf8SizeBytes, writeText } from './text-bytes.ts'
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
const sharedChooser = new TemplateChooser()
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
 * does (matcher.matchSpecific: fewest slots first, twins that cannot win skipped), so on a message that
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
  const chooser = owned ? sharedChooser : new TemplateChooser()
  if (owned) sharedChooserBusy = true
  try {
    const given = options.headerSizeBytes
    // the user's callback may not use this matcher while its spans are held (matcher.ts whileCallingOut)
    const headerSizeBytes =
      given === undefined
        ? noHeader
        : (id: number) =>
            checkedHeaderSize(
              whileCallingOut(matcher, () => given(id)),
              id,
            )
    const matches = matcher.matchSpecific(message, undefined, headerSizeBytes)
    if (matches.length === 0 || !chooser.choose(message, matches, headerSizeBytes)) return undefined
    const body = new Uint8Array(chooser.bodyBytes)
    chooser.writeBody(body, 0)
    return { templateId: chooser.templateId, body }
  } finally {
    if (owned) sharedChooserBusy = false
  }
}

/** UTF-8 bytes of the message a template id and body encode; throws FrameError (E_FRAME_UNKNOWN_TEMPLATE, ...). */
export function decodeBinarySemantic(store: TemplateStore, templateId: number, body: Uint8Array): Uint8Array {
  const template = store.byId.get(templateId)
  if (template === undefined) {
    throw new FrameError(
      'E_FRAME_UNKNOWN_TEMPLATE',
      `template ${templateId} is not in store "${store.name}" (fingerprint ${store.fingerprint})`,
    )
  }
  return decodeTemplateBytes(template, body)
}

const literalBytes = new WeakMap<Template, readonly Uint8Array[]>()

/** The UTF-8 of a template's literals, prepared once per template. */
function literalBytesOf(template: Template): readonly Uint8Array[] {
  let bytes = literalBytes.get(template)
  if (bytes === undefined) literalBytes.set(template, (bytes = template.literals.map(textToBytes)))
  return bytes
}

/** Slot values of the body being decoded, or undefined for a string left in the body at its span (decoding never re-enters itself). */
const valuesScratch: (string | undefined)[] = []
/** Body offset and length in bytes of each string value left in the body (2 x slot, 2 x slot + 1). */
let spansScratch = new Int32Array(32)

/** Magnitude of each integer value left at integerDigits, by slot. */
let magnitudesScratch = new Float64Array(32)

/** Writes an integer's text at `at`: the sign and zeros of `signZeros` (sign code << 8 | zeros), then `magnitude` padded to `digits` digits; returns the offset after it. */
function writeDigits(out: Uint8Array, at: number, signZeros: number, digits: number, magnitude: number): number {
  let end = at
  if (signZeros >> 8 !== 0) out[end++] = signZeros >> 8
  for (let z = signZeros & 0xff; z > 0; z--) out[end++] = 0x30
  end += digits
  let v = magnitude
  for (let i = end - 1; i >= end - digits; i--) {
    const next = Math.floor(v / 10)
    out[i] = 0x30 + (v - next * 10)
    v = next
  }
  return end
}

/**
 * decodeTemplateBody's message as UTF-8 bytes, written once into a buffer of its exact size: the
 * literals are copied from a byte table prepared per template, string values copied from the body as
 * they are (checked, never decoded to text), integers written digit by digit (never built as text),
 * other values written as UTF-8 in place.
 */
function decodeTemplateBytes(template: Template, body: Uint8Array): Uint8Array {
  const codecs = slotCodecsOf(template)
  const reader = new ByteReader(body)
  const last = codecs.length - 1
  if (spansScratch.length < 2 * codecs.length) spansScratch = new Int32Array(2 * codecs.length)
  let sizeBytes = 0
  if (magnitudesScratch.length < codecs.length) magnitudesScratch = new Float64Array(2 * codecs.length)
  for (let i = 0; i < codecs.length; i++) {
    const value = (codecs[i] as (typeof codecs)[number]).readSpan(reader, i === last)
    valuesScratch[i] = value
    if (value === undefined) {
      spansScratch[2 * i] = stringSpan.start
      spansScratch[2 * i + 1] = stringSpan.lengthBytes
      sizeBytes += stringSpan.lengthBytes
    } else if (value === INTEGER_DIGITS) {
      // sign and leading zeros in the span pair (sign code << 8 | zeros: at most 60 zeros), digits padded to width
      const { sign, zeros, magnitude, width } = integerDigits
      const digits = Math.max(digitCount(magnitude), width)
      spansScratch[2 * i] = (sign << 8) | zeros
      spansScratch[2 * i + 1] = digits
      magnitudesScratch[i] = magnitude
      sizeBytes += (sign === 0 ? 0 : 1) + zeros + digits
    } else sizeBytes += utf8SizeBytes(value)
  }
  reader.expectEnd()
  const literals = literalBytesOf(template)
  for (const literal of literals) sizeBytes += literal.length
  const out = allocBytes(sizeBytes)
  const { textOrder } = template
  let at = 0
  for (let k = 0; k <= textOrder.length; k++) {
    const literal = literals[k] as Uint8Array
    for (let i = 0; i < literal.length; i++) out[at + i] = literal[i] as number
    at += literal.length
    if (k === textOrder.length) break
    const slot = textOrder[k] as number
    const value = valuesScratch[slot]
    if (value === INTEGER_DIGITS) {
      at = writeDigits(
        out,
        at,
        spansScratch[2 * slot] as number,
        spansScratch[2 * slot + 1] as number,
        magnitudesScratch[slot] as number,
      )
      continue
    }
    if (value !== undefined) {
      at = writeText(value, out, at)
      continue
    }
    const start = spansScratch[2 * slot] as number
    const lengthBytes = spansScratch[2 * slot + 1] as number
    for (let i = 0; i < lengthBytes; i++) out[at + i] = body[start + i] as number
    at += lengthBytes
  }
  // not emptied (setting the length to 0 made every call regrow its backing store): each call writes
  // the slots it reads first, and what stays behind is a few short strings
  return out
}
