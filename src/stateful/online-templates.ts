/**
 * Templates learnt online at both ends of a connection, from messages already sent: a message's
 * template is its text with every slot run cut out (its skeleton; see field-operators' isSlotRun). The first message of a
 * skeleton goes as text (field-operators.ts, `L` + the text with its runs as context-keyed
 * operators); from then on both sides hold the template and its slots, and a message of the same
 * skeleton goes as `T`, the template's index, and one operator per slot against that template's
 * previous values (FAST's per-template dictionary): `c` copy, `i` increment, `+N`, `-N`, `=DIGITS`.
 * Each operator starts with a non-digit, so they need no separator.
 *
 * Bounds: skeletons up to MAX_TEMPLATE_BYTES are learnt, at most MAX_TEMPLATES per connection; the
 * index of a new template is the count of templates learnt so far modulo MAX_TEMPLATES, so both
 * sides replace the same oldest one.
 */
import { FrameError } from '../core/index.ts'
import {
  applyOperator,
  createFieldState,
  decodeFields,
  encodeFields,
  isDigit,
  isSlotRun,
  operatorFor,
  toSlot,
  type FieldState,
  type Slot,
} from './field-operators.ts'

/** Templates one connection keeps. */
export const MAX_TEMPLATES = 64
/** Longest skeleton learnt as a template, in bytes. */
export const MAX_TEMPLATE_BYTES = 1024

const MODE_TEXT = 0x4c // L
const MODE_TEMPLATE = 0x54 // T
/** Template operator letters, in the order of field-operators' op digits 0-4. */
const LETTERS = 'ci+-='

interface Template {
  key: string
  /** text between the runs: one more than the slots */
  segments: Uint8Array[]
  slots: Slot[]
}

/** One side's state: templates by skeleton, and the context-keyed slots of messages sent as text. */
export interface ConnectionFields {
  fields: FieldState
  byKey: Map<string, number>
  templates: Template[]
  learnt: number
}

/** A fresh connection's state. */
export function createConnectionFields(): ConnectionFields {
  return { fields: createFieldState(), byKey: new Map(), templates: [], learnt: 0 }
}

/** A message cut into its text segments and slot runs (digit runs no letter touches). */
function cut(message: Uint8Array): { segments: Uint8Array[]; runs: string[]; key: string } {
  const segments: Uint8Array[] = []
  const runs: string[] = []
  let start = 0
  let i = 0
  while (i < message.length) {
    if (!isDigit(message[i] as number)) {
      i += 1
      continue
    }
    let end = i
    while (end < message.length && isDigit(message[end] as number)) end += 1
    if (isSlotRun(message, i, end)) {
      segments.push(message.subarray(start, i))
      runs.push(String.fromCharCode(...message.subarray(i, end)))
      start = end
    }
    i = end
  }
  segments.push(message.subarray(start))
  // each segment prefixed by its length: two different cuts never share a key
  return { segments, runs, key: segments.map((s) => `${s.length}:${Buffer.from(s).toString('latin1')}`).join('') }
}

function learn(state: ConnectionFields, key: string, segments: Uint8Array[], runs: string[]): void {
  if (segments.reduce((sum, s) => sum + s.length, 0) > MAX_TEMPLATE_BYTES) return
  const index = state.learnt % MAX_TEMPLATES
  const replaced = state.templates[index]
  if (replaced !== undefined) state.byKey.delete(replaced.key)
  state.templates[index] = { key, segments: segments.map((s) => s.slice()), slots: runs.map(toSlot) }
  state.byKey.set(key, index)
  state.learnt += 1
}

/** The body of one message (before the stream): `T` + template operators, or `L` + the text; updates the sender's state. */
export function encodeMessageFields(message: Uint8Array, state: ConnectionFields): Uint8Array {
  const { segments, runs, key } = cut(message)
  const index = state.byKey.get(key)
  const template = index === undefined ? undefined : state.templates[index]
  if (index === undefined || template === undefined) {
    const text = encodeFields(message, state.fields)
    learn(state, key, segments, runs)
    const out = new Uint8Array(text.length + 1)
    out[0] = MODE_TEXT
    out.set(text, 1)
    return out
  }
  let ops = `T${index}`
  for (const [i, run] of runs.entries()) {
    const op = operatorFor(template.slots[i], run)
    ops += `${LETTERS[Number(op[0])]}${op.slice(1)}`
    template.slots[i] = toSlot(run)
  }
  return Buffer.from(ops, 'latin1')
}

/** Rebuilds one message from its body; updates the receiver's state. E_FRAME_CORRUPT when the body does not fit it. */
export function decodeMessageFields(body: Uint8Array, state: ConnectionFields): Uint8Array {
  const mode = body[0]
  if (mode === MODE_TEXT) {
    const message = decodeFields(body.subarray(1), state.fields)
    const { segments, runs, key } = cut(message)
    if (!state.byKey.has(key)) learn(state, key, segments, runs)
    return message
  }
  if (mode !== MODE_TEMPLATE)
    throw new FrameError('E_FRAME_CORRUPT', `stateful body starts with ${mode ?? 'nothing'}, not L or T`)
  const ops = Buffer.from(body.subarray(1)).toString('latin1')
  const head = /^\d+/.exec(ops)
  const template = head === null ? undefined : state.templates[Number(head[0])]
  if (head === null || template === undefined)
    throw new FrameError(
      'E_FRAME_UNKNOWN_TEMPLATE',
      `stateful body names template ${head?.[0] ?? '(none)'}, which this connection has not learnt`,
    )
  const parts: Uint8Array[] = [template.segments[0] as Uint8Array]
  let offset = head[0].length
  for (let i = 0; i < template.slots.length; i++) {
    const op = /^([ci+\-=])(\d*)/.exec(ops.slice(offset))
    if (op === null)
      throw new FrameError(
        'E_FRAME_CORRUPT',
        `stateful template ${head[0]}: operator ${i} missing at byte ${offset + 1}`,
      )
    const run = applyOperator(0x30 + LETTERS.indexOf(op[1] as string), op[2] ?? '', template.slots[i], offset + 1)
    template.slots[i] = toSlot(run)
    parts.push(Buffer.from(run, 'latin1'), template.segments[i + 1] as Uint8Array)
    offset += op[0].length
  }
  if (offset !== ops.length)
    throw new FrameError(
      'E_FRAME_TRAILING',
      `stateful template ${head[0]}: ${ops.length - offset} bytes after its operators`,
    )
  return Buffer.concat(parts)
}
