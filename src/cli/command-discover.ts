import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { AuraError, InputFingerprints, readInputFile } from '../core/index.ts'
import { HARD_CAP_BYTES, resolveCorpusFormat, type CorpusFormat, type CorpusOptions } from '../corpus/index.ts'
import { checkOutputFile, checkReplacesOnlyOwn, writeOutputFile } from '../report/index.ts'
import {
  createHeaderFormat,
  DISCOVERY_DEFAULTS,
  discoverFromSource,
  loadTemplateStore,
  MAX_STORE_FILE_BYTES,
  MAX_TEMPLATED_TEXT_BYTES,
  toTemplateStoreJson,
  type DiscoveryProgress,
  type DiscoveryResult,
} from '../templates/index.ts'
import type { DISCOVER_FLAGS } from './commands.ts'
import { CORPUS_FORMATS, openDiscoverCorpus, READ_STOPPED } from './command-discover-source.ts'
import { readGroundTruth } from './command-discover-truth.ts'
import type { CommandInput } from './flags.ts'
import { OWN_OUTPUTS } from './output-kinds.ts'
import { EXIT, isPlainOutput, letPendingSignalsIn, type CliIo } from './io.ts'

/** Usage line of the command. */
const DISCOVER_USAGE =
  'discover <corpus> --out store.json [--merge existing.json [--evict-after K [--evict-keep-share S]]] [--max-templates N] [--min-support N] [--max-split-words N] [--evaluate <structured.csv>] [--header <log format>] [--train-fraction F] [--name NAME] [--format F] [--text-field NAME] [--quiet]'

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
  if (values.out === undefined) throw usage('discover needs --out <store.json>', '--out')
  if (values.out.trim() === '') throw usage('--out needs a file path for the store, got an empty one', '--out')
  const startMs = performance.now()
  const corpusPath = path.resolve(io.cwd, corpusArg)
  const outPath = path.resolve(io.cwd, values.out)
  await checkOutputFile(outPath, '--out')
  // a store to refresh, or a new path: any other file there is the user's (E_OUTPUT, exit 2); a store
  // refreshed in place (--merge and --out the same file) keeps every template it had, so it is replaced
  // even when hand-written
  if (values.merge === undefined || path.resolve(io.cwd, values.merge) !== outPath)
    await checkReplacesOnlyOwn(outPath, '--out', values.out, OWN_OUTPUTS.templateStore)
  if (values['evict-after'] !== undefined && values.merge === undefined)
    throw usage(
      '--evict-after needs --merge <existing store>: it drops templates of the store being refreshed',
      '--evict-after',
    )
  const keepShare = optionalShare(values['evict-keep-share'], values['evict-after'])
  // every flag checked before the corpus is read: a bad one is exit 2 at once
  const limits = {
    ...optionalInteger('maxTemplates', values['max-templates'], '--max-templates', 1),
    ...optionalInteger('minSupport', values['min-support'], '--min-support', 1),
    ...optionalInteger('maxSplitWords', values['max-split-words'], '--max-split-words'),
    ...optionalInteger('evictAfter', values['evict-after'], '--evict-after', 1),
    ...(keepShare === undefined ? {} : { evictKeepShare: keepShare }),
  }
  const mergePath = values.merge === undefined ? undefined : path.resolve(io.cwd, values.merge)
  // the store's stat and bytes as loaded: checked again before the store is written (another refresh may have written it)
  const mergeRead = new InputFingerprints()
  const existing = mergePath === undefined ? undefined : await loadMergedStore(mergePath, mergeRead)
  const corpusOptions = readOptions(corpusPath, values.format, values['train-fraction'], values['text-field'])
  // the ground truth is read and checked before the corpus: a wrong CSV is exit 2 before anything is computed
  const truth =
    values.evaluate === undefined
      ? undefined
      : await readGroundTruth(path.resolve(io.cwd, values.evaluate), values.evaluate)
  const say = (text: string): void => {
    if (!values.quiet) io.stdout.write(text)
  }
  // discovery holds every log line's pieces while V8 lets its heap grow well ahead of the garbage: for
  // log lines the process trades CPU for a smaller heap (interleaved A/B, load 9-14: 100k distinct
  // nginx lines 260 -> 182 MB, CPU 8.8 -> 11.1 s; 100k distinct Loghub lines 208 -> 157 MB, 6.2 -> 7.7 s;
  // same stores). JSON corpora are streamed with a full GC between passes and gain less (182 -> 161 MB)
  // for as much CPU (11.8 -> 14.0 s), on a goal whose time they are nearer: docs/discovery.md
  if (holdsLines(corpusOptions)) io.preferSmallHeap?.()
  // discovery runs on this thread; a signal is seen between its reads of the corpus and before the store is written
  let interrupted = false
  const unsubscribe = io.onInterrupt?.(() => {
    interrupted = true
  })
  // the corpus is streamed once per pass of discovery, never held (command-discover-source.ts)
  // --header is counted on the first read: one that fits no line is refused before discovery computes anything
  const header = values.header === undefined ? undefined : headerFromFlag(values.header)
  let headerMatches = 0
  // the first message the header does not fit, shown in the warning
  let unmatched: { line: number | undefined; text: string } | undefined
  const source = openDiscoverCorpus(corpusOptions, {
    ...(truth === undefined && header === undefined
      ? {}
      : {
          onMessage: (text: string, index: number, line: number | undefined) => {
            if (header?.contentStart(text) !== undefined) headerMatches++
            else if (header !== undefined) unmatched ??= { line, text }
            truth?.see(text, index, line)
          },
        }),
    onFirstRead: ({ messages, skipped, lines }) => {
      if (header !== undefined) checkHeaderMatches(header.format, headerMatches, messages, corpusArg, unmatched, io)
      truth?.check(lines)
      const headerCount =
        header === undefined
          ? ''
          : headerMatches === messages
            ? `; --header matched all of them`
            : `; --header matched ${headerMatches} of them (the other ${messages - headerMatches} clustered whole, header included)`
      say(
        `discover: ${messages} messages from ${corpusArg}${skipped > 0 ? ` (${skipped} not valid UTF-8, left out)` : ''}${headerCount}\n`,
      )
    },
    stopped: () => interrupted,
  })
  // Discovery computes on this thread between its reads of the corpus (cluster, draft, verify: 10-20 s
  // for 100k lines under load), where no signal handler runs: a signal was seen only once it all ended
  // (s31's trial: SIGTERM at +6 s honoured ~20 s later, past CI's 10 s to SIGKILL). Between reads the
  // signals take their default action, ending the process at once (nothing is written before the
  // store); during a read (async) they are seen as before and stop it with its line.
  let endOnSignal: (() => void) | undefined
  const holdSignals = (): void => {
    endOnSignal?.()
    endOnSignal = undefined
  }
  const computeEndingOnSignal = async <T>(compute: () => Promise<T>): Promise<T> => {
    endOnSignal = io.endOnSignal?.()
    try {
      return await compute()
    } finally {
      holdSignals()
    }
  }
  const guarded: typeof source = {
    async read(request) {
      holdSignals()
      await source.read(request)
      // a signal that came during the read stops the run here, not after the computation it would start
      await letPendingSignalsIn()
      if (interrupted) throw READ_STOPPED
      endOnSignal = io.endOnSignal?.()
    },
  }
  try {
    return await discoverAndWrite()
  } catch (error) {
    if (error === READ_STOPPED) return stopped()
    // discovery does not know the file: the CLI names it (docs/contracts.md: exit 2 names file and field)
    if (error instanceof AuraError && error.code === 'E_NO_TEMPLATES' && error.location.file === undefined)
      throw new AuraError(
        error.code,
        error.message,
        { ...error.location, file: corpusPath },
        { ...(error.hint === undefined ? {} : { hint: error.hint }), cause: error },
      )
    throw error
  } finally {
    unsubscribe?.()
  }

  async function discoverAndWrite(): Promise<number> {
    if (interrupted) return stopped()
    const result = await computeEndingOnSignal(() =>
      discoverFromSource(guarded, {
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
      }),
    )
    // a signal that came during discovery is still pending: let it in before deciding to write
    await letPendingSignalsIn()
    if (interrupted) return stopped()
    if (mergePath !== undefined && values.merge !== undefined)
      await checkMergedUnchanged(mergePath, values.merge, mergeRead)
    io.pastStopping?.()
    await writeStore(outPath, result)
    const seconds = (performance.now() - startMs) / 1000
    say(renderSummary(result, path.relative(io.cwd, outPath) || outPath, seconds, limits))
    // said even with --quiet: these messages have no template, whatever the store holds
    if (result.stats.longMessages > 0)
      io.stderr.write(
        `warning: ${result.stats.longMessages} of the ${result.stats.messages} messages of ${corpusArg} are longer than ${MAX_TEMPLATED_TEXT_BYTES.toLocaleString('en-US')} bytes and were left out of discovery: a template holds its message's literal text in the store every peer loads (the fallback codec sends them)\n`,
      )
    // an evaluation was asked for: it prints even with --quiet
    if (truth !== undefined) io.stdout.write(`${truth.render(result.events)}\n`)
    return EXIT.ok
  }

  function stopped(): number {
    io.stderr.write(`interrupted: stopped before the store was written; ${values.out} is as it was\n`)
    return EXIT.interrupted
  }
}

