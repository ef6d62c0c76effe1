/**
 * Validation of template store JSON. Every problem of a file is gathered into one
 * AuraError('E_TEMPLATE_STORE') whose `issues` name the file and the field (`templates[3].pattern`).
 */
import { AuraError, didYouMean, isJsonObject, type Issue } from '../core/index.ts'
import { parsePattern } from './pattern.ts'
import { hasLoneSurrogate } from './text-bytes.ts'
import {
  ESCAPABLE_SLOT_TYPES,
  MAX_INTEGER_WIDTH,
  MAX_TEMPLATE_ID,
  SLOT_TYPES,
  TEMPLATE_STORE_FORMAT,
  TEMPLATE_STORE_VERSION,
  type SlotSpec,
  type SlotType,
  type Template,
  type TemplateStore,
} from './store-types.ts'
import { parseProvenance, type AddIssue } from './store-provenance.ts'
import { createStore } from './store-json.ts'

type JsonObject = Record<string, unknown>

const STORE_KEYS = ['format', 'version', 'name', 'storeVersion', 'source', 'provenance', 'templates']
const TEMPLATE_KEYS = ['id', 'pattern', 'category', 'slots', 'lastUsedRun', 'uses']
const SLOT_KEYS = ['type', 'values', 'width', 'other', 'similar']

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list'
  return typeof value === 'string' ? `"${value}"` : typeof value === 'object' ? 'an object' : String(value)
}

