/**
 * `aura-bench discover <corpus> --out store.json [--merge existing.json [--evict-after K [--evict-keep-share S]]] [--max-templates N]
 * [--min-support N] [--evaluate <structured.csv>]`: mines a template store from a corpus, optionally
 * extending an existing store (its ids kept), and scores the grouping against a Loghub ground truth.
 */
import { open, stat } from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { AuraError, MAX_DATA_FILE_BYTES, readInputFile, tryDecodeUtf8 } from '../core/index.ts'
import { streamCorpus, type CorpusFormat } from '../corpus/index.ts'
import { checkOutputFile, writeOutputFile } from '../report/index.ts'
import {
  DISCOVERY_DEFAULTS,
  discoverTemplates,
  evaluateGroupingAccuracy,
  loadTemplateStore,
  parseGroundTruthCsv,
  TEMPLATE_STORE_FORMAT,
  toTemplateStoreJson,
  type DiscoveryProgress,
  type DiscoveryResult,
} from '../templates/index.ts'
import type { DISCOVER_FLAGS } from './commands.ts'
import type { CommandInput } from './flags.ts'
import { EXIT, isPlainOutput, type CliIo } from './io.ts'

const CORPUS_FORMATS: readonly CorpusFormat[] = ['txt', 'jsonl', 'json', 'loghub', 'har', 'auto']

/** Usage line of the command. */
const DISCOVER_USAGE =
  'discover <corpus> --out store.json [--merge existing.json [--evict-after K [--evict-keep-share S]]] [--max-templates N] [--min-support N] [--evaluate <structured.csv>] [--header <log format>] [--train-fraction F] [--name NAME] [--format F] [--quiet]'

/** Discovers templates and writes the store; exit 0, or 2 on bad input. */
export async function commandDiscover(
  { values, positionals }: CommandInput<typeof DISCOVER_FLAGS>,
  io: CliIo,
): Promise<number> {
  const [corpusArg, ...extra] = positionals
  if (corpusArg === undefined || extra.length > 0)
    throw usage(
      corpusArg === undefined
        ? 'discover needs one corpus file'
        : `discover takes one corpus file, got ${positionals.length}`,
    )
  if (values.out === undefined) throw usage('discover needs --out <store.json>')
  const startMs = performance.now()
  const corpusPath = path.resolve(io.cwd, corpusArg)
  const outPath = path.resolve(io.cwd, values.out)
  await checkOutputFile(outPath, '--out')
  await checkReplacesOnlyAStore(outPath, values.out)
  if (values['evict-after'] !== undefined && values.merge === undefined)
    throw usage('--evict-after needs --merge <existing store>: it drops templates of the store being refreshed')
  const keepShare = optionalShare(values['evict-keep-share'], values['evict-after'])
  // every flag checked before the corpus is read: a bad one is exit 2 at once
  const limits = {
    ...optionalInteger('maxTemplates', values['max-templates'], '--max-templates', 1),
    ...optionalInteger('minSupport', values['min-support'], '--min-support', 1),
    ...optionalInteger('maxSplitWords', values['max-split-words'], '--max-split-words'),
    ...optionalInteger('evictAfter', values['evict-after'], '--evict-after', 1),
    ...(keepShare === undefined ? {} : { evictKeepShare: keepShare }),
  }
  const existing = values.merge === undefined ? undefined : await loadMergedStore(path.resolve(io.cwd, values.merge))
  const { messages, lines, skipped } = await loadTexts(corpusPath, values.format, values['train-fraction'])
  const truth =
    values.evaluate === undefined
      ? undefined
      : await readGroundTruth(path.resolve(io.cwd, values.evaluate), values.evaluate, messages, lines)
  const say = (text: string): void => {
    if (!values.quiet) io.stdout.write(text)
  }
  say(
    `discover: ${messages.length} messages from ${corpusArg}${skipped > 0 ? ` (${skipped} not valid UTF-8, left out)` : ''}\n`,
  )
  // discovery runs on this thread without pausing, so a signal is seen between phases: after it, before the store is written
  let interrupted = false
  const unsubscribe = io.onInterrupt?.(() => {
    interrupted = true
  })
  try {
    return await discoverAndWrite()
  } finally {
    unsubscribe?.()
  }

  async function discoverAndWrite(): Promise<number> {
    if (interrupted) return stopped()
    const result = discoverTemplates(messages, {
      ...(existing === undefined ? {} : { existing }),
      ...limits,
      ...(values.header === undefined ? {} : { header: values.header }),
      ...(values.name === undefined ? {} : { name: values.name }),
      corpus: path.relative(path.dirname(outPath), corpusPath) || path.basename(corpusPath),
      createdAt: new Date().toISOString(),
      ...(values['train-fraction'] === undefined
        ? {}
        : { provenanceOptions: { trainFraction: Number(values['train-fraction']), split: 'ordered train part' } }),
      onProgress: values.quiet ? () => undefined : createProgressPrinter(io),
    })
    // a signal that came during discovery waits in the event loop's poll phase: go round once so it is delivered
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve))
    if (interrupted) return stopped()
    io.pastStopping?.()
    await writeStore(outPath, result)
    const seconds = (performance.now() - startMs) / 1000
    say(renderSummary(result, path.relative(io.cwd, outPath) || outPath, seconds))
    // an evaluation was asked for: it prints even with --quiet
    if (truth !== undefined) io.stdout.write(`${renderEvaluation(result, truth)}\n`)
    return EXIT.ok
  }

  function stopped(): number {
    io.stderr.write(`interrupted: stopped before the store was written; ${values.out} is as it was\n`)
    return EXIT.interrupted
  }
}

