/**
 * Validation of a template store's slot lists (`templates[i].slots`), for store-parse.ts: each problem is
 * added to the file's issues with the field it is in; a slot list with any problem parses to undefined.
 * The wording helpers (`describe`, `checkKeys`) serve the rest of store-parse.ts too.
 */
import { didYouMean, isJsonObject } from '../core/index.ts'
import { ESCAPABLE_SLOT_TYPES, MAX_INTEGER_WIDTH, SLOT_TYPES, type SlotSpec, type SlotType } from './store-types.ts'
import type { AddIssue } from './store-provenance.ts'
import { MAX_JSON_SLOT_KEYS } from './slot-json.ts'
import { hasLoneSurrogate } from './text-bytes.ts'

export type JsonObject = Record<string, unknown>

const SLOT_KEYS = ['type', 'values', 'width', 'other', 'similar', 'keys']

export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list'
  return typeof value === 'string' ? `"${value}"` : typeof value === 'object' ? 'an object' : String(value)
}

export function checkKeys(object: JsonObject, allowed: readonly string[], path: string, add: AddIssue): void {
  for (const key of Object.keys(object)) {
    if (allowed.includes(key)) continue
    const suggestion = didYouMean(key, allowed)
    add(
      path === '' ? key : `${path}.${key}`,
      `unknown key "${key}"${suggestion === undefined ? '' : `: did you mean "${suggestion}"?`} (allowed: ${allowed.join(', ')})`,
      'E_UNKNOWN_KEY',
    )
  }
}

function parseSlot(raw: unknown, path: string, add: AddIssue): SlotSpec | undefined {
  if (!isJsonObject(raw)) {
    add(path, `a slot is an object like {"type": "integer"}, got ${describe(raw)}`)
    return undefined
  }
  checkKeys(raw, SLOT_KEYS, path, add)
  const type = raw.type ?? 'auto'
  if (typeof type !== 'string' || !(SLOT_TYPES as readonly string[]).includes(type)) {
    const suggestion = typeof type === 'string' ? didYouMean(type, SLOT_TYPES) : undefined
    add(
      `${path}.type`,
      `unknown slot type ${describe(type)}${suggestion === undefined ? '' : `: did you mean "${suggestion}"?`} (types: ${SLOT_TYPES.join(', ')})`,
    )
    return undefined
  }
  if (type !== 'json' && raw.keys !== undefined)
    add(`${path}.keys`, `"keys" only applies to slots of type "json", this slot is "${type}"`)
  if (type === 'json') return parseJsonSlot(raw, path, add)
  if (type !== 'enum') {
    if (raw.values !== undefined)
      add(`${path}.values`, `"values" only applies to slots of type "enum", this slot is "${type}"`)
    if (raw.similar !== undefined)
      add(`${path}.similar`, `"similar" only applies to slots of type "enum", this slot is "${type}"`)
    const other = parseTypedOther(raw.other, type, `${path}.other`, add)
    if (raw.width !== undefined && type !== 'integer')
      add(`${path}.width`, `"width" only applies to slots of type "integer", this slot is "${type}"`)
    const spec =
      type !== 'integer' || raw.width === undefined
        ? ({ type } as SlotSpec)
        : parseWidth(raw.width, `${path}.width`, add)
    return other && spec !== undefined ? ({ ...spec, other: 'auto' } as SlotSpec) : spec
  }
  if (raw.width !== undefined)
    add(`${path}.width`, '"width" only applies to slots of type "integer", this slot is "enum"')
  const spec = parseEnumValues(raw.values, `${path}.values`, add)
  const similar = parseSimilar(raw, path, add)
  if (raw.other === undefined || spec === undefined) return spec
  const other = raw.other
  if (
    typeof other !== 'string' ||
    other === 'enum' ||
    other === 'json' ||
    !(SLOT_TYPES as readonly string[]).includes(other)
  ) {
    add(
      `${path}.other`,
      `"other" is the type of values not listed: one of ${SLOT_TYPES.filter((t) => t !== 'enum' && t !== 'json').join(', ')}; got ${describe(other)}`,
    )
    return undefined
  }
  return { ...spec, other: other as Exclude<SlotType, 'enum'>, ...(similar ? { similar } : {}) }
}

