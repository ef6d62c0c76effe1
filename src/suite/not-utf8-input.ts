/**
 * A file that is not UTF-8 given where a suite (or a file validate checks) is expected. A txt corpus
 * may hold any bytes (device dumps do: its lines are measured as bytes), so such a file given by
 * mistake is said to be a corpus, with the line and byte of its first bad sequence, never called a
 * broken "suite file" to be re-saved as UTF-8 (s35-trial D2: that advice re-encodes the device bytes).
 */
import { extname } from 'node:path'
import { type AuraError, hasCode, readInputFile, tryDecodeUtf8, utf8SequenceLength } from '../core/index.ts'
import { describeForeignFile } from './file-kind.ts'

/** Where the first sequence that is not UTF-8 is, and how many lines hold one. */
export interface InvalidUtf8Summary {
  /** 1-based line of the first bad sequence */
  firstLine: number
  /** 0-based byte offset of the first bad sequence in the file */
  firstOffset: number
  /** lines (split at LF) holding at least one bad sequence */
  invalidLines: number
}

/** Summary of the bytes that are not UTF-8; undefined when all are. */
export function summarizeInvalidUtf8(bytes: Uint8Array): InvalidUtf8Summary | undefined {
  let firstLine = 0
  let firstOffset = -1
  let invalidLines = 0
  let line = 1
  let lineBad = false
  for (let i = 0; i < bytes.length; ) {
    const byte = bytes[i] as number
    if (byte === 0x0a) {
      if (lineBad) invalidLines++
      lineBad = false
      line++
      i++
      continue
    }
    const length = utf8SequenceLength(bytes, i)
    if (length === 0) {
      if (firstOffset < 0) {
        firstOffset = i
        firstLine = line
      }
      lineBad = true
      i++
    } else i += length
  }
  if (lineBad) invalidLines++
  return firstOffset < 0 ? undefined : { firstLine, firstOffset, invalidLines }
}

/** Extensions of the files aura-bench reads as text (a YAML or JSON file that is not UTF-8 is a broken one). */
const TEXT_INPUT_EXTENSIONS = new Set(['.yaml', '.yml', '.json'])

/**
 * For a file that is not UTF-8 and not named .yaml/.yml/.json: what it looks like, e.g. "a log or text
 * corpus (3,926 lines, 15 not valid UTF-8, first at line 259, byte 12,345: a txt corpus may hold such
 * lines, which run measures as bytes and discover leaves out)"; undefined when it is UTF-8 or cannot be told.
 */
export function describeNotUtf8(bytes: Uint8Array, path: string): string | undefined {
  if (TEXT_INPUT_EXTENSIONS.has(extname(path).toLowerCase())) return undefined
  // UTF-16 is its own error ("is UTF-16 text")
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined
  if (tryDecodeUtf8(bytes) !== undefined) return undefined
  const summary = summarizeInvalidUtf8(bytes)
  if (summary === undefined) return undefined
  const lossy = new TextDecoder('utf-8').decode(bytes)
  const foreign = describeForeignFile(lossy, path)
  if (foreign === undefined || (foreign.kind !== 'text' && foreign.kind !== 'jsonl')) return undefined
  const lines = lossy.split('\n').filter((line) => line.trim() !== '').length
  const where = `first at line ${summary.firstLine}, byte ${summary.firstOffset.toLocaleString('en-US')}`
  const bad = `${summary.invalidLines.toLocaleString('en-US')} not valid UTF-8, ${where}`
  return foreign.kind === 'text'
    ? `a log or text corpus (${lines.toLocaleString('en-US')} lines, ${bad}: a txt corpus may hold such lines, which \`run\` measures as bytes and \`discover\` leaves out)`
    : `a JSONL corpus (${lines.toLocaleString('en-US')} lines, ${bad}: a jsonl corpus must be UTF-8 text)`
}

/**
 * Re-throws an E_INVALID_UTF8 of a file that looks like a corpus as `make(what)`; any other error as it is.
 * Reads the file's bytes again (only on that error path).
 */
export async function rethrowNotUtf8Corpus(
  error: unknown,
  absolute: string,
  asWritten: string,
  make: (what: string) => AuraError,
): Promise<never> {
  if (hasCode(error) && error.code === 'E_INVALID_UTF8') {
    const bytes = await readInputFile({ path: absolute, asWritten, kind: 'file', maxBytes: 16 * 1024 * 1024 }).catch(
      () => undefined,
    )
    const what = bytes === undefined ? undefined : describeNotUtf8(bytes, asWritten)
    if (what !== undefined) throw make(what)
  }
  throw error
}
