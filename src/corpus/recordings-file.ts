/**
 * Reading a jsonl corpus's `<name>.recordings.tsv` or `recordings.tsv` (see recordings.ts) and checking its rows against the
 * corpus file's lines: while a corpus is read, and for `validate` without reading the messages.
 */
import { readdir, stat } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import { AuraError, hasCode, readInputChunks, readInputFile, type InputFileSpec } from '../core/index.ts'
import type { ByteLine, LineSkip } from './byte-lines.ts'
import { checkRecordingsEnd, parseRecordingsTsv, type Recordings } from './recordings.ts'

/** Recordings files above this size are refused (read whole). */
const MAX_RECORDINGS_BYTES = 256 * 1024 * 1024

/** A file's name without its last extension: `stream` of `data/stream.jsonl`. */
const stemOf = (file: string): string => basename(file, extname(file))

const isFile = (file: string): Promise<boolean> =>
  stat(file).then(
    (info) => info.isFile(),
    () => false,
  )

/** File extensions read as jsonl by default (a file given `format: jsonl` under another name is not seen here). */
const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson'])

/**
 * The recordings file of a corpus (s36-trial D3): `<stem>.recordings.tsv` beside it (`stream.recordings.tsv`
 * for `stream.jsonl`), else the folder's `recordings.tsv`; undefined when neither is there. With `refuseShared`
 * (a jsonl corpus, which reads it), a folder's `recordings.tsv` is refused (E_CORPUS_FORMAT, exit 2) when the
 * folder holds another JSONL file (`.jsonl` or `.ndjson`): its rows cannot say which corpus they number, and before they silently gave
 * every corpus there the first one's connections. `named` (a suite's `recordings:` key) is returned as it is.
 */
export async function recordingsFileOf(
  corpusPath: string,
  refuseShared: boolean,
  named?: string,
): Promise<string | undefined> {
  // a suite's `recordings:` (round 37) names the file: nothing beside the corpus is looked at
  if (named !== undefined) return named
  const folder = dirname(corpusPath)
  const own = join(folder, `${stemOf(corpusPath)}.recordings.tsv`)
  if (await isFile(own)) return own
  const shared = join(folder, 'recordings.tsv')
  if (!(await isFile(shared))) return undefined
  if (!refuseShared) return shared
  const name = basename(corpusPath)
  const others = (await readdir(folder).catch(() => [] as string[]))
    // .ndjson is read as jsonl too (core/corpus-extension.ts; review s36-review4)
    .filter((entry) => entry !== name && JSONL_EXTENSIONS.has(extname(entry).toLowerCase()))
    .sort()
  if (others.length === 0) return shared
  const [other] = others as [string]
  throw new AuraError(
    'E_CORPUS_FORMAT',
    `${folder} holds ${others.length + 1} JSONL corpora (${name}, ${others.join(', ')}) and one recordings.tsv, so it cannot tell whose connections its rows number (they would give ${name} the rows of whichever corpus they were written for)`,
    { file: shared },
    {
      hint: `name each corpus's recordings after it: ${stemOf(corpusPath)}.recordings.tsv for ${name}, ${stemOf(other)}.recordings.tsv for ${other} (a <name>.recordings.tsv beside a corpus is read before the folder's recordings.tsv), or in a suite name each corpus's file with its entry's \`recordings:\` key, or keep one JSONL corpus per folder`,
    },
  )
}

/** A jsonl file's recordings (recordingsFileOf) give each line its connection; no file: no connections. */
export async function loadRecordings(
  jsonlPath: string,
  corpus: InputFileSpec,
  named?: string,
): Promise<Recordings | undefined> {
  const file = await recordingsFileOf(jsonlPath, true, named)
  if (file === undefined) return undefined
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
    // a file found beside the corpus and gone since: no connections; a named one is an error (the suite checks it first)
    if (hasCode(error) && error.code === 'E_FILE_MISSING' && named === undefined) return undefined
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