/** createHeaderFormat, its errors naming the `--header` flag (they named a `header` field, which discover has none of). */
function headerFromFlag(format: string): ReturnType<typeof createHeaderFormat> {
  try {
    return createHeaderFormat(format)
  } catch (error) {
    if (!(error instanceof AuraError) || error.location.field !== 'header') throw error
    const hint = error.hint === undefined ? {} : { hint: error.hint }
    throw new AuraError(error.code, error.message, { field: '--header' }, hint)
  }
}

/** True when the corpus is read as lines (txt, loghub), which discovery holds; false for JSON, and for a format not told. */
function holdsLines(options: CorpusOptions): boolean {
  try {
    return ['txt', 'loghub'].includes(resolveCorpusFormat(options))
  } catch {
    return false
  }
}

/**
 * A --header that fits no message would change nothing (clustering would read every whole line, as
 * without it): E_USAGE, exit 2. One that fits only some is said on stderr with the count: the others
 * are clustered whole, header included.
 */
function checkHeaderMatches(
  format: string,
  matched: number,
  messages: number,
  corpus: string,
  unmatched: { line: number | undefined; text: string } | undefined,
  io: CliIo,
): void {
  if (matched === 0)
    throw new AuraError(
      'E_USAGE',
      `--header ${JSON.stringify(format)} matches none of the ${messages} messages of ${corpus}`,
      { file: corpus, field: '--header' },
      {
        hint: "write the lines' header in Loghub's log_format notation, e.g. '<Date> <Time> <Level> <Component>: <Content>', or leave --header out to detect it",
      },
    )
  if (matched < messages) {
    const example =
      unmatched === undefined
        ? ''
        : `; the first it does not fit${unmatched.line === undefined ? '' : ` (line ${unmatched.line})`}: ${JSON.stringify(unmatched.text.slice(0, 100))}`
    io.stderr.write(
      `warning: --header ${JSON.stringify(format)} matches ${matched} of the ${messages} messages of ${corpus} (${percent(matched, messages)}); the other ${messages - matched} are clustered whole, header included, so one event can come out as two templates${example}\n`,
    )
  }
}

