/** Reading a corpus file of any format as a stream of messages, or all at once. */
import { stat } from 'node:fs/promises'
import { basename, dirname, extname } from 'node:path'
import {
  corpusFormatByExtension,
  hasTildeComponent,
  TILDE_HINT,
  AuraError,
  hasCode,
  readInputChunks,
  readInputFile,
  type ErrorLocation,
  type InputFileSpec,
} from '../core/index.ts'
import { splitByteLines, type LineSkip } from './byte-lines.ts'
import { compressedByContent, compressedByName } from './compressed-file.ts'
import { rawHl7ByContent } from './raw-hl7-file.ts'
import { parseJsonFile, readHarRecords, readJsonArrayRecords } from './json-records.ts'
import { jsonlLineSkip, readJsonlRecords, readTextRecords, textLineSkip } from './line-records.ts'
import { loadLoghubCategories } from './loghub.ts'
import { countingSkip, endCheckedLines, loadRecordings } from './recordings-file.ts'
import { HARD_CAP_BYTES, selectMessages, type CorpusShare, type SelectOptions, type SkipCheck } from './select.ts'
import {
  createLoadStats,
  type CorpusFormat,
  type CorpusLoadStats,
  type CorpusMessage,
  type CorpusOptions,
  type SourceRecord,
} from './types.ts'

/** A concrete corpus format. */
type ResolvedCorpusFormat = Exclude<CorpusFormat, 'auto'>

/** Whole-file formats (json, har) refuse files above this size (256 MiB): use jsonl for more. */
const MAX_WHOLE_FILE_BYTES = 256 * 1024 * 1024

/** A corpus being read: iterate it once; `stats` fills in as it goes and is complete at the end. */
export interface CorpusStream extends AsyncIterable<CorpusMessage> {
  readonly stats: CorpusLoadStats
}

/** Whether a corpus file can be read: the runner may skip a corpus that is not `required`. */
type CorpusFileCheck =
  | { status: 'present'; sizeBytes: number }
  | { status: 'missing' | 'directory' | 'unreadable'; error: AuraError }

/** Name of a corpus: its `name` option, else the file's base name without extension. */
function corpusName(options: CorpusOptions): string {
  return options.name ?? basename(options.path, extname(options.path))
}

/** The format of a corpus: its `format` option, or by extension (.txt, .jsonl/.ndjson, .json, .har, .log = loghub). */
export function resolveCorpusFormat(options: CorpusOptions): ResolvedCorpusFormat {
  if (options.format !== undefined && options.format !== 'auto') return options.format
  const format = corpusFormatByExtension(options.path)
  if (format !== undefined) return format
  // `devices.txt.gz`: "set format: txt" would measure its gzip bytes (s35-trial D5)
  const compressed = compressedByName(options.path)
  if (compressed !== undefined)
    throw new AuraError('E_CORPUS_FORMAT', compressed.message, locate(options, 'path'), { hint: compressed.hint })
  throw new AuraError(
    'E_CORPUS_FORMAT',
    `cannot tell the format of ${options.path} from its extension`,
    locate(options, 'format'),
    {
      hint: 'set format: txt, jsonl, json, loghub or har',
    },
  )
}

/** Checks that the corpus file exists and is a readable file. */
export async function checkCorpusFile(options: CorpusOptions): Promise<CorpusFileCheck> {
  try {
    const info = await stat(options.path)
    if (info.isDirectory())
      return {
        status: 'directory',
        error: new AuraError(
          'E_FILE_IS_DIRECTORY',
          `corpus path ${options.path} is a folder; name a corpus file inside it`,
          locate(options, 'path'),
        ),
      }
    if (!info.isFile())
      return {
        status: 'unreadable',
        error: new AuraError(
          'E_FILE_NOT_REGULAR',
          `corpus path ${options.path} is a FIFO, device or socket; aura-bench reads only regular files`,
          locate(options, 'path'),
        ),
      }
    return { status: 'present', sizeBytes: info.size }
  } catch (error) {
    if (hasCode(error) && error.code === 'ENOENT') return { status: 'missing', error: await missingFileError(options) }
    return {
      status: 'unreadable',
      error: new AuraError(
        'E_FILE_UNREADABLE',
        `cannot read corpus file ${options.path}: ${error instanceof Error ? error.message : String(error)}`,
        locate(options, 'path'),
        { cause: error },
      ),
    }
  }
}

/**
 * Streams the messages of a corpus. txt, log and jsonl files are read in chunks (memory stays
 * bounded by the longest line, plus `sample.size` messages); json and har files are parsed whole.
 * With a `share` (a shard's), only the messages it keeps are handed out, the others counted in
 * `stats.outsideShare`; txt, log and jsonl lines outside it are found with a scan for line ends and
 * dropped without being copied, decoded or parsed (select.ts's SkipCheck), so such a line's bad
 * input is reported by the shard that keeps it.
 * Errors (AuraError): E_FILE_MISSING, E_FILE_IS_DIRECTORY, E_CORPUS_FORMAT, E_INVALID_UTF8,
 * E_MESSAGE_TOO_LARGE, E_CORPUS_EMPTY.
 */