/**
 * `--out` may name a store to refresh (a file whose head declares the store format) or a new path;
 * any other file there is the user's, and discover never replaces it (E_OUTPUT, exit 2).
 */
async function checkReplacesOnlyAStore(outPath: string, asWritten: string): Promise<void> {
  // only a regular file is read: opening a FIFO there would block until a writer came
  const info = await stat(outPath).catch(() => undefined)
  if (info === undefined) return
  if (!info.isFile())
    throw new AuraError(
      'E_OUTPUT',
      `${asWritten} exists and is not a regular file (a FIFO, device or socket); discover replaces only a template store`,
      { file: outPath, field: '--out' },
      { hint: 'choose another path for the store' },
    )
  let head: string
  try {
    const file = await open(outPath, 'r')
    try {
      const buffer = Buffer.alloc(4096)
      const { bytesRead } = await file.read(buffer, 0, buffer.length, 0)
      head = buffer.subarray(0, bytesRead).toString('utf8')
    } finally {
      await file.close()
    }
  } catch {
    return // nothing there (or nothing readable): the write itself reports what is in the way
  }
  if (!new RegExp(`"format"\\s*:\\s*"${TEMPLATE_STORE_FORMAT}"`).test(head))
    throw new AuraError(
      'E_OUTPUT',
      `${asWritten} exists and is not a template store (its start has no "format": "${TEMPLATE_STORE_FORMAT}"); discover replaces only a store it can refresh`,
      { file: outPath, field: '--out' },
      { hint: 'choose another path for the store, or move that file away' },
    )
}

/** The store `--merge` names; a missing one is named as the flag's (the loader's hint speaks of a config's key). */
async function loadMergedStore(file: string): ReturnType<typeof loadTemplateStore> {
  try {
    return await loadTemplateStore(file)
  } catch (error) {
    if (error instanceof AuraError && error.code === 'E_FILE_MISSING')
      throw new AuraError(
        'E_FILE_MISSING',
        `template store ${file} does not exist`,
        { file, field: '--merge' },
        {
          hint: 'name the store an earlier discover wrote (a path relative to the working folder), or leave --merge out',
        },
      )
    throw error
  }
}

function usage(message: string, field = 'discover'): AuraError {
  return new AuraError('E_USAGE', message, { field }, { hint: `aura-bench ${DISCOVER_USAGE}` })
}

function optionalInteger<K extends string>(
  key: K,
  text: string | undefined,
  flag: string,
  least = 0,
): Partial<Record<K, number>> {
  if (text === undefined) return {}
  const value = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) throw usage(`${flag} takes a whole number, got "${text}"`)
  if (value < least) throw usage(`${flag} takes a whole number of at least ${least}, got ${text}`, flag)
  return { [key]: value } as Partial<Record<K, number>>
}

