/**
 * A binary_semantic body -> the UTF-8 of its message, written once into an output slab (byte-sink.ts).
 *
 * Each template gets, once, a decode plan: its literals and its enums' listed values as one byte table,
 * and per slot a small op (what kind of slot, and where its values sit in the table). The plan's loop
 * decodes the values most log lines carry in place (a listed enum value, a small integer without sign or
 * leading zeros, a non-empty ASCII string, a fixed-width number), with no call per slot; any other
 * value, and any body that is not as it should be, goes to its slot's codec (slot-codecs.ts readInto)
 * from the same offset, which decodes it or throws exactly as decodeTemplateBody would (same bytes
 * read, same errors). A template whose placeholders are not in text order reads its slots through the
 * codecs into a scratch first, then puts them in place.
 */
import { ByteReader, FrameError } from '../core/index.ts'
import { allocBytes } from '../core/index.ts'
import { ByteSink } from './byte-sink.ts'
import { type SlotCodec, slotCodecsOf } from './slot-codecs.ts'
import type { TemplateStore } from './store-types.ts'
import { textToBytes } from './text-bytes.ts'
import { type DecodePlan, Op as PLAN_OP, OP_INTS as PLAN_OP_INTS, planOf } from './decode-plan.ts'

/** the plan's op codes as this module's own constants (an imported binding is read through its module cell on every use) */
const Op = PLAN_OP
const OP_INTS = PLAN_OP_INTS

/** Most template ids whose plans a store keeps in an array (ids above are looked up each call). */
const MAX_PLANNED_ID = 1 << 16

/** UTF-8 bytes of the message a template id and body encode; throws FrameError (E_FRAME_UNKNOWN_TEMPLATE, ...). */
export function decodeBinarySemantic(store: TemplateStore, templateId: number, body: Uint8Array): Uint8Array {
  // the plans of the store decoded last, by template id: an array read instead of the store's map and a weak map
  if (store !== lastStore) {
    lastPlans = storePlans.get(store) ?? []
    if (lastPlans.length === 0) storePlans.set(store, lastPlans)
    lastStore = store
  }
  const known = templateId >= 0 && templateId < MAX_PLANNED_ID ? lastPlans[templateId] : undefined
  if (known !== undefined) return decodeWithPlan(known, body)
  const template = store.byId.get(templateId)
  if (template === undefined) {
    throw new FrameError(
      'E_FRAME_UNKNOWN_TEMPLATE',
      `template ${templateId} is not in store "${store.name}" (fingerprint ${store.fingerprint})`,
    )
  }
  const plan = planOf(template)
  if (templateId >= 0 && templateId < MAX_PLANNED_ID) lastPlans[templateId] = plan
  return decodeWithPlan(plan, body)
}

/**
 * Builds the decode plans of every template of a store now (a compressor's decoder, when it is built), so
 * that no template's first frame pays for its plan (its byte table and ops).
 */
export function prepareDecoding(store: TemplateStore): void {
  let byId = storePlans.get(store)
  if (byId === undefined) storePlans.set(store, (byId = []))
  for (const template of store.byId.values())
    if (template.id >= 0 && template.id < MAX_PLANNED_ID) byId[template.id] ??= planOf(template)
}

/** The decode plans of each store by template id (a store's templates never change), and the store decoded last. */
const storePlans = new WeakMap<TemplateStore, (DecodePlan | undefined)[]>()
let lastStore: TemplateStore | undefined
let lastPlans: (DecodePlan | undefined)[] = []

/** Where a message is written (the slab), and where the slots of a template in another order are first read. */
const output = new ByteSink()
const scratch = new ByteSink()
/** Offset and length in `scratch` of each slot's bytes (2 x slot, 2 x slot + 1). */
let spansScratch = new Int32Array(32)

/**
 * The message of a body (see the file comment). Heads are read here up to 4 bytes (28 bits); a longer
 * one, as anything else not decoded here, is left to the codec at the offset where its slot starts.
 * An output left unfinished by an error needs no undoing: nothing was handed out, the next starts at its place.
 */
function decodeWithPlan(plan: DecodePlan, body: Uint8Array): Uint8Array {
  if (!plan.inTextOrder) return decodeOutOfOrder(plan, body)
  const { table, literalAt, ops, valueAt } = plan
  const sink = output
  const last = plan.textOrder.length - 1
  let reader: ByteReader | undefined
  let o = 0
  const end = body.length
  sink.begin(true)
  for (let slot = 0; slot <= last; slot++) {
    sink.copy(table, literalAt[slot] as number, literalAt[slot + 1] as number)
    const op = ops[OP_INTS * slot] as number
    if (op === Op.Single) {
      const b = valueAt[ops[OP_INTS * slot + 2] as number] as number
      sink.copy(table, b, valueAt[(ops[OP_INTS * slot + 2] as number) + 1] as number)
      continue
    }
    if (op !== Op.Codec && o < end) {
      // the head: up to 4 bytes here
      let p = o
      let byte = body[p++] as number
      let head = byte & 0x7f
      for (let shift = 7; byte >= 0x80 && shift < 28 && p < end; shift += 7) {
        byte = body[p++] as number
        head |= (byte & 0x7f) << shift
      }
      if (byte < 0x80 && decodedHere(op, slot, head, o, p, slot === last, plan, body, sink)) {
        o = decodedTo
        continue
      }
    }
    reader ??= new ByteReader(body)
    reader.offset = o
    plan.codecs ??= slotCodecsOf(plan.template)
    ;(plan.codecs[slot] as SlotCodec).readInto(reader, slot === last, sink)
    o = reader.offset
  }
  sink.copy(table, literalAt[last + 1] as number, literalAt[last + 2] as number)
  if (o !== end) {
    reader ??= new ByteReader(body)
    reader.offset = o
    reader.expectEnd()
  }
  return sink.finish()
}