function checkKeys(object: JsonObject, allowed: readonly string[], path: string, add: AddIssue): void {
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

function optionalString(object: JsonObject, key: string, path: string, add: AddIssue): string | undefined {
  const value = object[key]
  if (value === undefined || typeof value === 'string') return value
  add(path === '' ? key : `${path}.${key}`, `must be a string, got ${describe(value)}`)
  return undefined
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
  if (typeof other !== 'string' || other === 'enum' || !(SLOT_TYPES as readonly string[]).includes(other)) {
    add(
      `${path}.other`,
      `"other" is the type of values not listed: one of ${SLOT_TYPES.filter((t) => t !== 'enum').join(', ')}; got ${describe(other)}`,
    )
    return undefined
  }
  return { ...spec, other: other as Exclude<SlotType, 'enum'>, ...(similar ? { similar } : {}) }
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

function parseSlots(raw: unknown, slotCount: number | undefined, path: string, add: AddIssue): SlotSpec[] | undefined {
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

function parseId(raw: unknown, path: string, add: AddIssue): number | undefined {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw <= MAX_TEMPLATE_ID) return raw
  add(
    path,
    `a template id is an integer from 0 to ${MAX_TEMPLATE_ID}, got ${raw === undefined ? 'none' : describe(raw)}`,
  )
  return undefined
}

function parseTemplate(
  raw: unknown,
  path: string,
  add: AddIssue,
): { id?: number; pattern?: string; template?: Template } {
  if (!isJsonObject(raw)) {
    add(path, `a template is an object like {"id": 1, "pattern": "Hello {0}"}, got ${describe(raw)}`)
    return {}
  }
  checkKeys(raw, TEMPLATE_KEYS, path, add)
  const id = parseId(raw.id, `${path}.id`, add)
  const category = optionalString(raw, 'category', path, add)
  const lastUsedRun = raw.lastUsedRun
  if (
    lastUsedRun !== undefined &&
    (typeof lastUsedRun !== 'number' || !Number.isInteger(lastUsedRun) || lastUsedRun < 1)
  )
    add(
      `${path}.lastUsedRun`,
      `lastUsedRun is a provenance run number (an integer from 1), got ${describe(lastUsedRun)}`,
    )
  const uses = raw.uses
  if (uses !== undefined && (typeof uses !== 'number' || !Number.isInteger(uses) || uses < 0))
    add(`${path}.uses`, `uses counts messages (an integer from 0), got ${describe(uses)}`)
  let pattern: string | undefined
  let parsed: ReturnType<typeof parsePattern> | undefined
  if (typeof raw.pattern !== 'string')
    add(`${path}.pattern`, `a pattern is a string, got ${raw.pattern === undefined ? 'none' : describe(raw.pattern)}`)
  else {
    pattern = raw.pattern
    parsed = parsePattern(pattern)
    if (parsed.status === 'invalid') for (const problem of parsed.problems) add(`${path}.pattern`, problem)
  }
  const ok = parsed?.status === 'ok' ? parsed : undefined
  const slots = parseSlots(raw.slots, ok?.textOrder.length, `${path}.slots`, add)
  const result: { id?: number; pattern?: string; template?: Template } = {}
  if (id !== undefined) result.id = id
  if (pattern !== undefined) result.pattern = pattern
  if (id !== undefined && pattern !== undefined && ok !== undefined && slots !== undefined) {
    result.template = {
      id,
      pattern,
      category,
      slots,
      literals: ok.literals,
      textOrder: ok.textOrder,
      ...(typeof lastUsedRun === 'number' ? { lastUsedRun } : {}),
      ...(typeof uses === 'number' ? { uses } : {}),
    }
  }
  return result
}

function parseTemplates(raw: unknown, add: AddIssue): Template[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    add('templates', `"templates" is a non-empty list of templates, got ${raw === undefined ? 'none' : describe(raw)}`)
    return []
  }
  const templates: Template[] = []
  const firstById = new Map<number, number>()
  const firstByPattern = new Map<string, number>()
  raw.forEach((entry, i) => {
    const path = `templates[${i}]`
    const { id, pattern, template } = parseTemplate(entry, path, add)
    if (id !== undefined) {
      const first = firstById.get(id)
      if (first !== undefined) add(`${path}.id`, `id ${id} is already used by templates[${first}]: ids must be unique`)
      else firstById.set(id, i)
    }
    if (pattern !== undefined) {
      const first = firstByPattern.get(pattern)
      if (first !== undefined)
        add(`${path}.pattern`, `pattern is identical to templates[${first}].pattern: remove one of them`)
      else firstByPattern.set(pattern, i)
    }
    if (template !== undefined) templates.push(template)
  })
  return templates.sort((a, b) => a.id - b.id)
}

/** Validates parsed JSON as a template store; throws one AuraError('E_TEMPLATE_STORE') listing every issue. */
export function parseTemplateStore(json: unknown, file: string): TemplateStore {
  const issues: Issue[] = []
  const add: AddIssue = (field, message, code = 'E_TEMPLATE_STORE') => issues.push({ code, message, file, field })
  if (!isJsonObject(json))
    add('', `a template store is a JSON object with "format": "${TEMPLATE_STORE_FORMAT}", got ${describe(json)}`)
  const object = isJsonObject(json) ? json : {}
  // a JSON file of another tool (a package.json): one line saying so, not an unknown-key error per key
  if (isJsonObject(json) && object.format !== TEMPLATE_STORE_FORMAT && !('templates' in object))
    throw new AuraError(
      'E_TEMPLATE_STORE',
      `${file.split(/[\\/]/).pop()} is not an aura template store: it has no "format": "${TEMPLATE_STORE_FORMAT}" and no "templates" (${keysOf(object)})`,
      { file },
      { hint: 'a template store is made by `aura-bench discover <corpus> --out store.json`' },
    )
  if (isJsonObject(json)) {
    checkKeys(object, STORE_KEYS, '', add)
    if (object.format !== TEMPLATE_STORE_FORMAT)
      add(
        'format',
        `must be "${TEMPLATE_STORE_FORMAT}", got ${object.format === undefined ? 'none' : describe(object.format)}`,
      )
    if (object.version !== TEMPLATE_STORE_VERSION)
      add(
        'version',
        `unsupported store format version ${describe(object.version)}: this build reads version ${TEMPLATE_STORE_VERSION}`,
      )
    if (typeof object.name !== 'string' || object.name === '')
      add('name', `a store needs a non-empty "name", got ${object.name === undefined ? 'none' : describe(object.name)}`)
  }
  const storeVersion = optionalString(object, 'storeVersion', '', add)
  const source = optionalString(object, 'source', '', add)
  const provenance = parseProvenance(object.provenance, (field, message) => add(field, message))
  const templates = isJsonObject(json) ? parseTemplates(object.templates, add) : []
  if (issues.length > 0) {
    const summary = issues.length === 1 ? (issues[0] as Issue).message : `${issues.length} problems`
    throw new AuraError(
      'E_TEMPLATE_STORE',
      `invalid template store ${file}: ${summary}`,
      { file },
      { issues, hint: 'fix every listed field, then run `aura-bench validate` on the file again' },
    )
  }
  return createStore(object.name as string, storeVersion, source, provenance, templates)
}

/** What an object that is not a store holds, for the error: its first keys, or that it has none. */
function keysOf(object: object): string {
  const keys = Object.keys(object)
  if (keys.length === 0) return 'it is an empty object'
  return `its keys: ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', ...' : ''}`
}
