/**
 * Validation of template store JSON. Every problem of a file is gathered into one
 * AuraError('E_TEMPLATE_STORE') whose `issues` name the file and the field (`templates[3].pattern`).
 */
import { AuraError, isJsonObject, type Issue } from '../core/index.ts'
import { parsePattern } from './pattern.ts'
import {
  MAX_TEMPLATE_ID,
  TEMPLATE_STORE_FORMAT,
  TEMPLATE_STORE_VERSION,
  type Template,
  type TemplateStore,
} from './store-types.ts'
import { parseProvenance, type AddIssue } from './store-provenance.ts'
import { createStore } from './store-json.ts'
import { parseJsonResidue } from './json-residue.ts'
import { checkKeys, describe, type JsonObject, parseSlots } from './store-parse-slots.ts'

const STORE_KEYS = ['format', 'version', 'name', 'storeVersion', 'source', 'provenance', 'templates', 'jsonResidue']
const TEMPLATE_KEYS = ['id', 'pattern', 'category', 'slots', 'lastUsedRun', 'uses']

function optionalString(object: JsonObject, key: string, path: string, add: AddIssue): string | undefined {
  const value = object[key]
  if (value === undefined || typeof value === 'string') return value
  add(path === '' ? key : `${path}.${key}`, `must be a string, got ${describe(value)}`)
  return undefined
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
  // optional (round 35): a store without it loads as before and never sends a json_residue frame
  const jsonResidue =
    object.jsonResidue === undefined
      ? undefined
      : parseJsonResidue(object.jsonResidue, (field, message) => add(field, message))
  if (issues.length > 0) {
    const summary = issues.length === 1 ? (issues[0] as Issue).message : `${issues.length} problems`
    throw new AuraError(
      'E_TEMPLATE_STORE',
      `invalid template store ${file}: ${summary}`,
      { file },
      { issues, hint: 'fix every listed field, then run `aura-bench validate` on the file again' },
    )
  }
  return createStore(object.name as string, storeVersion, source, provenance, templates, jsonResidue)
}

/** What an object that is not a store holds, for the error: its first keys, or that it has none. */
function keysOf(object: object): string {
  const keys = Object.keys(object)
  if (keys.length === 0) return 'it is an empty object'
  return `its keys: ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', ...' : ''}`
}
