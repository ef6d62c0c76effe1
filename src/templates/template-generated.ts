/**
 * A template's split and body writer as one generated function (`new Function`), built once per
 * template: V8 then runs straight-line code of that template alone (its literals checked unit by unit
 * at known offsets, its values' places in locals, one call site per slot writer) instead of the loops
 * of template-compiled.ts over the template's parts, whose call sites see every template's writers.
 * It answers exactly as `split` then `writeBody` of the compiled form (template-compiled.ts) do.
 *
 * Safety (store files are user input): no text of the store reaches the generated source. What the
 * source is built from is fixed text of this file and integers, each passed through `int`, which
 * throws unless it is a safe integer (so it prints as digits and nothing else): the literals' lengths
 * and UTF-16 code units (charCodeAt, 0-65535), placeholder numbers, offsets and counts. A literal
 * longer than UNIT_CHECK_MAX is not spelled out: the generated code reads it from the array `L` it is
 * given (data, never source). The slot writers are the compiled form's closures, given as the array
 * `W`. So a store whose literals hold quotes, backslashes, `${}`, line breaks or U+2028 produces the
 * same source as any other literal of that length and units (template-generated.test.ts).
 */
import { MAX_TEMPLATE_STEPS } from './matcher.ts'
import { putHead } from './slot-encoding.ts'
import type { Template } from './store-types.ts'

/** Writes one value at `at`; the offset after it, or a negative number when the value is not taken this way (template-compiled.ts). */
export type SlotWriter = (text: string, start: number, end: number, out: Uint8Array, at: number) => number

/**
 * split then writeBody in one call: REFUSED (-1) when the template cannot match the message, UNDECIDED
 * (-2) when the general path must decide, else the offset after the body written at `at` (the caller
 * has reserved bodyRoomBytes; on UNDECIDED some of it may have been written).
 */
export type GeneratedEncode = (message: string, out: Uint8Array, at: number) => number

/**
 * A slot whose writing is spelled out in the generated code instead of a call of its writer: an integer
 * of a fixed width (at most 15 digits), or an enum's look-up of a few short values (an open enum's
 * unlisted values still go to `unlisted`, its codec's writer). Each writes exactly what the compiled
 * form's writer of that spec writes (template-compiled.ts slotWriterOf).
 */
export type InlineSlot =
  | { readonly kind: 'fixed'; readonly width: number }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly unlisted: SlotWriter | undefined }

/** Literals up to this many units are compared unit by unit in the generated code; longer ones by startsWith/endsWith/indexOf. */
const UNIT_CHECK_MAX = 16
/** An enum is looked up in the generated code when it has at most this many values, each of at most ENUM_VALUE_MAX units. */
const ENUM_VALUES_MAX = 16
const ENUM_VALUE_MAX = 24
/** Templates with more slots than this are left to the compiled form's loops (their source would be long). */
const MAX_GENERATED_SLOTS = 64

/** `n` as source text: only ever a safe integer's digits (the one way a number from a store reaches the source). */
function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`template-generated: ${String(n)} is not a safe integer`)
  return String(n)
}

/** Source of a test that `literal` (given as L[k]) is at `atExpr` of `message`: unit by unit, or startsWith. */
function literalAt(literal: string, k: number, atExpr: string): string {
  if (literal.length === 0) return 'true'
  if (literal.length > UNIT_CHECK_MAX) return `message.startsWith(L[${int(k)}], ${atExpr})`
  const tests: string[] = []
  for (let i = 0; i < literal.length; i++)
    tests.push(`message.charCodeAt(${atExpr} + ${int(i)}) === ${int(literal.charCodeAt(i))}`)
  return tests.join(' && ')
}

/** Whether `slot` is written inline (else its writer W<i> is called). */
function inlined(slot: InlineSlot | undefined): slot is InlineSlot {
  if (slot === undefined) return false
  if (slot.kind === 'fixed') return slot.width <= 15
  return slot.values.length <= ENUM_VALUES_MAX && slot.values.every((value) => value.length <= ENUM_VALUE_MAX)
}

/** Source that puts head `x` (a variable name) at `at`: one byte inline, else putHead (H). */
function putHeadSource(x: string): string {
  return `if (${x} < 128) out[at++] = ${x}; else at = H(out, at, ${x});`
}

/**
 * Source that writes slot `i`, its value at message[s, e) (variable names), advancing `at`; returns -2
 * (UNDECIDED) where the writer would refuse the value.
 */