export function streamCorpus(options: CorpusOptions, share?: CorpusShare): CorpusStream {
  const stats = createLoadStats()
  return {
    stats,
    async *[Symbol.asyncIterator]() {
      const check = await checkCorpusFile(options)
      if (check.status !== 'present') throw check.error
      // a gzip (zstd, bzip2, xz, zip) file is refused whatever `format:` says: its bytes are no corpus
      const compressed = await compressedByContent(options.path)
      if (compressed !== undefined)
        throw new AuraError('E_CORPUS_FORMAT', compressed.message, locate(options, 'path'), { hint: compressed.hint })
      // a raw HL7 dump or MLLP capture read as lines would be one huge message (s44-trial D4)
      const format = resolveCorpusFormat(options)
      const rawHl7 = format === 'txt' || format === 'loghub' ? await rawHl7ByContent(options.path) : undefined
      if (rawHl7 !== undefined)
        throw new AuraError('E_CORPUS_FORMAT', rawHl7.message, locate(options, 'path'), { hint: rawHl7.hint })
      const openRecords = await createRecordSource(options, check.sizeBytes)
      const select: SelectOptions = { ...options, name: corpusName(options), file: options.path }
      yield* selectMessages(openRecords, select, stats, share)
    },
  }
}

/** Loads all messages of a corpus into memory (see streamCorpus). */
export async function loadCorpus(options: CorpusOptions): Promise<CorpusMessage[]> {
  return (await loadCorpusWithStats(options)).messages
}

/** Loads all messages of a corpus with the counts of what filtering removed. */
export async function loadCorpusWithStats(
  options: CorpusOptions,
): Promise<{ messages: CorpusMessage[]; stats: CorpusLoadStats }> {
  const stream = streamCorpus(options)
  const messages: CorpusMessage[] = []
  for await (const message of stream) messages.push(message)
  return { messages, stats: stream.stats }
}

/** Opens the file once per call, so ordered splits can count first and read again; line formats take a SkipCheck. */
async function createRecordSource(
  options: CorpusOptions,
  sizeBytes: number,
): Promise<(skip?: SkipCheck) => AsyncIterable<SourceRecord>> {
  const format = resolveCorpusFormat(options)
  const file = options.path
  const capBytes = options.maxMessageBytes ?? HARD_CAP_BYTES
  const fields = {
    textField: options.textField ?? 'text',
    categoryField: options.categoryField ?? 'category',
    ...(options.fieldAdvice === undefined ? {} : { fieldAdvice: options.fieldAdvice }),
  }
  // the corpus file itself: streamed, any size (memory is bounded per line), fingerprinted per pass
  const spec: InputFileSpec = {
    path: file,
    kind: 'corpus file',
    maxBytes: Number.POSITIVE_INFINITY,
    where: locate(options, 'path'),
    ...(options.fingerprints === undefined ? {} : { fingerprints: options.fingerprints }),
  }
  const lines = (maxLineBytes: number, skip?: LineSkip, views?: boolean) =>
    splitByteLines(readInputChunks(spec), maxLineBytes, skip, views)
  switch (format) {
    case 'txt':
      return (skip) => readTextRecords(lines(capBytes, textLineSkip(skip)))
    case 'loghub': {
      const categories = await loadLoghubCategories(file, fields.categoryField, options.fingerprints)
      return (skip) =>
        readTextRecords(
          lines(capBytes, textLineSkip(skip)),
          categories === undefined ? undefined : (line) => categories.get(line),
        )
    }
    case 'jsonl': {
      const recordings =
        options.readRecordings === false ? undefined : await loadRecordings(file, spec, options.recordings)
      const connectionOf = recordings?.connectionOf
      // JSON escapes take at most 6 characters per byte of text, plus room for other fields
      return (skip) => {
        const seen = { lastLine: 0 }
        const lineSkip = jsonlLineSkip(skip, connectionOf)
        // a jsonl line is decoded before the next is read, so it can be a view of the read chunk (no copy)
        const read = lines(capBytes * 6 + (1 << 20), lineSkip && countingSkip(lineSkip, seen), true)
        return readJsonlRecords(
          recordings === undefined ? read : endCheckedLines(read, seen, recordings, file),
          fields,
          file,
          connectionOf,
          options.keepText === true,
        )
      }
    }
    case 'json':
    case 'har': {
      if (sizeBytes > MAX_WHOLE_FILE_BYTES)
        throw new AuraError(
          'E_CORPUS_FORMAT',
          `${file} is ${sizeBytes} bytes; ${format} files are parsed whole and must stay under ${MAX_WHOLE_FILE_BYTES}`,
          { file },
          { hint: 'convert it to jsonl, which is streamed' },
        )
      const value = parseJsonFile(await readInputFile({ ...spec, maxBytes: MAX_WHOLE_FILE_BYTES }), file)
      const direction = options.harDirection ?? 'receive'
      return format === 'json'
        ? () => toAsync(readJsonArrayRecords(value, fields, file))
        : () => toAsync(readHarRecords(value, direction, file))
    }
  }
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items
}

async function missingFileError(options: CorpusOptions): Promise<AuraError> {
  const folder = dirname(options.path)
  const folderExists = await stat(folder).then(
    (info) => info.isDirectory(),
    () => false,
  )
  const message = folderExists
    ? `corpus file ${options.path} does not exist`
    : `corpus file ${options.path} does not exist: its folder ${folder} is absent`
  return new AuraError('E_FILE_MISSING', message, locate(options, 'path'), missingFileHint(options.path, folderExists))
}

/** What to do about a corpus path that is not there: a `~` no shell expanded, or a folder outside the project. */
function missingFileHint(path: string, folderExists: boolean): { hint?: string } {
  if (hasTildeComponent(path)) return { hint: TILDE_HINT }
  if (folderExists) return {}
  return {
    hint: 'corpora outside the project (such as the shared corpora) must be present beside it; mark the corpus required: false to skip it when absent',
  }
}

/** Error location: the suite entry that named the corpus (its field), else the corpus file. */
function locate(options: CorpusOptions, key: string): ErrorLocation {
  if (options.origin === undefined) return { file: options.path }
  const field = options.origin.field === undefined ? key : `${options.origin.field}.${key}`
  return { ...options.origin, field }
}
