/**
 * The `binary_semantic` body: the slot values of one template, after the frame header (method tag
 * and template id) that the framing code writes. Slots are written in placeholder order 0..n-1 with
 * their codecs; the last slot may run to the end of the body (a last string slot has no length).
 * A zero-slot template has an empty body.
 */
import { AuraError, ByteReader, ByteWriter, FrameError } from '../core/index.ts'
import { createMatcher, type TemplateMatcher } from './matcher.ts'
import { renderTemplate } from './pattern.ts'
import { preparedSizeBytes, slotCodecsOf, writePrepared } from './slot-codecs.ts'
import type { PreparedSlot } from './slot-kind.ts'
import type { Template, TemplateStore } from './store-types.ts'
import { textToBytes } from './text-bytes.ts'

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
 * be represented exactly by its slot type.
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
  for (const slot of prepared) writePrepared(writer, slot)
  return writer.toBytes()
}

/** The message text a body encodes for a template; throws FrameError (E_FRAME_TRUNCATED, _CORRUPT, _TRAILING). */
export function decodeTemplateBody(template: Template, body: Uint8Array): string {
  const codecs = slotCodecsOf(template)
  const reader = new ByteReader(body)
  const values: string[] = []
  for (let i = 0; i < codecs.length; i++) values.push((codecs[i] as (typeof codecs)[number]).read(reader, i === codecs.length - 1))
  reader.expectEnd()
  return renderTemplate(template, values)
}

const matchers = new WeakMap<TemplateStore, TemplateMatcher>()

function matcherOf(source: TemplateMatcher | TemplateStore): TemplateMatcher {
  if ('match' in source) return source
  let matcher = matchers.get(source)
  if (matcher === undefined) matchers.set(source, (matcher = createMatcher(source)))
  return matcher
}

/**
 * The smallest binary_semantic encoding of a message (body plus optional header size; ties: lowest id),
 * or undefined when no template matches with values its slots represent exactly.
 */
export function encodeBinarySemantic(source: TemplateMatcher | TemplateStore, message: string, options: BinarySemanticOptions = {}): BinarySemanticEncoding | undefined {
  let best: BinarySemanticEncoding | undefined
  let bestCost = Infinity
  for (const { template, values } of matcherOf(source).match(message)) {
    const body = encodeTemplateBody(template, values)
    if (body === undefined) continue
    const cost = body.length + (options.headerSizeBytes?.(template.id) ?? 0)
    if (cost < bestCost) {
      best = { templateId: template.id, body }
      bestCost = cost
    }
  }
  return best
}

/** UTF-8 bytes of the message a template id and body encode; throws FrameError (E_FRAME_UNKNOWN_TEMPLATE, ...). */
export function decodeBinarySemantic(store: TemplateStore, templateId: number, body: Uint8Array): Uint8Array {
  const template = store.byId.get(templateId)
  if (template === undefined) {
    throw new FrameError('E_FRAME_UNKNOWN_TEMPLATE', `template ${templateId} is not in store "${store.name}" (fingerprint ${store.fingerprint})`)
  }
  return textToBytes(decodeTemplateBody(template, body))
}
