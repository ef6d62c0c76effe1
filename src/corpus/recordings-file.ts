/**
 * Reading a jsonl corpus's `recordings.tsv` (see recordings.ts) and checking its rows against the
 * corpus file's lines: while a corpus is read, and for `validate` without reading the messages.
 */
import { dirname, join } from 'node:path'
import { hasCode, readInputChunks, readInputFile, type InputFileSpec } from '../core/index.ts'
import type { ByteLine, LineSkip } from './byte-lines.ts'
import { checkRecordingsEnd, parseRecordingsTsv, type Recordings } from './recordings.ts'

/** Recordings files above this size are refused (read whole). */
const MAX_RECORDINGS_BYTES = 256 * 1024 * 1024

/** `recordings.tsv` beside a jsonl file gives each line its connection; absent file: no connections. */
export async function loadRecordings(jsonlPath: string, corpus: InputFileSpec): Promise<Recordings | undefined> {
  const file = join(dirname(jsonlPath), 'recordings.tsv')
  let bytes: Buffer
  try {
    bytes = await readInputFile({
      ...corpus,
      path: file,
      kind: 'recordings file',
      maxBytes: MAX_RECORDINGS_BYTES,
      where: { file },
    })
  } catch (error) {
    if (hasCode(error) && error.code === 'E_FILE_MISSING') return undefined
    throw error
  }
  return parseRecordingsTsv(bytes.toString('utf8'), file)
}

/** A LineSkip that also notes the last line number it was asked about (skipped lines are not yielded). */
export function countingSkip(skip: LineSkip, seen: { lastLine: number }): LineSkip {
  return (bytes, start, end, lineNumber) => {
    seen.lastLine = lineNumber
    return skip(bytes, start, end, lineNumber)
  }
}

/** The lines, then (read to the end) a check that no recordings row runs past the file's last line. */
export async function* endCheckedLines(
  lines: AsyncIterable<ByteLine>,
  seen: { lastLine: number },
  recordings: Recordings,
  file: string,
): AsyncGenerator<ByteLine> {
  for await (const line of lines) {
    seen.lastLine = line.lineNumber
    yield line
  }
  checkRecordingsEnd(recordings, seen.lastLine, file)
}

/** Lines as splitByteLines numbers them: every `\n` ends one, and a last line without `\n` counts. */
export async function countLines(spec: InputFileSpec): Promise<number> {
  let count = 0
  let last = 0x0a
  for await (const chunk of readInputChunks(spec)) {
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) count++
    if (chunk.length > 0) last = chunk[chunk.length - 1] as number
  }
  return last === 0x0a ? count : count + 1
}

/**
 * The number of the file's last line holding anything but blanks (spaces, tabs, `\r`), numbered as countLines
 * numbers lines; 0 for a file of blank lines. Blank lines hold no message, so rows need not reach them.
 */
export async function lastContentLine(spec: InputFileSpec): Promise<number> {
  let line = 1
  let last = 0
  for await (const chunk of readInputChunks(spec)) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number
      if (byte === 0x0a) line++
      else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) last = line
    }
  }
  return last
}
