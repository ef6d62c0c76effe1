/** Turning one JSON value (a jsonl line or a JSON array element) into message bytes and a category. */
import { encodeUtf8Exact } from './utf8.ts'

/** Which JSON fields hold the message text and its category. */
export interface JsonFields {
  textField: string
  categoryField: string
  /** what to set when a record has no text field (a suite's `text_field:`, a config's zstd_dict_training_text_field) */
  fieldAdvice?: string
}

/** The advice of a corpus a suite names. */
export const SUITE_FIELD_ADVICE =
  "in a suite, set the corpus's `text_field:` to the field that holds the message; `format: txt` (discover: `--format txt`) sends each line whole as a message"

/** A message read from JSON, or why the value is not one. */
type JsonMessage =
  | { state: 'message'; bytes: Uint8Array; text: string; category?: string }
  | { state: 'invalid'; reason: string }

/**
 * Reads a message from a JSON value: a string is the message itself; an object holds it in the
 * text field. The category may be a string, number or boolean; null or absent means none.
 */
export function readJsonMessage(value: unknown, fields: JsonFields): JsonMessage {
  if (typeof value === 'string') return fromText(value, undefined)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      state: 'invalid',
      reason: `expected an object with a "${fields.textField}" field or a string, found ${describeJson(value)}`,
    }
  }
  const record = value as Record<string, unknown>
  const text = record[fields.textField]
  if (typeof text !== 'string') {
    const keys = Object.keys(record)
    const listed =
      keys.length === 0
        ? 'none'
        : `${keys.slice(0, 10).join(', ')}${keys.length > 10 ? `, … ${keys.length - 10} more` : ''}`
    const found =
      text === undefined
        ? `no "${fields.textField}" field (fields: ${listed})`
        : `"${fields.textField}" is ${describeJson(text)}`
    // say how to point the loader at the right field, or at no field at all
    const fix = text === undefined ? `; ${fields.fieldAdvice ?? SUITE_FIELD_ADVICE}` : ''
    return {
      state: 'invalid',
      reason: `the message text must be a string in field "${fields.textField}": ${found}${fix}`,
    }
  }
  const category = record[fields.categoryField]
  if (category === undefined || category === null) return fromText(text, undefined)
  if (typeof category === 'string' || typeof category === 'number' || typeof category === 'boolean')
    return fromText(text, String(category))
  return {
    state: 'invalid',
    reason: `category field "${fields.categoryField}" must be a string, number or boolean, found ${describeJson(category)}`,
  }
}

function fromText(text: string, category: string | undefined): JsonMessage {
  const bytes = encodeUtf8Exact(text)
  if (bytes === undefined)
    return {
      state: 'invalid',
      reason: 'the text holds a lone UTF-16 surrogate (\\ud800-\\udfff escape), which has no UTF-8 bytes',
    }
  return category === undefined ? { state: 'message', bytes, text } : { state: 'message', bytes, text, category }
}

function describeJson(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  const kind = typeof value
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`
}
