/**
 * Per-connection field operators in the manner of FIX FAST: every maximal run of ASCII digits in a
 * message is a slot, sent as an operator against the previous value of the same slot on this
 * connection (copy, increment, delta) or as a literal. Both sides keep the same slot table, updated
 * from the messages themselves, so the receiver rebuilds the sender's state from the frames alone.
 *
 * Choices:
 * - A slot is named by what precedes it: the last CONTEXT_SYMBOLS bytes of the message before the
 *   run, every earlier digit run folded to `#`, plus how often that context already occurred in the
 *   message (the third price level of an order book is its own slot). Slots are learnt online: the
 *   first time a context is seen its value goes as a literal.
 * - The encoding is text with the digit runs replaced by operators written in digits, so the output
 *   stays byte-aligned with the message's own text and the connection's compressor still matches
 *   the text against history. The text between runs has no digits by construction, so an operator
 *   is an op digit followed by the rest of a digit run: `0` copy, `1` increment, `2`N +N, `3`N -N,
 *   `4`DIGITS the literal run (new slot, a value that does not keep the slot's width, > 15 digits,
 *   or a delta not shorter than the run), `5`DIGITS a run that is not a slot (see isSlotRun).
 * - A value keeps its slot's width when it is the decimal number zero-padded to the previous run's
 *   length (`0099` -> `0100`); anything else is a literal, so every run comes back byte-exact.
 * - The table holds at most MAX_SLOTS slots; past that the oldest slot learnt is forgotten, the same
 *   one on both sides (a Map's insertion order), so memory per connection is bounded.
 */
import { FrameError } from '../core/index.ts'

/** Bytes of context (digit runs folded to one `#`) that name a slot. */
export const CONTEXT_SYMBOLS = 12
/** Slots one connection remembers; the oldest learnt is forgotten first. */
export const MAX_SLOTS = 256
/** Longest run treated as a number (Number.MAX_SAFE_INTEGER has 16 digits). */
const MAX_NUMBER_DIGITS = 15

const ZERO = 0x30
const NINE = 0x39
const HASH = 0x23
const OP = { copy: 0x30, increment: 0x31, plus: 0x32, minus: 0x33, literal: 0x34, verbatim: 0x35 } as const

/** The previous run of one slot. */
export interface Slot {
  text: string
  /** its value, or NaN when the run is longer than MAX_NUMBER_DIGITS */
  value: number
}

/** One side's slot table (the sender and the receiver each keep one per connection). */
export interface FieldState {
  slots: Map<string, Slot>
}

/** An empty slot table: a fresh connection. */
export function createFieldState(): FieldState {
  return { slots: new Map() }
}

export const isDigit = (byte: number): boolean => byte >= ZERO && byte <= NINE
const isWordByte = (byte: number | undefined): boolean =>
  byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f)

/**
 * A digit run is a slot unless a letter or `_` touches it (`fs_006dcb10`, `x86_64`, hex ids): such runs
 * are part of an identifier and stay verbatim, so a repeated identifier repeats byte for byte.
 */
export const isSlotRun = (message: Uint8Array, start: number, end: number): boolean =>
  !isWordByte(message[start - 1]) && !isWordByte(message[end])

/** Names slots as a message is read: the context before each run and its occurrence count. */
class SlotNamer {
  private readonly context: number[] = []
  private readonly seen = new Map<string, number>()

  text(byte: number): void {
    this.push(byte)
  }

  /** The name of the slot at the current position; then records the run as `#` in the context. */
  nextSlot(): string {
    const context = String.fromCharCode(...this.context)
    const count = this.seen.get(context) ?? 0
    this.seen.set(context, count + 1)
    this.push(HASH)
    return count === 0 ? context : `${context}\u0000${count}`
  }

  private push(symbol: number): void {
    this.context.push(symbol)
    if (this.context.length > CONTEXT_SYMBOLS) this.context.shift()
  }
}

/** The run a slot's value makes when it keeps the previous run's width. */
const withWidth = (value: number, width: number): string => String(value).padStart(width, '0')

/** A slot holding `text`. */
export const toSlot = (text: string): Slot => ({
  text,
  value: text.length <= MAX_NUMBER_DIGITS ? Number(text) : Number.NaN,
})

