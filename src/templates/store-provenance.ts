/** The `provenance` list of a template store: which runs (discovery, merges) produced its templates. */
import { isJsonObject, type ErrorCode } from '../core/index.ts'
import type { ProvenanceEntry } from './store-types.ts'

/** Reports one problem of a store file: the field it is in, what is wrong, and its code (default E_TEMPLATE_STORE). */
export type AddIssue = (field: string, message: string, code?: ErrorCode) => void

const ENTRY_KEYS = [
  'tool',
  'corpus',
  'createdAt',
  'messages',
  'addedTemplates',
  'options',
  'highestId',
  'evictedTemplates',
]

/** Validates a store's `provenance` (absent: an empty list); every problem goes to `add`. */
export function parseProvenance(raw: unknown, add: AddIssue): ProvenanceEntry[] {
  if (raw === undefined) return []
  if (!Array.isArray(raw)) {
    add(
      'provenance',
      'provenance is a list of runs like {"tool": "aura-bench discover", "corpus": "...", "createdAt": "...", ...}',
    )
    return []
  }
  const entries: ProvenanceEntry[] = []
  raw.forEach((entry, i) => {
    const parsed = parseEntry(entry, `provenance[${i}]`, add)
    if (parsed !== undefined) entries.push(parsed)
  })
  return entries
}

function parseEntry(raw: unknown, path: string, add: AddIssue): ProvenanceEntry | undefined {
  if (!isJsonObject(raw)) {
    add(path, 'a provenance entry is an object')
    return undefined
  }
  let valid = true
  const fail = (field: string, message: string): void => {
    add(`${path}.${field}`, message)
    valid = false
  }
  for (const key of Object.keys(raw))
    if (!ENTRY_KEYS.includes(key)) fail(key, `unknown key "${key}" (allowed: ${ENTRY_KEYS.join(', ')})`)
  for (const key of ['tool', 'corpus', 'createdAt'] as const)
    if (typeof raw[key] !== 'string') fail(key, 'must be a string')
  for (const key of ['messages', 'addedTemplates'] as const) {
    const value = raw[key]
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail(key, 'must be a non-negative integer')
  }
  for (const key of ['highestId', 'evictedTemplates'] as const) {
    const value = raw[key]
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0))
      fail(key, 'must be a non-negative integer when given')
  }
  const options = raw.options
  if (
    !isJsonObject(options) ||
    !Object.values(options).every((v) => ['string', 'number', 'boolean'].includes(typeof v))
  )
    fail('options', 'must be an object of strings, numbers and booleans')
  if (!valid) return undefined
  return raw as unknown as ProvenanceEntry
}

/** The provenance list as JSON file content (keys in a fixed order, so equal stores write equal files). */
export function toProvenanceJson(entries: readonly ProvenanceEntry[]): Record<string, unknown>[] {
  return entries.map((e) => ({
    tool: e.tool,
    corpus: e.corpus,
    createdAt: e.createdAt,
    messages: e.messages,
    addedTemplates: e.addedTemplates,
    options: { ...e.options },
    ...(e.highestId === undefined ? {} : { highestId: e.highestId }),
    ...(e.evictedTemplates === undefined ? {} : { evictedTemplates: e.evictedTemplates }),
  }))
}