function slotSource(i: number, slot: InlineSlot | undefined, s: string, e: string): string[] {
  if (!inlined(slot)) return [`at = W${int(i)}(message, ${s}, ${e}, out, at);`, 'if (at < 0) return -2;']
  if (slot.kind === 'fixed')
    return [
      `if (${e} - ${s} !== ${int(slot.width)}) return -2;`,
      'v = 0;',
      `for (q = ${s}; q < ${e}; q++) { d = message.charCodeAt(q) - 48; if (d < 0 || d > 9) return -2; v = v * 10 + d; }`,
      putHeadSource('v'),
    ]
  // the value's index: compared by length, then unit by unit, the last index first (a value listed twice answers with its last)
  const lines = ['x = -1;', `switch (${e} - ${s}) {`]
  const lengths = [...new Set(slot.values.map((value) => value.length))]
  for (const length of lengths) {
    lines.push(`case ${int(length)}:`)
    const tests: string[] = []
    for (let k = slot.values.length - 1; k >= 0; k--) {
      const value = slot.values[k] as string
      if (value.length !== length) continue
      const units: string[] = []
      for (let j = 0; j < value.length; j++)
        units.push(`message.charCodeAt(${s} + ${int(j)}) === ${int(value.charCodeAt(j))}`)
      tests.push(`if (${units.length === 0 ? 'true' : units.join(' && ')}) x = ${int(k)};`)
    }
    lines.push(tests.join(' else '), 'break;')
  }
  lines.push('}')
  if (slot.unlisted === undefined) {
    lines.push('if (x === -1) return -2;')
    if (slot.values.length > 1) lines.push(putHeadSource('x'))
  } else {
    lines.push(`if (x === -1) { at = U${int(i)}(message, ${s}, ${e}, out, at); if (at < 0) return -2; }`)
    lines.push(`else { x += 1; ${putHeadSource('x')} }`)
  }
  return lines
}

/**
 * The source of the generated encode, or undefined when the template is left to the compiled form.
 * Exported for the safety test (what source a store's literals give).
 */
export function generatedSource(template: Template, inline: readonly (InlineSlot | undefined)[]): string | undefined {
  const { literals, textOrder } = template
  const slotCount = textOrder.length
  if (slotCount > MAX_GENERATED_SLOTS) return undefined
  const prefix = literals[0] as string
  const suffix = literals[slotCount] as string
  const minLength = literals.reduce((sum, literal) => sum + literal.length, 0) + slotCount
  const lines: string[] = []
  for (let i = 0; i < slotCount; i++) lines.push(`const W${int(i)} = W[${int(i)}], U${int(i)} = U[${int(i)}];`)
  lines.push('const encode = function encode(message, out, at) {')
  lines.push('const length = message.length;')
  lines.push('let q = 0, v = 0, d = 0, x = 0;')
  lines.push(`if (length < ${int(minLength)}) return -1;`)
  if (prefix.length > 0) lines.push(`if (!(${literalAt(prefix, 0, '0')})) return -1;`)
  if (suffix.length > 0)
    lines.push(
      suffix.length > UNIT_CHECK_MAX
        ? `if (!message.endsWith(L[${int(slotCount)}])) return -1;`
        : `if (!(${literalAt(suffix, slotCount, `length - ${int(suffix.length)}`)})) return -1;`,
    )
  if (slotCount === 0) {
    lines.push(`return length === ${int(prefix.length)} ? at : -1;`, '};', 'return encode;')
    return lines.join('\n')
  }
  // as the compiled split: every literal search costs the matcher at most this many steps
  lines.push(`if (${int(slotCount)} * (1 + (length >> 10)) >= ${int(MAX_TEMPLATE_STEPS)}) return -2;`)
  lines.push(`const end = length - ${int(suffix.length)};`)
  lines.push(`let p = ${int(prefix.length)};`)
  lines.push(`const s${int(textOrder[0] as number)} = p;`)
  for (let k = 1; k < slotCount; k++) {
    const literal = literals[k] as string
    const before = int(textOrder[k - 1] as number)
    const after = int(textOrder[k] as number)
    const units = int(literal.length)
    if (literal.length > UNIT_CHECK_MAX || literal.length === 0) {
      // the first place after p + 1, refused when it ends at or after the suffix (as the compiled split)
      lines.push(`q = message.indexOf(L[${int(k)}], p + 1);`)
      lines.push(`if (q === -1 || q + ${units} >= end) return -1;`)
    } else {
      // the first place in [p + 1, end - units): a place at or after it would be refused anyway
      lines.push(`const lim${int(k)} = end - ${units};`)
      lines.push(`for (q = p + 1; q < lim${int(k)}; q++) if (${literalAt(literal, k, 'q')}) break;`)
      lines.push(`if (q >= lim${int(k)}) return -1;`)
    }
    lines.push(`const e${before} = q;`)
    lines.push(`p = q + ${units};`)
    lines.push(`const s${after} = p;`)
  }
  lines.push('if (p >= end) return -1;')
  lines.push(`const e${int(textOrder[slotCount - 1] as number)} = end;`)
  for (let i = 0; i < slotCount; i++) lines.push(...slotSource(i, inline[i], `s${int(i)}`, `e${int(i)}`))
  lines.push('return at;', '};', 'return encode;')
  return lines.join('\n')
}

/**
 * The generated encode of a template, its slot writers `writers` (by placeholder number); undefined
 * when the template is left to the compiled form, or code cannot be generated here (a runtime that
 * refuses `new Function`, e.g. under --disallow-code-generation-from-strings).
 */
export function generateEncode(
  template: Template,
  writers: readonly SlotWriter[],
  inline: readonly (InlineSlot | undefined)[],
): GeneratedEncode | undefined {
  const source = generatedSource(template, inline)
  if (source === undefined) return undefined
  try {
    const factory = new Function('L', 'W', 'U', 'H', source) as (
      literals: readonly string[],
      writers: readonly SlotWriter[],
      unlisted: readonly (SlotWriter | undefined)[],
      head: typeof putHead,
    ) => GeneratedEncode
    const unlisted = inline.map((slot) => (slot?.kind === 'enum' ? slot.unlisted : undefined))
    return factory(template.literals.slice(), writers.slice(), unlisted, putHead)
  } catch {
    return undefined
  }
}