/** `--evict-keep-share`: a share from 0 to 1, only with --evict-after. */
function optionalShare(text: string | undefined, evictAfter: string | undefined): number | undefined {
  if (text === undefined) return undefined
  if (evictAfter === undefined) throw usage('--evict-keep-share needs --evict-after K', '--evict-keep-share')
  const value = Number(text)
  if (text.trim() === '' || !(value >= 0 && value <= 1))
    throw usage(`--evict-keep-share takes a share from 0 to 1, got "${text}"`, '--evict-keep-share')
  return value
}

/** The corpus as text messages with their 1-based file lines; messages that are not UTF-8 are left out and counted. */
async function loadTexts(corpusPath: string, format: string | undefined, trainFraction: string | undefined) {
  if (format !== undefined && !(CORPUS_FORMATS as readonly string[]).includes(format))
    throw usage(`--format is one of ${CORPUS_FORMATS.join(', ')}, got "${format}"`)
  const fraction = trainFraction === undefined ? undefined : Number(trainFraction)
  if (fraction !== undefined && !(fraction > 0 && fraction < 1))
    throw usage(
      `--train-fraction is a number between 0 and 1 (the first part of the corpus is read), got "${trainFraction}"`,
    )
  // streamed: each message is kept as text only, never as its bytes too (a 90 MB JSONL corpus would be held twice)
  const loaded = streamCorpus({
    path: corpusPath,
    format: (format ?? 'auto') as CorpusFormat,
    ...(fraction === undefined
      ? {}
      : { split: { trainFraction: fraction, seed: 0, use: 'train' as const, mode: 'ordered' as const } }),
  })
  const messages: string[] = []
  const lines: (number | undefined)[] = []
  let skipped = 0
  for await (const message of loaded) {
    const text = tryDecodeUtf8(message.bytes)
    if (text === undefined || text === '') skipped++
    else {
      messages.push(text)
      lines.push(message.line)
    }
  }
  if (messages.length === 0)
    throw new AuraError('E_CORPUS_EMPTY', `corpus ${corpusPath} has no text message to learn templates from`, {
      file: corpusPath,
    })
  return { messages, lines, skipped }
}

/** Progress on a terminal as one line redrawn; in CI or a pipe, a line per phase and every 10%. */
function createProgressPrinter(io: CliIo): (progress: DiscoveryProgress) => void {
  const plain = isPlainOutput(io)
  let lastShown = ''
  return ({ phase, done, total }) => {
    const tenth = Math.floor((done / Math.max(1, total)) * 10)
    const key = `${phase}:${tenth}`
    if (key === lastShown) return
    lastShown = key
    const text = `${phase}: ${done}/${total}`
    io.stdout.write(plain ? `  ${text}\n` : `\r\x1b[2K  ${text}${done === total ? '\n' : ''}`)
  }
}

/** Writes the store whole (a synced temporary file renamed into place, never through a link); failures the environment causes are E_OUTPUT. */
async function writeStore(outPath: string, result: DiscoveryResult): Promise<void> {
  await writeOutputFile(outPath, storeFileText(result.store), '--out')
}

/**
 * The store's JSON as written: indented, each template on one line. Indenting every slot spec of a
 * JSON template with hundreds of slots nearly doubled the file (100k JSON messages: 15.9 MB); one
 * line per template keeps it readable and diffable. The same JSON value, so the same store.
 */
export function storeFileText(store: DiscoveryResult['store']): string {
  const { templates, ...head } = toTemplateStoreJson(store) as { templates: unknown[] } & Record<string, unknown>
  // a key inside a string value is escaped, so the placeholder occurs once, as the templates member
  const text = JSON.stringify({ ...head, templates: [] }, null, 2)
  const lines = templates.map((template) => `    ${JSON.stringify(template)}`).join(',\n')
  return `${text.replace('"templates": []', templates.length === 0 ? '"templates": []' : `"templates": [\n${lines}\n  ]`)}\n`
}