/** `14%`, or `<1%` for a share that rounds to none. */
function percent(part: number, whole: number): string {
  const share = Math.round((part / whole) * 100)
  return share === 0 && part > 0 ? '<1%' : `${share}%`
}

/**
 * E_INPUT_CHANGED when the store `--merge` loaded is not the one on disk now (its stat or bytes, read
 * again through the fingerprints the load recorded): another refresh (or a copy) wrote it while this
 * one ran, and writing would drop what that one added.
 */
async function checkMergedUnchanged(file: string, asWritten: string, fingerprints: InputFingerprints): Promise<void> {
  try {
    await readInputFile({ path: file, kind: 'template store', maxBytes: MAX_STORE_FILE_BYTES, fingerprints })
  } catch (error) {
    throw new AuraError(
      'E_INPUT_CHANGED',
      `template store ${asWritten} changed while discover was refreshing it (another discover --merge or a copy wrote it): writing would drop what that change added, so nothing was written`,
      { file: asWritten, field: '--merge' },
      {
        hint: 'run the refresh again on the store as it is now; refresh one store with one discover at a time',
        cause: error,
      },
    )
  }
}

/** The store `--merge` names; a missing one is named as the flag's (the loader's hint speaks of a config's key). */
async function loadMergedStore(file: string, fingerprints: InputFingerprints): ReturnType<typeof loadTemplateStore> {
  try {
    return await loadTemplateStore(file, fingerprints)
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
  // 1e9 is a whole number too; one past 2^53 - 1 is a whole number that cannot be counted to exactly
  if (!/^\d+$/.test(text) && !(/^\d+(\.\d+)?e\+?\d+$/i.test(text) && Number.isInteger(value)))
    throw usage(`${flag} takes a whole number, got "${text}"`, flag)
  if (!Number.isSafeInteger(value))
    throw usage(`${flag} is too large (at most ${Number.MAX_SAFE_INTEGER}), got ${text}`, flag)
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

/** The corpus reader's options from the flags (`--format`, `--train-fraction`, `--text-field`), checked. */
function readOptions(
  corpusPath: string,
  format: string | undefined,
  trainFraction: string | undefined,
  textField: string | undefined,
): CorpusOptions {
  if (textField !== undefined && textField.trim() === '')
    throw usage(
      '--text-field needs the name of the JSON field that holds each message, got an empty one',
      '--text-field',
    )
  if (format !== undefined && !(CORPUS_FORMATS as readonly string[]).includes(format))
    throw usage(`--format is one of ${CORPUS_FORMATS.join(', ')}, got "${format}"`, '--format')
  const fraction = trainFraction === undefined ? undefined : Number(trainFraction)
  if (fraction !== undefined && !(fraction > 0 && fraction < 1))
    throw usage(
      `--train-fraction is a number greater than 0 and less than 1 (the first part of the corpus is read; leave it out to read all of it), got "${trainFraction}"`,
      '--train-fraction',
    )
  const options: CorpusOptions = { path: corpusPath, format: (format ?? 'auto') as CorpusFormat }
  // a flag the format would ignore is refused, not dropped
  if (textField !== undefined && !['jsonl', 'json'].includes(resolveCorpusFormat(options)))
    throw usage(
      `--text-field names a JSON field: it applies to jsonl and json corpora, and ${path.basename(corpusPath)} is read as ${resolveCorpusFormat(options)}`,
      '--text-field',
    )
  return {
    ...options,
    ...(textField === undefined ? {} : { textField }),
    // a jsonl record without the field: the fix is a discover flag, not a suite key
    fieldAdvice:
      'pass `--text-field <field>` naming the field that holds the message, or `--format txt` to read each line whole',
    // the suite's advice (max_message_bytes) names a key discover does not have
    capAdvice: `discover has no option to skip such a message: leave it out of the file discover reads (e.g. LC_ALL=C awk 'length($0) <= ${HARD_CAP_BYTES}' ${path.basename(corpusPath)} > trimmed${path.extname(corpusPath)})`,
    ...(fraction === undefined
      ? {}
      : { split: { trainFraction: fraction, seed: 0, use: 'train' as const, mode: 'ordered' as const } }),
  }
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

function renderSummary(
  result: DiscoveryResult,
  shownPath: string,
  seconds: number,
  limits: { maxTemplates?: number; minSupport?: number; maxSplitWords?: number },
): string {
  const { stats, store } = result
  const coverage = stats.messages === 0 ? 0 : stats.coveredMessages / stats.messages
  return (
    `wrote ${shownPath} in ${seconds.toFixed(1)} s: ${store.templates.length} templates (${stats.addedTemplates} new${stats.evictedTemplates > 0 ? `, ${stats.evictedTemplates} evicted` : ''}), store version ${store.storeVersion ?? '-'}, ${store.sizeBytes} bytes shared state\n` +
    `  ${stats.events} events, ${stats.drafts} drafts, ${stats.droppedDrafts} dropped; templates encode ${stats.coveredMessages}/${stats.messages} training messages (${(coverage * 100).toFixed(1)}%)\n` +
    `  settings: --max-templates ${limits.maxTemplates ?? DISCOVERY_DEFAULTS.maxTemplates} --min-support ${limits.minSupport ?? DISCOVERY_DEFAULTS.minSupport} --max-split-words ${limits.maxSplitWords ?? DISCOVERY_DEFAULTS.maxSplitWords}\n`
  )
}
