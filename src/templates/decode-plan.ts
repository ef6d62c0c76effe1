/**
 * A template's decode plan (decode-bytes.ts decodes with it), built once per template: its literals and
 * its enums' listed values as one byte table, and per slot a small op (what kind of slot, and where its
 * values sit in the table).
 */
import type { SlotCodec } from './slot-codecs.ts'
import type { SlotSpec, Template } from './store-types.ts'
import { textToBytes } from './text-bytes.ts'

/** What each slot's op does before (or instead of) its codec. */
export const Op = {
  /** the codec decodes it */
  Codec: 0,
  /** an enum with `other`: head 1..n is a listed value */
  OpenEnum: 1,
  /** an enum of n > 1 values without `other`: head 0..n-1 */
  Enum: 2,
  /** an enum of one value without `other`: no bytes */
  Single: 3,
  /** an integer without width (`other: auto` or not): an even head is a magnitude with no sign or zeros */
  Integer: 4,
  /** an integer of width w <= 9 (`other: auto` or not): a head below 10^w is the number */
  Fixed: 5,
  /** an auto slot: an even head a string of head/2 bytes (the last: 0, to the end), head 4k + 1 an integer */
  Auto: 6,
  /** a string slot: a length head, or the last slot's bytes to the end */
  String: 7,
} as const

/** Ints per slot in DecodePlan.ops: the op, and two operands. */
export const OP_INTS = 3

/** What decoding a template needs, prepared once per template. */
export interface DecodePlan {
  readonly template: Template
  readonly textOrder: readonly number[]
  /** the slots' codecs, by placeholder number: taken on the first value the loop leaves to them */
  codecs: readonly SlotCodec[] | undefined
  /** the UTF-8 of the literals one by one, in text order, made on first use (slots not in text order) */
  literals: readonly Uint8Array[] | undefined
  /** true when the placeholders are numbered in text order (every discovered template): the body's order is the text's */
  readonly inTextOrder: boolean
  /** the literals' bytes (in text order), then each enum's listed values' */
  readonly table: Uint8Array
  /** literal k is table[literalAt[k], literalAt[k + 1]) (the enum values' offsets follow) */
  readonly literalAt: Int32Array
  /** per slot (placeholder number): its Op, then (enums) the count of values and where their offsets start in valueAt, (Fixed) width and 10^width */
  readonly ops: Int32Array
  /** listed value i of an enum whose offsets start at b: table[valueAt[b + i], valueAt[b + i + 1]) */
  readonly valueAt: Int32Array
}

const plans = new WeakMap<Template, DecodePlan>()

export function planOf(template: Template): DecodePlan {
  let plan = plans.get(template)
  if (plan === undefined) plans.set(template, (plan = buildPlan(template)))
  return plan
}

function buildPlan(template: Template): DecodePlan {
  // the table's texts in order: the literals, then each enum's values
  const texts: string[] = [...template.literals]
  const slotCount = template.slots.length
  const ops = new Int32Array(OP_INTS * slotCount)
  const valueText: number[] = []
  template.slots.forEach((spec, slot) => {
    const [op, a] = opOf(spec)
    ops[OP_INTS * slot] = op
    if (op === Op.OpenEnum || op === Op.Enum || op === Op.Single) {
      const { values } = spec as { values: readonly string[] }
      ops[OP_INTS * slot + 1] = values.length
      ops[OP_INTS * slot + 2] = valueText.length
      // the texts' numbers here, their offsets in the table below
      for (let i = 0; i <= values.length; i++) valueText.push(texts.length + i)
      texts.push(...values)
    } else if (op === Op.Fixed) {
      ops[OP_INTS * slot + 1] = a
      ops[OP_INTS * slot + 2] = 10 ** a
    }
  })
  // each text's UTF-8: written in place when ASCII (nearly all), else as textToBytes gives it
  const encoded = texts.map((text) => (isAscii(text) ? text : textToBytes(text)))
  const starts = new Int32Array(encoded.length + 1)
  encoded.forEach((piece, k) => {
    starts[k + 1] = (starts[k] as number) + piece.length
  })
  const table = new Uint8Array(starts[encoded.length] as number)
  encoded.forEach((piece, k) => {
    const at = starts[k] as number
    if (typeof piece !== 'string') table.set(piece, at)
    else for (let i = 0; i < piece.length; i++) table[at + i] = piece.charCodeAt(i)
  })
  const valueAt = new Int32Array(valueText.length)
  valueText.forEach((text, i) => {
    valueAt[i] = starts[text] as number
  })
  return {
    template,
    textOrder: template.textOrder,
    codecs: undefined,
    literals: undefined,
    inTextOrder: template.textOrder.every((slot, k) => slot === k),
    table,
    literalAt: starts,
    ops,
    valueAt,
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false
  return true
}

/** A slot spec's op (and, for Fixed, its width): what slot-codecs.ts createSlotCodec makes of it, for the values above. */
function opOf(spec: SlotSpec): [number, number] {
  switch (spec.type) {
    case 'enum':
      if (spec.other !== undefined) return [Op.OpenEnum, 0]
      return [spec.values.length === 1 ? Op.Single : Op.Enum, 0]
    case 'integer':
      if (spec.other !== undefined && spec.other !== 'auto') return [Op.Codec, 0]
      if (spec.width === undefined) return [Op.Integer, 0]
      return spec.width >= 1 && spec.width <= 9 ? [Op.Fixed, spec.width] : [Op.Codec, 0]
    case 'auto':
      return [Op.Auto, 0]
    case 'string':
      return [Op.String, 0]
    default:
      return [Op.Codec, 0]
  }
}