function remember(state: FieldState, name: string, text: string): void {
  if (!state.slots.has(name) && state.slots.size >= MAX_SLOTS) {
    const oldest = state.slots.keys().next().value as string
    state.slots.delete(oldest)
  }
  state.slots.set(name, toSlot(text))
}

/** The operator (as ASCII digits) that rebuilds `run` from the slot's previous run. */
export function operatorFor(previous: Slot | undefined, run: string): string {
  const literal = `4${run}`
  if (previous === undefined) return literal
  if (previous.text === run) return '0'
  if (run.length > MAX_NUMBER_DIGITS || Number.isNaN(previous.value)) return literal
  const value = Number(run)
  if (withWidth(value, previous.text.length) !== run) return literal
  const delta = value - previous.value
  if (delta === 1) return '1'
  const op = delta > 0 ? `2${delta}` : `3${-delta}`
  return op.length < literal.length ? op : literal
}

/** Rewrites the message's digit runs as operators and updates the sender's slot table. */
export function encodeFields(message: Uint8Array, state: FieldState): Uint8Array {
  const out: number[] = []
  const namer = new SlotNamer()
  let i = 0
  while (i < message.length) {
    const byte = message[i] as number
    if (!isDigit(byte)) {
      out.push(byte)
      namer.text(byte)
      i += 1
      continue
    }
    let end = i
    while (end < message.length && isDigit(message[end] as number)) end += 1
    const run = message.subarray(i, end)
    if (!isSlotRun(message, i, end)) {
      out.push(OP.verbatim, ...run)
      for (const digit of run) namer.text(digit)
      i = end
      continue
    }
    const text = String.fromCharCode(...run)
    const name = namer.nextSlot()
    const op = operatorFor(state.slots.get(name), text)
    for (let k = 0; k < op.length; k++) out.push(op.charCodeAt(k))
    remember(state, name, text)
    i = end
  }
  return Uint8Array.from(out)
}

/** Rebuilds the message from its operators and updates the receiver's slot table; E_FRAME_CORRUPT when they do not fit it. */
export function decodeFields(encoded: Uint8Array, state: FieldState): Uint8Array {
  const out: number[] = []
  const namer = new SlotNamer()
  let i = 0
  while (i < encoded.length) {
    const byte = encoded[i] as number
    if (!isDigit(byte)) {
      out.push(byte)
      namer.text(byte)
      i += 1
      continue
    }
    let end = i + 1
    while (end < encoded.length && isDigit(encoded[end] as number)) end += 1
    const argument = String.fromCharCode(...encoded.subarray(i + 1, end))
    if (byte === OP.verbatim) {
      if (argument === '') throw new FrameError('E_FRAME_CORRUPT', `stateful verbatim run at byte ${i} has no digits`)
      for (let k = 0; k < argument.length; k++) {
        out.push(argument.charCodeAt(k))
        namer.text(argument.charCodeAt(k))
      }
      i = end
      continue
    }
    const name = namer.nextSlot()
    const run = applyOperator(byte, argument, state.slots.get(name), i)
    for (let k = 0; k < run.length; k++) out.push(run.charCodeAt(k))
    remember(state, name, run)
    i = end
  }
  return Uint8Array.from(out)
}

export function applyOperator(op: number, argument: string, previous: Slot | undefined, offset: number): string {
  const corrupt = (why: string) =>
    new FrameError('E_FRAME_CORRUPT', `stateful field operator at byte ${offset}: ${why}`)
  if (op === OP.literal) {
    if (argument === '') throw corrupt('a literal needs digits')
    return argument
  }
  if (previous === undefined) throw corrupt('the slot has no previous value on this connection')
  if (op === OP.copy || op === OP.increment) {
    if (argument !== '') throw corrupt('copy and increment take no digits')
    if (op === OP.increment && Number.isNaN(previous.value)) throw corrupt('the slot holds no number to increment')
    return op === OP.copy ? previous.text : withWidth(previous.value + 1, previous.text.length)
  }
  if ((op === OP.plus || op === OP.minus) && argument !== '' && !Number.isNaN(previous.value)) {
    const delta = Number(argument)
    const value = op === OP.plus ? previous.value + delta : previous.value - delta
    if (value < 0 || !Number.isSafeInteger(value)) throw corrupt(`delta leaves the slot's range (${value})`)
    return withWidth(value, previous.text.length)
  }
  throw corrupt(`unknown operator ${String.fromCharCode(op)}${argument}`)
}
