/** Record readers for whole-file JSON formats: a JSON array of messages, and HAR websocket captures. */
import path from 'node:path'
import { AuraError, tryDecodeUtf8 } from '../core/index.ts'
import { readJsonMessage, SUITE_FIELD_ADVICE, type JsonFields } from './json-message.ts'
import type { SourceRecord } from './types.ts'
import { encodeUtf8Exact, findInvalidUtf8, lineOfOffset } from './utf8.ts'

/** Parses a whole JSON file (a leading BOM is removed); invalid UTF-8 or syntax errors name the line where known. */
export function parseJsonFile(bytes: Uint8Array, file: string): unknown {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  const text = tryDecodeUtf8(body)
  if (text === undefined) {
    const line = lineOfOffset(body, findInvalidUtf8(body))
    throw new AuraError('E_INVALID_UTF8', `line ${line} is not valid UTF-8; a JSON file is text`, { file, line })
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    // V8 names a character position in some messages only
    const position = /position (\d+)/.exec(reason)?.[1]
    const location =
      position === undefined ? { file } : { file, line: text.slice(0, Number(position)).split('\n').length }
    throw new AuraError('E_JSON_SYNTAX', `not valid JSON: ${reason}`, location)
  }
}

/** Messages of a JSON array: each element a string or an object with the text field. */
export function* readJsonArrayRecords(value: unknown, fields: JsonFields, file: string): Generator<SourceRecord> {
  if (!Array.isArray(value)) {
    throw new AuraError(
      'E_CORPUS_FORMAT',
      'a json corpus must be an array of strings or of objects with the text field',
      { file },
      { hint: 'for one JSON value per line use format: jsonl' },
    )
  }
  const arrayFields = { ...fields, fieldAdvice: jsonArrayAdvice(fields.fieldAdvice ?? SUITE_FIELD_ADVICE, file) }
  for (const [i, element] of value.entries()) {
    const field = `[${i}]`
    const message = readJsonMessage(element, arrayFields)
    if (message.state === 'invalid')
      throw new AuraError('E_CORPUS_FORMAT', `element ${field}: ${message.reason}`, { file, field })
    yield message.category === undefined
      ? { state: 'message', place: { field }, bytes: message.bytes }
      : { state: 'message', place: { field }, bytes: message.bytes, category: message.category }
  }
}

/**
 * The advice for an element of a JSON array without the text field: the caller's way to name the field,
 * and, instead of its "read each line whole" (a txt format would cut a pretty-printed array into
 * lines: s33 D10), how to send each element whole: as JSON lines, read as txt.
 */
export function jsonArrayAdvice(fieldAdvice: string, file: string): string {
  const fieldPart =
    fieldAdvice.split(/(?:, or |; )`(?:--format|format|zstd_dict_training_format)[ :]/)[0] ?? fieldAdvice
  const base = path.basename(file)
  const jsonl = `${base.replace(/\.json$/i, '')}.jsonl`
  return `${fieldPart}; to send each element whole (its JSON text) as a message, write the array as JSON lines (node -e "for (const o of require('./${base}')) console.log(JSON.stringify(o))" > ${jsonl}) and read that file as txt (a suite's \`format: txt\`, discover's \`--format txt\`): txt on the .json file itself would cut pretty-printed JSON into lines`
}

/** Which websocket frames of a HAR file to keep. */
type HarDirection = 'receive' | 'send' | 'both'

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/**
 * Websocket messages of a HAR file (`log.entries[]._webSocketMessages[]`, as browsers export it):
 * opcode 1 is text, opcode 2 is base64 binary; other opcodes and the other direction are skipped.
 * Each entry is one connection, named `entries[i] <request url>`.
 */
export function* readHarRecords(value: unknown, direction: HarDirection, file: string): Generator<SourceRecord> {
  const entries = (value as { log?: { entries?: unknown } } | null)?.log?.entries
  if (!Array.isArray(entries))
    throw new AuraError('E_CORPUS_FORMAT', 'a HAR file needs log.entries to be an array', {
      file,
      field: 'log.entries',
    })
  for (const [i, entry] of entries.entries()) {
    const frames = (entry as { _webSocketMessages?: unknown } | null)?._webSocketMessages
    if (frames === undefined) continue
    if (!Array.isArray(frames))
      throw new AuraError('E_CORPUS_FORMAT', `log.entries[${i}]._webSocketMessages must be an array`, {
        file,
        field: `log.entries[${i}]._webSocketMessages`,
      })
    const url = (entry as { request?: { url?: unknown } }).request?.url
    const connection = typeof url === 'string' ? `entries[${i}] ${url}` : `entries[${i}]`
    for (const [j, frame] of frames.entries())
      yield readHarFrame(frame, direction, { file, field: `log.entries[${i}]._webSocketMessages[${j}]` }, connection)
  }
}

function readHarFrame(
  frame: unknown,
  direction: HarDirection,
  at: { file: string; field: string },
  connection: string,
): SourceRecord {
  const place = { field: at.field }
  const { type, opcode, data } = (frame ?? {}) as { type?: unknown; opcode?: unknown; data?: unknown }
  if (type !== 'send' && type !== 'receive')
    throw new AuraError(
      'E_CORPUS_FORMAT',
      `${at.field}.type must be "send" or "receive", found ${JSON.stringify(type)}`,
      at,
    )
  if ((direction !== 'both' && type !== direction) || (opcode !== 1 && opcode !== 2)) return { state: 'skipped', place }
  if (typeof data !== 'string') throw new AuraError('E_CORPUS_FORMAT', `${at.field}.data must be a string`, at)
  if (opcode === 1) {
    const bytes = encodeUtf8Exact(data)
    if (bytes === undefined)
      throw new AuraError(
        'E_CORPUS_FORMAT',
        `${at.field}.data holds a lone UTF-16 surrogate, which has no UTF-8 bytes`,
        at,
      )
    return { state: 'message', place, bytes, connection }
  }
  const base64 = data.replace(/\s+/g, '')
  if (base64.length % 4 !== 0 || !BASE64.test(base64))
    throw new AuraError('E_CORPUS_FORMAT', `${at.field}.data of a binary frame (opcode 2) must be base64`, at)
  return { state: 'message', place, bytes: new Uint8Array(Buffer.from(base64, 'base64')), connection }
}