/** Where decodedHere's value ends in the body. */
let decodedTo = 0

/**
 * Writes the value of a slot (starting at `start`) whose head (`head`, its bytes ending before `p`) is one
 * decoded here, and sets decodedTo; false (nothing read, nothing written that counts) when its codec must.
 */
function decodedHere(
  op: number,
  slot: number,
  head: number,
  start: number,
  p: number,
  last: boolean,
  plan: DecodePlan,
  body: Uint8Array,
  sink: ByteSink,
): boolean {
  const { ops, table, valueAt } = plan
  switch (op) {
    case Op.OpenEnum:
    case Op.Enum: {
      // open: head 0 is another value, above the count an edit; closed: head 0..count-1
      const index = op === Op.OpenEnum ? head - 1 : head
      if (index < 0 || index >= (ops[OP_INTS * slot + 1] as number)) return false
      const at = (ops[OP_INTS * slot + 2] as number) + index
      sink.copy(table, valueAt[at] as number, valueAt[at + 1] as number)
      decodedTo = p
      return true
    }
    case Op.Integer:
      // an odd head has flags after it (sign, zeros) or is `other`'s escape (head 1, flags 0)
      if ((head & 1) !== 0) return false
      sink.digits(head >>> 1, 1)
      decodedTo = p
      return true
    case Op.Fixed:
      // 10^width and above: wider than the slot, or `other`'s escape
      if (head >= (ops[OP_INTS * slot + 2] as number)) return false
      sink.digits(head, ops[OP_INTS * slot + 1] as number)
      decodedTo = p
      return true
    case Op.Auto:
      if ((head & 3) === 1) {
        // an integer: magnitude * 2 + special; special ones (sign, zeros) are the codec's
        const integer = head >>> 2
        if ((integer & 1) !== 0) return false
        sink.digits(integer >>> 1, 1)
        decodedTo = p
        return true
      }
      if ((head & 1) !== 0) return false
      // the last auto string's head is 0 and its bytes run to the end
      if (last) return head === 0 && stringHere(p, body.length, body, sink)
      return stringHere(p, p + (head >>> 1), body, sink)
    case Op.String:
      // the last string slot has no head: its bytes are the rest of the body, from the slot's start
      return last ? stringHere(start, body.length, body, sink) : stringHere(p, p + head, body, sink)
    default:
      return false
  }
}

/**
 * A string value, body[from, to), when there is at least one byte and they are valid UTF-8: copied,
 * decodedTo set. Otherwise false: the codec reads it again and throws its error (no output is handed out).
 */
function stringHere(from: number, to: number, body: Uint8Array, sink: ByteSink): boolean {
  if (to <= from || to > body.length || !sink.copyUtf8(body, from, to)) return false
  decodedTo = to
  return true
}

/** Slots read by their codecs into the scratch in body order, then put in text order with the literals. */
function decodeOutOfOrder(plan: DecodePlan, body: Uint8Array): Uint8Array {
  plan.codecs ??= slotCodecsOf(plan.template)
  const { codecs } = plan
  const reader = new ByteReader(body)
  const last = codecs.length - 1
  const sink = scratch
  sink.begin(false)
  if (spansScratch.length < 2 * codecs.length) spansScratch = new Int32Array(2 * codecs.length)
  for (let i = 0; i < codecs.length; i++) {
    spansScratch[2 * i] = sink.at
    ;(codecs[i] as SlotCodec).readInto(reader, i === last, sink)
    spansScratch[2 * i + 1] = sink.at - (spansScratch[2 * i] as number)
  }
  reader.expectEnd()
  plan.literals ??= plan.template.literals.map(textToBytes)
  return assemble(plan.textOrder, plan.literals, scratch.bytes)
}

/** The message of a template whose slots were read into `slots` at spansScratch, literals and slots in text order. */
function assemble(textOrder: readonly number[], literals: readonly Uint8Array[], slots: Uint8Array): Uint8Array {
  let sizeBytes = 0
  for (const literal of literals) sizeBytes += literal.length
  for (const slot of textOrder) sizeBytes += spansScratch[2 * slot + 1] as number
  const out = allocBytes(sizeBytes)
  let at = 0
  for (let k = 0; k <= textOrder.length; k++) {
    const literal = literals[k] as Uint8Array
    out.set(literal, at)
    at += literal.length
    if (k === textOrder.length) break
    const slot = textOrder[k] as number
    const start = spansScratch[2 * slot] as number
    const lengthBytes = spansScratch[2 * slot + 1] as number
    out.set(slots.subarray(start, start + lengthBytes), at)
    at += lengthBytes
  }
  return out
}