function renderSummary(result: DiscoveryResult, shownPath: string, seconds: number): string {
  const { stats, store } = result
  const coverage = stats.messages === 0 ? 0 : stats.coveredMessages / stats.messages
  return (
    `wrote ${shownPath} in ${seconds.toFixed(1)} s: ${store.templates.length} templates (${stats.addedTemplates} new${stats.evictedTemplates > 0 ? `, ${stats.evictedTemplates} evicted` : ''}), store version ${store.storeVersion ?? '-'}, ${store.sizeBytes} bytes shared state\n` +
    `  ${stats.events} events, ${stats.drafts} drafts, ${stats.droppedDrafts} dropped; templates encode ${stats.coveredMessages}/${stats.messages} training messages (${(coverage * 100).toFixed(1)}%)\n` +
    `  defaults: --max-templates ${DISCOVERY_DEFAULTS.maxTemplates} --min-support ${DISCOVERY_DEFAULTS.minSupport} --max-split-words ${DISCOVERY_DEFAULTS.maxSplitWords}\n`
  )
}

/** Rows whose Content is compared with their line before scoring (enough to tell another log's CSV). */
const CONTENT_CHECKS = 200

/**
 * The ground truth's event of each message (undefined: no row for its line), read and checked
 * before discovery so that a wrong CSV is exit 2 before anything is computed or written.
 */
async function readGroundTruth(
  csvPath: string,
  shown: string,
  messages: readonly string[],
  lines: readonly (number | undefined)[],
): Promise<(string | undefined)[]> {
  const truth = parseGroundTruthCsv(await readText(csvPath, shown), shown)
  const rowByLine = new Map(truth.lineIds.map((lineId, row) => [lineId, row]))
  let checked = 0
  let foreign = 0
  let example: { line: number; content: string } | undefined
  const events = lines.map((line, i) => {
    const row = line === undefined ? undefined : rowByLine.get(line)
    if (row === undefined) return undefined
    // a row's Content is the message part of its log line: a CSV of another log has other text there
    const content = truth.contents?.[row]
    if (content !== undefined && checked < CONTENT_CHECKS) {
      checked++
      if (!(messages[i] as string).includes(content.trim())) {
        foreign++
        example ??= { line: line as number, content }
      }
    }
    return truth.eventIds[row] as string
  })
  if (example !== undefined && foreign * 2 > checked)
    throw new AuraError(
      'E_CORPUS_FORMAT',
      `${shown} is not this corpus's ground truth: the Content of ${foreign} of the first ${checked} rows matched to a line is not in that line (LineId ${example.line}: ${JSON.stringify(example.content.slice(0, 80))})`,
      { file: shown },
      { hint: 'give the *_structured.csv that sits beside this log' },
    )
  if (events.every((event) => event === undefined))
    throw new AuraError(
      'E_CORPUS_FORMAT',
      `no message of the corpus has a row in ${shown} (rows are matched by LineId to the corpus file's line numbers)`,
      { file: shown },
    )
  return events
}

/** Grouping accuracy of the run's events against the ground truth's, message by message (rows matched by LineId). */
function renderEvaluation(result: DiscoveryResult, truth: readonly (string | undefined)[]): string {
  const discovered: string[] = []
  const expected: string[] = []
  truth.forEach((event, i) => {
    if (event === undefined) return
    discovered.push(result.events[i] as string)
    expected.push(event)
  })
  const score = evaluateGroupingAccuracy(discovered, expected)
  const unmatched = result.events.length - expected.length
  return (
    `grouping accuracy ${score.accuracy.toFixed(3)}: ${score.correctMessages}/${score.messages} messages in a group that is exactly their event's ` +
    `(${score.discoveredGroups} groups discovered, ${score.truthGroups} events in the ground truth, ${score.exactGroups} exact)` +
    (unmatched > 0 ? `; ${unmatched} messages without a ground-truth row were left out` : '')
  )
}

/** A ground-truth CSV: a regular file of at most 256 MiB (E_FILE_MISSING, E_FILE_NOT_REGULAR, E_FILE_TOO_LARGE naming it). */
async function readText(file: string, shown: string): Promise<string> {
  return (
    await readInputFile({ path: file, asWritten: shown, kind: 'ground truth', maxBytes: MAX_DATA_FILE_BYTES })
  ).toString('utf8')
}
