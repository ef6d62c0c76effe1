/** Record readers for line formats: txt and Loghub `.log` (a line is a message) and jsonl (a line is a JSON value). */
import { AuraError, tryDecodeUtf8 } from '../core/index.ts'
import type { ByteLine, LineSkip } from './byte-lines.ts'
import { readJsonMessage, type JsonFields } from './json-message.ts'
import type { ConnectionLookup } from './recordings.ts'
import type { SkipCheck } from './select.ts'
import type { SourceRecord } from './types.ts'

/** Lines as messages, bytes kept exactly (invalid UTF-8 is legal); `categoryOf` maps a line to a category (Loghub EventId). */
export async function* readTextRecords(
  lines: AsyncIterable<ByteLine>,
  categoryOf?: (line: number) => string | undefined,
): AsyncGenerator<SourceRecord> {
  for await (const line of lines) {
    const place = { line: line.lineNumber }
    if (line.state === 'oversized') yield { state: 'oversized', place, sizeBytes: line.sizeBytes }
    else if (line.bytes.length === 0) yield { state: 'empty', place }
    else {
      const category = categoryOf?.(line.lineNumber)
      yield category === undefined
        ? { state: 'message', place, bytes: line.bytes }
        : { state: 'message', place, bytes: line.bytes, category }
    }
  }
}

/**
 * jsonl lines as messages: each non-blank line is a JSON string or an object with the text field
 * (`keepText`: each record also holds that string, CorpusOptions.keepText).
 */
export async function* readJsonlRecords(
  lines: AsyncIterable<ByteLine>,
  fields: JsonFields,
  file: string,
  connectionOf?: ConnectionLookup,
  keepText = false,
): AsyncGenerator<SourceRecord> {
  for await (const line of lines) {
    const place = { line: line.lineNumber }
    if (line.state === 'oversized') {
      yield { state: 'oversized', place, sizeBytes: line.sizeBytes }
      continue
    }
    const text = tryDecodeUtf8(line.bytes)
    if (text === undefined)
      throw new AuraError('E_INVALID_UTF8', `line ${line.lineNumber} is not valid UTF-8; a jsonl file is text`, {
        file,
        line: line.lineNumber,
      })
    if (text.trim() === '') {
      yield { state: 'empty', place }
      continue
    }
    const message = readJsonMessage(parseJsonLine(text, file, line.lineNumber), fields)
    if (message.state === 'invalid')
      throw new AuraError('E_CORPUS_FORMAT', `line ${line.lineNumber}: ${message.reason}`, {
        file,
        line: line.lineNumber,
      })
    const connection = connectionOf?.(line.lineNumber)
    const record: SourceRecord = { state: 'message', place, bytes: message.bytes }
    if (message.category !== undefined) record.category = message.category
    if (connection !== undefined) record.connection = connection
    if (keepText) record.text = message.text
    yield record
  }
}

function parseJsonLine(text: string, file: string, line: number): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new AuraError(
      'E_CORPUS_FORMAT',
      `line ${line} is not valid JSON: ${reason}`,
      { file, line },
      { hint: 'a jsonl corpus holds one JSON value per line, e.g. {"text": "..."}' },
    )
  }
}

/** txt and log lines for a SkipCheck: a non-empty line is a message of exactly its bytes. */
export function textLineSkip(skip: SkipCheck | undefined): LineSkip | undefined {
  if (skip === undefined) return undefined
  return (_bytes, start, end) => end > start && skip(end - start, true, undefined)
}

/**
 * jsonl lines for a SkipCheck: a line whose first byte that is not ASCII white space is ASCII is not
 * blank, so it is a message (or bad input) of at most its own bytes (a JSON string's text never takes
 * more UTF-8 bytes than its escaped form); the connection comes from recordings.tsv by line number.
 * Other lines (blank, or starting with a non-ASCII byte that `trim` might remove) are decoded.
 */
export function jsonlLineSkip(skip: SkipCheck | undefined, connectionOf?: ConnectionLookup): LineSkip | undefined {
  if (skip === undefined) return undefined
  return (bytes, start, end, lineNumber) => {
    let at = start
    while (at < end && isAsciiSpace(bytes[at] as number)) at++
    if (at === end || (bytes[at] as number) >= 0x80) return false
    return skip(end - start, false, connectionOf?.(lineNumber))
  }
}

/** The ASCII characters String.prototype.trim removes: tab, line feed, vertical tab, form feed, carriage return, space. */
function isAsciiSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)
}