/** A `json` slot (slot-json.ts): no key but `type` and an optional `keys` list of distinct strings, at most MAX_JSON_SLOT_KEYS. */
function parseJsonSlot(raw: JsonObject, path: string, add: AddIssue): SlotSpec | undefined {
  for (const key of ['values', 'width', 'other', 'similar'])
    if (raw[key] !== undefined) add(`${path}.${key}`, `"${key}" does not apply to slots of type "json"`)
  const keys = raw.keys
  if (keys === undefined) return { type: 'json' }
  if (!Array.isArray(keys) || keys.length > MAX_JSON_SLOT_KEYS) {
    add(
      `${path}.keys`,
      `"keys" is a list of at most ${MAX_JSON_SLOT_KEYS} object keys, got ${describe(keys)}${Array.isArray(keys) ? ` of ${keys.length}` : ''}`,
    )
    return undefined
  }
  const seen = new Set<string>()
  let valid = true
  keys.forEach((key, i) => {
    if (typeof key !== 'string' || hasLoneSurrogate(key) || seen.has(key)) {
      add(
        `${path}.keys[${i}]`,
        typeof key === 'string' && seen.has(key)
          ? `key "${key}" is listed twice`
          : `a key is a string of valid Unicode text, got ${describe(key)}`,
      )
      valid = false
    } else seen.add(key)
  })
  return valid ? { type: 'json', keys: keys as string[] } : undefined
}

/** A typed slot's `other`: absent, or `auto` on a type that refuses some text (ESCAPABLE_SLOT_TYPES); true when set. */
function parseTypedOther(other: unknown, type: string, path: string, add: AddIssue): boolean {
  if (other === undefined) return false
  if (!(ESCAPABLE_SLOT_TYPES as readonly string[]).includes(type)) {
    add(
      path,
      `"other" applies to slots of type ${ESCAPABLE_SLOT_TYPES.join(', ')} or enum; a "${type}" slot takes any text already`,
    )
    return false
  }
  if (other !== 'auto') {
    add(
      path,
      `"other" on a "${type}" slot is "auto" (values the type refuses are sent as an auto slot would), got ${describe(other)}`,
    )
    return false
  }
  return true
}

/** An enum's `similar` flag: a boolean, and `true` only beside an `other` that takes any text (`auto`, `string`). */
function parseSimilar(raw: JsonObject, path: string, add: AddIssue): boolean {
  const similar = raw.similar
  if (similar === undefined || similar === false) return false
  if (similar !== true) add(`${path}.similar`, `"similar" is true or false, got ${describe(similar)}`)
  else if (raw.other !== 'auto' && raw.other !== 'string')
    add(
      `${path}.similar`,
      `"similar" needs "other": "auto" or "string" (edits may give any text), got ${describe(raw.other)}`,
    )
  return similar === true
}

function parseWidth(width: unknown, path: string, add: AddIssue): SlotSpec | undefined {
  if (typeof width === 'number' && Number.isInteger(width) && width >= 1 && width <= MAX_INTEGER_WIDTH)
    return { type: 'integer', width }
  add(
    path,
    `"width" is the exact digit count of the values, an integer from 1 to ${MAX_INTEGER_WIDTH}; got ${describe(width)}`,
  )
  return undefined
}

function parseEnumValues(
  values: unknown,
  path: string,
  add: AddIssue,
): { type: 'enum'; values: readonly string[] } | undefined {
  if (!Array.isArray(values) || values.length === 0) {
    add(path, `an enum slot needs a non-empty list of values, got ${values === undefined ? 'none' : describe(values)}`)
    return undefined
  }
  let valid = true
  const seen = new Set<string>()
  values.forEach((value, i) => {
    if (typeof value !== 'string' || value === '') {
      add(`${path}[${i}]`, `an enum value is a non-empty string, got ${describe(value)}`)
      valid = false
    } else if (hasLoneSurrogate(value)) {
      // no message decoded from UTF-8 holds one, and its UTF-8 would be U+FFFD's: refused, as in a pattern
      add(`${path}[${i}]`, 'an enum value contains a lone UTF-16 surrogate (not valid Unicode text)')
      valid = false
    } else if (seen.has(value)) {
      add(`${path}[${i}]`, `enum value "${value}" is listed twice`)
      valid = false
    } else seen.add(value)
  })
  return valid ? { type: 'enum', values: values as string[] } : undefined
}

export function parseSlots(
  raw: unknown,
  slotCount: number | undefined,
  path: string,
  add: AddIssue,
): SlotSpec[] | undefined {
  if (raw === undefined)
    return slotCount === undefined ? undefined : Array.from({ length: slotCount }, () => ({ type: 'auto' as const }))
  if (!Array.isArray(raw)) {
    add(path, `"slots" is a list with one entry per placeholder, got ${describe(raw)}`)
    return undefined
  }
  const slots = raw.map((slot, i) => parseSlot(slot, `${path}[${i}]`, add))
  if (slotCount !== undefined && raw.length !== slotCount) {
    add(
      path,
      `the pattern has ${slotCount} placeholder${slotCount === 1 ? '' : 's'} but "slots" lists ${raw.length}: give one slot per placeholder, in placeholder order`,
    )
    return undefined
  }
  return slots.every((slot) => slot !== undefined) ? (slots as SlotSpec[]) : undefined
}
